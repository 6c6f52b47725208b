"""Time that acts: each job of the scheduler on the demo data, idempotent, catching up, alone."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.domain import deadlines as rules
from soprano_app.domain.formatting import paris_today
from soprano_app.domain.workflow import RequestStatus
from soprano_app.models import (
    Authorisation,
    Company,
    Dossier,
    DossierEvent,
    DossierRequest,
    SchedulerRun,
    SentReminder,
)
from soprano_app.services import deadlines, integrity
from tests.fixtures import ctx_of

pytestmark = pytest.mark.usefixtures("demo")


DURAND = "90012345600015"


def dossier_in(status: str, regime: str | None = None, siret: str | None = None) -> Dossier:
    with session_scope() as db:
        query = select(Dossier).where(Dossier.statut == status).order_by(col(Dossier.id))
        if regime:
            query = query.where(Dossier.regime == regime)
        if siret:
            query = query.join(Company, col(Company.id) == col(Dossier.company_id)).where(
                Company.siret == siret
            )
        found = db.exec(query).first()
    assert found is not None, status
    return found


def reload(dossier_id: int) -> Dossier:
    with session_scope() as db:
        found = db.get(Dossier, dossier_id)
    assert found is not None
    return found


def request_of(dossier_id: int) -> DossierRequest:
    with session_scope() as db:
        return db.exec(
            select(DossierRequest)
            .where(DossierRequest.dossier_id == dossier_id)
            .order_by(col(DossierRequest.created_at).desc())
        ).first()  # type: ignore[return-value]


def system_events(dossier_id: int) -> list[DossierEvent]:
    with session_scope() as db:
        return list(
            db.exec(
                select(DossierEvent)
                .where(DossierEvent.dossier_id == dossier_id)
                .where(DossierEvent.actor_label == "Système")
                .order_by(col(DossierEvent.id))
            ).all()
        )


def unread(email: str, siret: str | None = None) -> list[str]:
    from soprano_app.services import notifications

    return [n.title for n in notifications.latest(ctx_of(email, siret)) if n.unread]


def test_compléments_not_supplied_make_the_application_inadmissible_on_the_legal_date() -> None:
    dossier = dossier_in("INCOMPLETE", siret=DURAND)
    assert dossier.id is not None
    due = request_of(dossier.id).due_date
    later = datetime.combine(due + timedelta(days=40), datetime.min.time(), tzinfo=UTC)  # scheduler was off
    report = deadlines.run_all(later)
    assert report.ran and report.counts["irrecevables"] == 2  # the verrerie's request ends earlier
    assert reload(dossier.id).statut == "IRRECEVABLE"
    assert request_of(dossier.id).status == RequestStatus.EXPIREE.value
    [event] = [e for e in system_events(dossier.id) if e.action == "declarer_irrecevable"]
    assert event.occurred_at == rules.effect_moment(due)  # the legal date, not the run date
    assert "n'ont pas été fournis" in event.message and "Voies de recours" in event.message
    assert any("irrecevable" in t for t in unread("operateur@demo.fr"))
    assert any("irrecevable" in t for t in unread("agent@demo.fr"))
    # Idempotent: a second pass does nothing more.
    again = deadlines.run_all(later)
    assert again.counts["irrecevables"] == 0 and len(system_events(dossier.id)) == 1
    assert all(r.intact for r in integrity.verify_all())


def test_nothing_happens_before_the_period_ends() -> None:
    dossier = dossier_in("INCOMPLETE", siret=DURAND)
    assert dossier.id is not None
    due = request_of(dossier.id).due_date
    on_the_last_day = datetime.combine(due, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    deadlines.run_all(on_the_last_day)
    assert reload(dossier.id).statut == "INCOMPLETE" and system_events(dossier.id) == []


def test_an_unanswered_question_resumes_the_examination() -> None:
    dossier = dossier_in("INFO_COMPLEMENTAIRE")
    assert dossier.id is not None
    due = request_of(dossier.id).due_date
    deadlines.run_all(datetime.combine(due + timedelta(days=1), datetime.min.time(), tzinfo=UTC))
    after = reload(dossier.id)
    assert after.statut == "EN_INSTRUCTION" and request_of(dossier.id).status == RequestStatus.EXPIREE.value
    [event] = system_events(dossier.id)
    assert event.step == "informations_recues" and "délai de réponse expiré" in event.message
    assert after.echeance is not None and after.echeance > due  # the decision period runs again


def test_a_decision_deadline_passed_is_told_once_with_the_appeal_route() -> None:
    dossier = dossier_in("EN_INSTRUCTION", "DP")
    assert dossier.id is not None and dossier.echeance is not None
    later = datetime.combine(dossier.echeance + timedelta(days=2), datetime.min.time(), tzinfo=UTC)
    assert deadlines.run_all(later).counts["delais_depasses"] >= 1
    [event] = [e for e in system_events(dossier.id) if e.action == "signaler_delai_depasse"]
    assert "comme si la demande avait été refusée" in event.message and "Voies de recours" in event.message
    assert reload(dossier.id).statut == "EN_INSTRUCTION"  # an alert, not a decision
    deadlines.run_all(later + timedelta(days=1))
    assert len([e for e in system_events(dossier.id) if e.action == "signaler_delai_depasse"]) == 1


def test_reminders_go_once_to_the_right_people() -> None:
    dossier = dossier_in("INCOMPLETE", siret=DURAND)
    assert dossier.id is not None
    request = request_of(dossier.id)

    def sent() -> list[str]:
        with session_scope() as db:
            return sorted(
                db.exec(
                    select(SentReminder.key)
                    .where(SentReminder.kind == "rappel_reponse")
                    .where(SentReminder.subject_id == request.id)
                ).all()
            )

    seven_before = datetime.combine(request.due_date - timedelta(days=7), datetime.min.time(), tzinfo=UTC)
    deadlines.run_all(seven_before + timedelta(hours=9))
    assert sent() == ["7"]
    deadlines.run_all(seven_before + timedelta(hours=10))  # again the same day: nothing more
    assert sent() == ["7"]
    assert any("réponse attendue avant le" in t for t in unread("operateur@demo.fr"))
    deadlines.run_all(seven_before + timedelta(days=5, hours=9))
    assert sent() == ["2", "7"]


def test_customs_hear_five_working_days_before_a_deadline() -> None:
    dossier = dossier_in("DEPOSEE", "PA")  # within its acceptance period
    assert dossier.id is not None and dossier.echeance is not None
    reminder_day = rules.working_days_before(dossier.echeance, 5)
    before = datetime.combine(reminder_day - timedelta(days=1), datetime.min.time(), tzinfo=UTC) + timedelta(
        hours=9
    )

    def reminded() -> int:
        with session_scope() as db:
            return len(
                db.exec(
                    select(SentReminder)
                    .where(SentReminder.kind == "rappel_douane")
                    .where(SentReminder.subject_id == dossier.id)
                ).all()
            )

    deadlines.run_all(before)
    assert reminded() == 0
    on_time = before + timedelta(days=1)
    assert deadlines.run_all(on_time).counts["rappels_douane"] >= 1
    assert reminded() == 1


def test_the_holder_is_reminded_before_the_end_and_told_when_it_expires() -> None:
    with session_scope() as db:  # Durand's, ending in three years
        granted = db.exec(select(Authorisation).where(Authorisation.numero == "FRIPO2026000001")).one()
    assert granted.valid_to is not None and granted.id is not None
    start = granted.valid_to - timedelta(days=95)

    def notices() -> list[tuple[str, str]]:
        with session_scope() as db:
            return sorted(
                (r.kind, r.key)
                for r in db.exec(select(SentReminder).where(SentReminder.subject_id == granted.id)).all()
                if r.kind in ("rappel_fin_autorisation", "autorisation_expiree")
            )

    seen = []
    for days in (0, 5, 35, 65, 96, 97):
        moment = datetime.combine(start + timedelta(days=days), datetime.min.time(), tzinfo=UTC) + timedelta(
            hours=9
        )
        deadlines.run_all(moment)
        seen.append(len(notices()))
    # 95 days left: nothing; 90: first reminder; 60; 30; the day after the end: « expirée », once.
    assert seen == [0, 1, 2, 3, 4, 4]
    assert notices() == [
        ("autorisation_expiree", ""),
        ("rappel_fin_autorisation", "30"),
        ("rappel_fin_autorisation", "60"),
        ("rappel_fin_autorisation", "90"),
    ]
    titles = unread("operateur@demo.fr")
    assert any("FRIPO2026000001 expirée" in t for t in titles) and any("fin de validité" in t for t in titles)


def test_abandoned_drafts_are_reminded_then_closed_without_decision() -> None:
    draft = dossier_in("BROUILLON", "PA")
    assert draft.id is not None
    last_change = paris_today(draft.updated_at)
    at_eleven = datetime.combine(
        rules.draft_reminder_day(last_change), datetime.min.time(), tzinfo=UTC
    ) + timedelta(hours=9)
    assert deadlines.run_all(at_eleven).counts["brouillons"] >= 1
    assert reload(draft.id).statut == "BROUILLON"
    at_twelve = datetime.combine(
        rules.draft_abandoned_day(last_change), datetime.min.time(), tzinfo=UTC
    ) + timedelta(hours=9)
    deadlines.run_all(at_twelve)
    assert reload(draft.id).statut == "SANS_SUITE"
    [event] = [e for e in system_events(draft.id) if e.action == "classer_brouillon_abandonne"]
    assert "classé sans suite" in event.message


def test_two_passes_at_once_run_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two schedulers (or a restart overlapping the old process): the second pass finds the lock."""
    real_job = deadlines.JOBS[0][2]

    def slow_job(run: deadlines.Pass) -> int:
        time.sleep(0.5)
        return real_job(run)

    monkeypatch.setattr(deadlines, "JOBS", (("irrecevables", "…", slow_job), *deadlines.JOBS[1:]))
    dossier = dossier_in("INCOMPLETE")
    assert dossier.id is not None
    later = datetime.combine(
        request_of(dossier.id).due_date + timedelta(days=3), datetime.min.time(), tzinfo=UTC
    )
    reports: list[deadlines.RunReport] = []
    start = threading.Barrier(2)

    def one_pass() -> None:
        start.wait()
        reports.append(deadlines.run_all(later))

    threads = [threading.Thread(target=one_pass) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.ran for r in reports) == [False, True]
    assert len(system_events(dossier.id)) == 1
    with session_scope() as db:
        assert len(db.exec(select(SchedulerRun)).all()) == 1


