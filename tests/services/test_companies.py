"""Companies (identifiers checked) and mandates (dates, document) recorded by the administrator; an
ended mandate takes the company out of the representative's choice at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.models import Company, Mandate, User
from soprano_app.services import auth, companies, journal
from soprano_app.services.attachments import IncomingFile
from soprano_app.services.companies import CompanyError, CompanyInput
from tests.fixtures import ctx_of, login_token

pytestmark = pytest.mark.usefixtures("demo")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A valid SIREN (Luhn), its SIRET and its French EORI.
SIREN, SIRET, EORI = "732829320", "73282932000074", "FR732829320"


def representative_id() -> int:
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == "representant@demo.fr")).one()
        assert user.id is not None
        return user.id


def test_a_company_with_checked_identifiers_then_a_mandate_with_its_document() -> None:
    admin = ctx_of("admin@demo.fr")
    with pytest.raises(CompanyError, match="SIRET"):
        companies.create_company(admin, CompanyInput("Fonderie du Rhône", SIREN, "73282932000075", EORI))
    company_id = companies.create_company(
        admin, CompanyInput("Fonderie du Rhône", SIREN, SIRET, EORI, ville="Givors")
    )
    with pytest.raises(CompanyError, match="existe déjà"):
        companies.create_company(admin, CompanyInput("Autre nom", SIREN, SIRET, EORI))

    today = app_clock.today()
    with pytest.raises(CompanyError, match="PDF"):
        companies.record_mandate(
            admin,
            representative_id(),
            company_id,
            today,
            None,
            IncomingFile("m.png", b"\x89PNG\r\n\x1a\n" + b"0" * 40, False),
        )
    with pytest.raises(CompanyError, match="précéder"):
        companies.record_mandate(admin, representative_id(), company_id, today, today - timedelta(days=1))
    mandate_id = companies.record_mandate(
        admin, representative_id(), company_id, today, None, IncomingFile("mandat.pdf", PDF, False)
    )
    token = login_token("representant@demo.fr")
    names = [c.raison_sociale for c in auth.accessible_companies(representative_id())]
    assert "Fonderie du Rhône" in names
    found = companies.mandate_document(auth.resolve_session(token), mandate_id)  # type: ignore[arg-type]
    assert found is not None and found[0] == PDF
    assert companies.mandate_document(ctx_of("operateur@demo.fr"), mandate_id) is None
    actions = [e.action for e in journal.entries(admin)[:2]]
    assert actions == ["Mandat enregistré", "Entreprise créée"]


def test_an_ended_mandate_removes_the_company_from_the_choice_and_the_session() -> None:
    admin = ctx_of("admin@demo.fr")
    with session_scope() as db:
        verrerie = db.exec(select(Company).where(Company.siret == "90023456800013")).one()
        mandate = db.exec(
            select(Mandate)
            .where(Mandate.user_id == representative_id())
            .where(Mandate.company_id == verrerie.id)
        ).one()
    assert verrerie.id is not None and mandate.id is not None
    token = login_token("representant@demo.fr")
    assert auth.choose_company(token, verrerie.id) is not None
    companies.end_mandate(admin, mandate.id)
    assert verrerie.id not in [c.id for c in auth.accessible_companies(representative_id())]
    ctx = auth.resolve_session(token)
    assert ctx is not None and ctx.company is None  # he no longer acts for it
    assert auth.choose_company(token, verrerie.id) is None
    assert journal.entries(admin, action="mandat_termine")


def test_only_the_administrator_records_companies_and_mandates() -> None:
    operator = ctx_of("operateur@demo.fr")
    with pytest.raises(PermissionError):
        companies.create_company(operator, CompanyInput("X", SIREN, SIRET, EORI))
    with pytest.raises(PermissionError):
        companies.record_mandate(operator, 1, 1, app_clock.today(), None)
