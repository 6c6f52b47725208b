"""Notifications: who hears about a step, the unread counter, and the e-mails over SMTP."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.domain.workflow import Action
from soprano_app.models import Company, Dossier
from soprano_app.services import mail as mail_service
from soprano_app.services import notifications
from soprano_app.services.workflow import ActionInput, perform
from soprano_app.settings import settings
from tests.fixtures import ctx_of, filed_application
from tests.support import smtp_sink

pytestmark = pytest.mark.usefixtures("demo")


def deposee() -> Dossier:
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        return db.exec(
            select(Dossier).where(Dossier.company_id == company.id).where(Dossier.statut == "DEPOSEE")
        ).one()


def test_a_step_reaches_the_other_side_by_e_mail(monkeypatch: pytest.MonkeyPatch) -> None:
    dossier_id = filed_application()  # its acceptance period runs: compléments may be asked
    agent, operator, representative = (
        ctx_of("agent@demo.fr"),
        ctx_of("operateur@demo.fr"),
        ctx_of("representant@demo.fr", "90012345600015"),
    )
    with smtp_sink() as box:
        patched = dataclasses.replace(
            settings, smtp_host=box.host, smtp_port=box.port, public_url="https://rp.example"
        )
        monkeypatch.setattr(notifications, "settings", patched)
        monkeypatch.setattr(mail_service, "settings", patched)
        perform(
            agent, dossier_id, Action.DEMANDER_COMPLEMENTS, ActionInput("Joignez le plan.", deadline_days=15)
        )
        mail = box.wait_for("operateur@demo.fr", "compléments demandés")
        assert mail["From"] == settings.smtp_sender
        assert "Joignez le plan." in mail.get_content()
        assert f"https://rp.example/dossiers/{dossier_id}" in mail.get_content()
        box.wait_for("representant@demo.fr", "compléments demandés")  # mandate in force: he hears too
        assert box.to("agent@demo.fr") == []  # not the author

    # In the app: one unread notification each on the operator's side, cleared when seen.
    assert notifications.unread_count(operator) == 1 and notifications.unread_count(representative) == 1
    assert notifications.unread_count(agent) == 0
    latest = notifications.latest(operator)
    assert latest[0].title.endswith("compléments demandés") and latest[0].unread
    assert latest[0].body == "Joignez le plan."  # the link is for the e-mail only
    notifications.mark_read(operator, dossier_id=dossier_id)
    assert notifications.unread_count(operator) == 0 and notifications.unread_count(representative) == 1


def test_no_smtp_server_no_e_mail_and_the_step_still_happens(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    dossier = deposee()
    assert dossier.id is not None
    # Nothing listens on this port: the failure is logged, the step is kept.
    patched = dataclasses.replace(settings, smtp_host="127.0.0.1", smtp_port=9)
    monkeypatch.setattr(notifications, "settings", patched)
    monkeypatch.setattr(mail_service, "settings", patched)
    mail_service.send_now([mail_service.Mail("x@example.fr", "Essai", "Corps")])
    assert "notification e-mail not sent" in caplog.text
    outcome = perform(ctx_of("agent@demo.fr"), dossier.id, Action.ACCEPTER)
    assert outcome.status.value == "EN_INSTRUCTION"