def test_the_time_machine_moves_forward_only_and_never_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from soprano_app.services import time_machine
    from soprano_app.settings import settings

    admin = ctx_of("admin@demo.fr")
    today = app_clock.today()
    assert time_machine.advance(admin, 31) == today + timedelta(days=31)
    assert app_clock.is_simulated() and app_clock.today() == today + timedelta(days=31)
    with pytest.raises(time_machine.TimeMachineError, match="ne recule pas"):
        time_machine.move_to(admin, today)
    with pytest.raises(time_machine.TimeMachineError, match="administrateurs"):
        time_machine.advance(ctx_of("agent@demo.fr"), 1)
    production = dataclasses.replace(settings, environment="production")
    monkeypatch.setattr(time_machine, "settings", production)
    with pytest.raises(time_machine.TimeMachineError, match="démonstration"):
        time_machine.advance(admin, 1)
    monkeypatch.setattr(app_clock, "settings", production)
    app_clock.forget_cached_offset()
    assert not app_clock.is_simulated() and app_clock.today() == today  # a stored offset is ignored
    monkeypatch.undo()
    time_machine.back_to_real_time()
    assert app_clock.today() == today


def test_moving_time_runs_a_pass_dated_in_simulated_time_with_its_e_mails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses
    from email.utils import parsedate_to_datetime

    from soprano_app.services import drafts, mail, notifications, scheduling, time_machine
    from soprano_app.settings import settings
    from tests.support import smtp_sink

    dossier = dossier_in("INCOMPLETE", siret=DURAND)
    assert dossier.id is not None
    days = (request_of(dossier.id).due_date - app_clock.today()).days + 1
    with smtp_sink() as box:
        patched = dataclasses.replace(settings, smtp_host=box.host, smtp_port=box.port)
        monkeypatch.setattr(mail, "settings", patched)
        monkeypatch.setattr(notifications, "settings", patched)
        new_date = time_machine.advance(ctx_of("admin@demo.fr"), days)
        report = scheduling.run_if_requested()  # what the scheduler process does within 3 s
        assert report is not None and report.ran and report.counts["irrecevables"] >= 1
        assert scheduling.run_if_requested() is None  # asked once, run once
        message = box.wait_for("operateur@demo.fr", "irrecevable")
        assert paris_today(parsedate_to_datetime(message["Date"])) == new_date  # a Paris day
    assert reload(dossier.id).statut == "IRRECEVABLE"
    with session_scope() as db:
        [run] = db.exec(select(SchedulerRun)).all()
    assert paris_today(run.started_at) == new_date
    dossier_id = drafts.create_draft(ctx_of("operateur@demo.fr"), "AT")  # what users do is dated too
    with session_scope() as db:
        created = db.get(Dossier, dossier_id)
    assert created is not None and paris_today(created.created_at) == new_date
    time_machine.back_to_real_time()


