"""Proof of notification: the first opening by the applicant's side or the mail server's acceptance,
whichever comes first; and the investigation extension customs may keep from the applicant."""

from __future__ import annotations

import dataclasses
import time
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.domain.statuses import Bucket
from soprano_app.domain.workflow import Action, WorkflowError
from soprano_app.models import Company, DecisionNotice, Dossier, DossierEvent, Notification, User
from soprano_app.services import dashboard, decision, dossiers, letters, notifications
from soprano_app.services import mail as mail_service
from soprano_app.services.workflow import ActionInput, perform
from soprano_app.settings import settings
from tests.fixtures import ctx_of, filed_application
from tests.support import smtp_sink

pytestmark = pytest.mark.usefixtures("demo")


def durand(status: str) -> int:
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        found = db.exec(
            select(Dossier).where(Dossier.company_id == company.id).where(Dossier.statut == status)
        ).one()
        assert found.id is not None
        return found.id


def notices_of(dossier_id: int) -> list[DecisionNotice]:
    with session_scope() as db:
        return list(
            db.exec(
                select(DecisionNotice)
                .join(DossierEvent, DossierEvent.id == DecisionNotice.dossier_event_id)
                .where(DossierEvent.dossier_id == dossier_id)
            ).all()
        )


def test_the_first_opening_by_the_applicant_notifies_and_the_appeal_period_follows() -> None:
    agent, operator = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    dossier_id = filed_application()
    perform(agent, dossier_id, Action.DECLARER_IRRECEVABLE, ActionInput("Pièces manquantes."))

    # Customs looking at it notify nothing.
    seen_by_customs = dossiers.get_dossier(agent, dossier_id)
    assert seen_by_customs is not None
    refusal = next(e for e in seen_by_customs.history if e.letter_url)
    assert refusal.notice.startswith("Pas encore notifiée") and refusal.appeal == ""
    assert notices_of(dossier_id) == []

    seen = dossiers.get_dossier(operator, dossier_id)
    assert seen is not None
    entry = next(e for e in seen.history if e.letter_url)
    assert (
        entry.notice.startswith("Notifiée le ") and "première consultation par le demandeur" in entry.notice
    )
    assert entry.appeal.startswith("Recours possible jusqu'au ")
    assert seen.decision_notice == f"{entry.notice} {entry.appeal}"  # under the decision too
    [notice] = notices_of(dossier_id)
    assert notice.means == "ouverture" and notice.user_id == operator.user_id

    # A second opening keeps the first notice; customs now see it too.
    dossiers.get_dossier(operator, dossier_id)
    assert [n.id for n in notices_of(dossier_id)] == [notice.id]
    again = dossiers.get_dossier(agent, dossier_id)
    assert again is not None and next(e for e in again.history if e.letter_url).notice == entry.notice

    # The letter says so too.
    event_id = int(entry.letter_url.rstrip("/").split("/")[-1])
    found = letters.dossier_letter(agent, dossier_id, event_id)
    assert found is not None
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(found[1])).pages).replace("\n", " ")
    assert "Notifiée le" in text and "Recours possible jusqu" in text


def test_the_mail_server_accepting_the_e_mail_notifies_first(monkeypatch: pytest.MonkeyPatch) -> None:
    agent, operator = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    dossier_id = filed_application()
    with smtp_sink() as box:
        patched = dataclasses.replace(settings, smtp_host=box.host, smtp_port=box.port)
        monkeypatch.setattr(notifications, "settings", patched)
        monkeypatch.setattr(mail_service, "settings", patched)
        perform(agent, dossier_id, Action.ACCEPTER)
        box.wait_for("operateur@demo.fr", "acceptée")
        deadline = time.monotonic() + 10
        while not notices_of(dossier_id) and time.monotonic() < deadline:
            time.sleep(0.05)  # the notice is written by the mail thread once the server said yes
    [notice] = notices_of(dossier_id)
    assert notice.means == "courriel" and notice.recipient in ("operateur@demo.fr", "representant@demo.fr")
    dossiers.get_dossier(operator, dossier_id)  # the later opening changes nothing
    assert [n.means for n in notices_of(dossier_id)] == ["courriel"]


def test_an_investigation_extension_can_be_kept_from_the_applicant() -> None:
    agent, operator = ctx_of("agent@demo.fr"), ctx_of("operateur@demo.fr")
    dossier_id = durand("EN_INSTRUCTION")
    told_before = decision.decision_view(operator, dossier_id)
    assert told_before is not None and told_before.clock is not None

    # Only the investigation extension may be kept secret.
    with pytest.raises(WorkflowError, match="Seule la prolongation pour enquête"):
        perform(agent, dossier_id, Action.PROLONGER_DELAI, ActionInput("Examen.", days=10, confidential=True))
    perform(
        agent,
        dossier_id,
        Action.PROLONGER_ENQUETE,
        ActionInput("Infraction présumée : contrôle en cours.", days=60, confidential=True),
    )

    # Customs see the extension, marked; their due date moved.
    customs_view = dossiers.get_dossier(agent, dossier_id)
    assert customs_view is not None
    kept = [e for e in customs_view.history if e.confidential]
    assert len(kept) == 1 and "contrôle en cours" in kept[0].message
    customs_clock = decision.decision_view(agent, dossier_id)
    assert customs_clock is not None and customs_clock.clock is not None
    assert customs_clock.clock.due != told_before.clock.due

    # The applicant sees neither the entry, nor the new due date, nor a notification.
    seen = dossiers.get_dossier(operator, dossier_id)
    assert seen is not None
    assert all("contrôle en cours" not in e.message for e in seen.history)
    told = decision.decision_view(operator, dossier_id)
    assert told is not None and told.clock is not None
    assert told.clock.due == told_before.clock.due and told.clock.extensions == told_before.clock.extensions
    row = next(
        r for r in dashboard.list_dossiers(operator, list(Bucket), page_size=50).rows if r.id == dossier_id
    )
    assert row.echeance == told_before.clock.due == seen.echeance
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == "operateur@demo.fr")).one()
        titles = [n.title for n in db.exec(select(Notification).where(Notification.user_id == user.id)).all()]
        stored = db.get(Dossier, dossier_id)
    assert stored is not None and stored.echeance_demandeur != stored.echeance
    assert not any("enquête" in t for t in titles)
