"""Printing as issued or as it stood on a date, and the public verification of a printed version."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlmodel import select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.domain.authorisation_workflow import LifeAction as L
from soprano_app.models import Authorisation, AuthorisationVersion
from soprano_app.services import printing, throttle, verification
from soprano_app.services.authorisation_workflow import StepData, perform
from tests.fixtures import ctx_of

pytestmark = pytest.mark.usefixtures("demo")


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def durand() -> tuple[int, str]:
    with session_scope() as db:
        a = db.exec(select(Authorisation).where(Authorisation.numero == "FRIPO2026000001")).one()
        version = db.exec(
            select(AuthorisationVersion).where(AuthorisationVersion.authorisation_id == a.id)
        ).one()
    assert a.id is not None and version.verify_token
    return a.id, version.verify_token


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    throttle.reset()


def test_the_issued_document_is_kept_and_its_hash_is_public() -> None:
    authorisation_id, token = durand()
    holder = ctx_of("operateur@demo.fr")
    first = printing.printable(holder, authorisation_id)
    again = printing.printable(ctx_of("agent@demo.fr"), authorisation_id)
    assert first is not None and again is not None and first[1] == again[1]  # the same bytes for all
    text = text_of(first[1])
    assert "Statut à la délivrance" in text and f"/verification/{token}" in text
    found = verification.verify(token, "192.0.2.1")
    assert found is not None
    assert found.sha256 == hashlib.sha256(first[1]).hexdigest()
    assert (found.numero, found.titulaire, found.status_label) == (
        "FRIPO2026000001",
        "Ateliers Durand SAS",
        "En vigueur",
    )
    assert not found.alarming and found.newer_version == ""
    # Only what the document shows: no EORI, no address, no goods.
    shown = " ".join(str(v) for v in dataclasses.asdict(found).values())
    assert "FR90012345600015" not in shown and "Mécanique" not in shown


def test_unknown_tokens_say_nothing_and_lookups_are_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    _id, token = durand()
    assert verification.verify("x" * 32, "192.0.2.2") is None
    assert verification.verify("", "192.0.2.2") is None
    assert verification.verify("y" * 500, "192.0.2.2") is None
    assert verification.verify(str(_id), "192.0.2.2") is None  # the database id is not a token
    patched = dataclasses.replace(verification.throttle.settings, verify_limits_per_source="3 per minute")
    monkeypatch.setattr(throttle, "settings", patched)
    throttle._verify_items.cache_clear()
    throttle.reset()
    for _ in range(3):
        verification.verify("z" * 32, "192.0.2.3")
    with pytest.raises(verification.TooManyLookups):
        verification.verify(token, "192.0.2.3")  # even a good token, once the share is used up
    assert verification.verify(token, "192.0.2.4") is not None  # another address
    monkeypatch.undo()
    throttle._verify_items.cache_clear()


def test_a_revoked_authorisation_shows_in_red_and_prints_as_it_stood_before() -> None:
    authorisation_id, token = durand()
    holder, agent = ctx_of("operateur@demo.fr"), ctx_of("agent@demo.fr")
    today = app_clock.today()
    perform(holder, authorisation_id, L.DEMANDER_REVOCATION, StepData("Fin d'activité."))
    perform(
        agent,
        authorisation_id,
        L.REVOQUER,
        StepData("À sa demande.", ground="demande_du_titulaire", effect=today),
    )
    found = verification.verify(token, "192.0.2.5")
    assert found is not None and found.status_label == "Révoquée" and found.alarming
    before = printing.printable(holder, authorisation_id, today - timedelta(days=1))
    now = printing.printable(holder, authorisation_id, today)
    assert before is not None and now is not None
    assert before[0] == f"autorisation-FRIPO2026000001-au-{(today - timedelta(days=1)).isoformat()}.pdf"
    earlier = text_of(before[1])
    assert "Statut à cette date" in earlier and "En vigueur" in earlier and "Révoquée" not in earlier
    assert "Révoquée" in text_of(now[1]) and "Situation au" in text_of(now[1])
    # Before the grant there was nothing to print.
    with session_scope() as db:
        granted_on = db.get(Authorisation, authorisation_id).granted_at  # type: ignore[union-attr]
    assert printing.printable(holder, authorisation_id, granted_on.date() - timedelta(days=2)) is None
    # Another company: nothing.
    assert printing.printable(ctx_of("representant@demo.fr", "90023456800013"), authorisation_id) is None


def test_a_superseded_version_says_so() -> None:
    authorisation_id, token = durand()
    perform(
        ctx_of("agent@demo.fr"),
        authorisation_id,
        L.MODIFIER_OFFICE,
        StepData(
            "Mise à jour.",
            adverse=False,
            effect=app_clock.today(),
            answers={"remarque_generale": "Nouvelle."},
        ),
    )
    found = verification.verify(token, "192.0.2.6")
    assert (
        found is not None
        and found.newer_version == "Avenant n° 1"
        and found.version_label == "Décision initiale"
    )
    current = printing.printable(ctx_of("operateur@demo.fr"), authorisation_id)
    assert current is not None and "Avenant n° 1" in text_of(current[1])