def test_customs_see_first_what_time_did_until_they_act() -> None:
    from soprano_app.domain.statuses import Bucket
    from soprano_app.domain.workflow import Action
    from soprano_app.services import dashboard, time_machine
    from soprano_app.services.workflow import ActionInput, perform

    everything = list(Bucket)
    agent = ctx_of("agent@demo.fr")  # Lyon: Durand's dossiers
    overdue = dossier_in("DEPOSEE", "ED", siret=DURAND)  # acceptance period over since the demo
    examined = dossier_in("EN_INSTRUCTION", "DP", siret=DURAND)
    assert overdue.id and examined.id and examined.echeance is not None
    time_machine.move_to(None, examined.echeance + timedelta(days=2))
    deadlines.run_all()
    rows = dashboard.list_dossiers(agent, everything).rows
    alerts = {r.id: r.alerte for r in rows}
    assert alerts[overdue.id] == "Délai d'acceptation dépassé"
    assert alerts[examined.id] == "Délai de décision dépassé"
    assert {r.id for r in rows[:2]} == {overdue.id, examined.id}  # at the top of the queue
    operator_rows = dashboard.list_dossiers(ctx_of("operateur@demo.fr"), everything).rows
    assert all(r.alerte == "" for r in operator_rows)  # the operator has his own notices
    perform(agent, examined.id, Action.COMMENTER, ActionInput("Nous y travaillons."))
    assert reload(examined.id).alerte == "Délai de décision dépassé"  # a comment is not a step
    perform(agent, overdue.id, Action.ACCEPTER)
    assert reload(overdue.id).alerte is None
    deadlines.run_all()  # told once: the alert does not come back for the same deadline
    assert reload(overdue.id).alerte is None
    time_machine.back_to_real_time()


