"""The printable authorisation: its content read back with pypdf, escaping, and who may download it."""

from __future__ import annotations

import json
from io import BytesIO

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlmodel import select

from soprano_app import api as api_module
from soprano_app.db import session_scope
from soprano_app.models import Authorisation, AuthorisationVersion
from soprano_app.pdf import authorisation as pdf
from soprano_app.services import printing
from tests.fixtures import ctx_of, login_token

pytestmark = pytest.mark.usefixtures("demo")


def text_of(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def demo_authorisation() -> Authorisation:
    with session_scope() as db:
        return db.exec(select(Authorisation).where(Authorisation.numero == "FRIPO2026000001")).one()


def test_the_pdf_shows_the_authorisation_and_the_granted_data() -> None:
    granted = demo_authorisation()
    found = printing.printable(ctx_of("operateur@demo.fr"), granted.id or 0)
    assert found is not None
    name, data = found
    assert name == "autorisation-FRIPO2026000001.pdf" and data.startswith(b"%PDF")
    reader, text = text_of(data)
    assert reader.metadata is not None and reader.metadata.title == "Autorisation FRIPO2026000001"
    for expected in (
        "Autorisation de perfectionnement actif",
        "n° FRIPO2026000001",
        "Ateliers Durand SAS — EORI FR90012345600015",
        "Données autorisées",
        "Demandeur",
        "Raison sociale",  # catalogue labels, as on the screens
        "Décision initiale",
        "Environnement de démonstration",
        "ce n'est pas un document officiel",
        f"Page 1 / {len(reader.pages)}",
    ):
        assert expected in text, expected


def test_user_text_is_printed_as_text() -> None:
    granted = demo_authorisation()
    with session_scope() as db:  # the issued document prints its version's data
        row = db.exec(
            select(AuthorisationVersion).where(AuthorisationVersion.authorisation_id == granted.id)
        ).one()
        snapshot = json.loads(row.snapshot)
        snapshot["remarque_generale"] = "<b>gras</b> & <font size=40>énorme</font>\nligne 2"
        row.snapshot = json.dumps(snapshot)
        db.add(row)
    found = printing.printable(ctx_of("operateur@demo.fr"), granted.id or 0)
    assert found is not None
    _reader, text = text_of(found[1])
    assert "<b>gras</b> & <font size=40>énorme</font>" in text and "ligne 2" in text


def test_long_tables_repeat_their_header_and_pages_are_numbered() -> None:
    from soprano_app.domain.forms.display import RecapRubrique, RecapSection, RecapTable

    rows = [[f"8471 30 {n:02d}", f"Ordinateur portable n° {n}", "1", "pièce"] for n in range(150)]
    document = pdf.AuthorisationDocument(
        numero="FRIPO2026999999",
        regime_label="Perfectionnement actif",
        type_code="IPO",
        titulaire="Société Été & Fils",
        titulaire_eori="FR12345678900017",
        valid_from="01/01/2027",
        valid_to="31/12/2029",
        granted_at="27/11/2026 10:00",
        granted_by="Pôle d'action économique de Lyon",
        dossier_numero="RP-2026-000001",
        status_label="À venir",
        verify_url="https://rp.example/autorisations/1",
        rubriques=[
            RecapRubrique(
                "marchandises",
                "Marchandises et produits",
                [
                    RecapSection(
                        "Marchandises",
                        [
                            RecapTable(
                                "marchandises",
                                "Marchandises à placer",
                                ["Code NC", "Désignation", "Qté", "Unité"],
                                rows,
                            )
                        ],
                    )
                ],
            )
        ],
    )
    reader, text = text_of(pdf.render(document))
    pages = len(reader.pages)
    assert pages >= 3 and f"Page {pages} / {pages}" in text and "Ordinateur portable n° 149" in text
    assert reader.pages[-1].extract_text().count("Désignation") == 1  # the header row, repeated
    assert "Environnement de démonstration" not in text


def test_only_the_holder_and_the_issuing_service_download_it() -> None:
    granted = demo_authorisation()
    url = f"/api/autorisations/{granted.id}/pdf"
    client = TestClient(api_module.api, base_url="http://localhost:3000")
    assert client.get(url).status_code == 401
    client.cookies.set("rp_sid", login_token("operateur@demo.fr"))
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response.headers["content-type"] == "application/pdf"
    assert (
        response.headers["content-disposition"] == 'attachment; filename="autorisation-FRIPO2026000001.pdf"'
    )
    assert response.headers["cache-control"] == "private, no-store"
    client.cookies.set("rp_sid", login_token("agent@demo.fr"))  # Lyon granted it
    assert client.get(url).status_code == 200
    client.cookies.set("rp_sid", ctx_token("representant@demo.fr", "90023456800013"))
    assert client.get(url).status_code == 404
    client.cookies.set("rp_sid", login_token("admin@demo.fr"))
    assert client.get(url).status_code == 404


def ctx_token(email: str, siret: str) -> str:
    from soprano_app.models import Company
    from soprano_app.services import auth

    token = login_token(email)
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == siret)).one()
    auth.choose_company(token, company.id)  # type: ignore[arg-type]
    return token


def test_titles_elide_before_a_vowel() -> None:
    from dataclasses import replace

    base = pdf.AuthorisationDocument("N", "Admission temporaire", "TEA", "T", "", "", "", "", "", "", "", "")
    assert pdf.title_of(base) == "Autorisation d'admission temporaire"
    assert pdf.title_of(replace(base, regime_label="Entrepôt douanier")) == "Autorisation d'entrepôt douanier"
    assert pdf.title_of(replace(base, regime_label="Destination particulière")) == (
        "Autorisation de destination particulière"
    )