def test_an_unanswered_request_shows_reply_expired_to_customs() -> None:
    from soprano_app.services import time_machine

    dossier = dossier_in("INFO_COMPLEMENTAIRE")
    assert dossier.id is not None
    time_machine.move_to(None, request_of(dossier.id).due_date + timedelta(days=1))
    deadlines.run_all()
    assert reload(dossier.id).alerte == "Délai de réponse expiré"
    time_machine.back_to_real_time()


def test_moving_time_neither_logs_anyone_out_nor_unlocks_an_account() -> None:
    from soprano_app.services import auth, time_machine
    from tests.fixtures import login_token

    token = login_token("operateur@demo.fr")
    for _ in range(5):
        auth.authenticate("agent@demo.fr", "wrong password")
    assert "verrouillé" in auth.authenticate("agent@demo.fr", "Demo-2026!").message
    time_machine.advance(ctx_of("admin@demo.fr"), 30)
    ctx = auth.resolve_session(token)
    assert ctx is not None and ctx.company is not None  # still in, still acting for Durand
    assert "verrouillé" in auth.authenticate("agent@demo.fr", "Demo-2026!").message
    time_machine.back_to_real_time()


def test_the_administration_page_waits_for_a_pass_in_progress() -> None:
    """A pass writes its row when it starts and its counts when it ends: until then the page must not
    take the empty counts for the result (it kept showing « 0 » after « + 1 semaine »)."""
    from soprano_app.models import SchedulerRun
    from soprano_app.services import scheduling

    with session_scope() as db:
        run = SchedulerRun(started_at=app_clock.now_utc())
        db.add(run)
        db.flush()
        run_id = run.id
    assert scheduling.status().in_progress
    with session_scope() as db:
        stored = db.get(SchedulerRun, run_id)
        assert stored is not None
        stored.finished_at, stored.ok, stored.counts = app_clock.now_utc(), True, '{"irrecevables": 1}'
        db.add(stored)
    done = scheduling.status()
    assert not done.in_progress and {j.name: j.count for j in done.jobs}["irrecevables"] == 1
