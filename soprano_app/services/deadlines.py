"""The scheduler's jobs: what happens when a period ends (rules in ``domain/deadlines.py``).

Each job is idempotent (it acts on what is still due: a dossier whose status or request has moved on
is not selected again; a reminder is recorded once in ``SentReminder``), catches up (anything whose
date passed while the scheduler was stopped is handled at the next pass, dated on its legal date),
and only one pass runs at a time (``run_lock``). Every effect is a workflow step or a notification,
so it is in the history (author « Système »), notified in the app and by e-mail.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import String, cast, exists, literal
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from .. import routes
from ..app_clock import now_utc
from ..db import session_scope
from ..domain import deadlines as rules
from ..domain import workflow as wf
from ..domain.authorisation_workflow import LifeAction
from ..domain.authorisations import AuthorisationStatus
from ..domain.formatting import format_date, paris_today
from ..domain.regimes import TypeDemande
from ..domain.statuses import FINAL_STATUSES, DossierStatus
from ..domain.workflow import Action, RequestStatus
from ..models import Authorisation, AuthorisationRequest, Dossier, DossierRequest, SchedulerRun, SentReminder
from . import mail, notifications
from .auth import system_context
from .authorisations import status_in
from .run_lock import exclusive
from .workflow import ActionInput, apply, locked_dossier

logger = logging.getLogger(__name__)
S = DossierStatus
_OPEN_STATUSES = [s.value for s in DossierStatus if s not in FINAL_STATUSES]
# Where the decision period runs (spec §3.4): paused statuses (the operator's turn) are left out.
# Notices about authorisations are caught up over this many days (older ones are history).
CATCH_UP_DAYS = 90
_DECISION_RUNNING = [S.EN_INSTRUCTION.value, S.AJUSTEMENTS.value, S.EXAMEN_CE.value, S.CONSULTATION_EM.value]


@dataclass
class Pass:
    """One pass: its date, the e-mails to send once everything is committed, what each job did."""

    now: datetime
    today: date
    mails: list[mail.Mail]


def _once(db: Session, kind: str, subject_id: int, key: str, at: datetime) -> bool:
    """Record that this notice is sent; False if it already was (by this or another process)."""
    try:
        with db.begin_nested():
            db.add(SentReminder(kind=kind, subject_id=subject_id, key=key, sent_at=at))
    except IntegrityError:
        return False
    return True


def _not_sent(kind: str, subject_id: Any, key: Any) -> Any:
    """SQL condition: this notice is not recorded yet. A pass reads only what it still has to do, so its
    cost does not grow with the records already handled (bench/scheduler_scale.py)."""
    return ~exists().where(
        col(SentReminder.kind) == kind,
        col(SentReminder.subject_id) == subject_id,
        col(SentReminder.key) == key,
    )


def _step(run: Pass, dossier_id: int, action: Action, message: str, at: datetime) -> bool:
    """A workflow step taken by the system, dated ``at`` (never after now); False if the workflow
    says no (the dossier moved on meanwhile)."""
    ctx = system_context(run.now)
    when = min(at, run.now)
    try:
        with session_scope() as db:
            dossier = locked_dossier(db, ctx, dossier_id)
            _outcome, mails = apply(db, ctx, dossier, action, ActionInput(message=message), when)
    except wf.WorkflowError as exc:
        logger.info("dossier %s: %s not taken: %s", dossier_id, action.value, exc)
        return False
    run.mails.extend(mails)
    return True


def _passed_requests(run: Pass, statuses: list[str]) -> list[tuple[int, date, date]]:
    """(dossier, request created on, reply due) of the open requests whose period is over."""
    with session_scope() as db:
        rows = db.exec(
            select(
                col(DossierRequest.dossier_id), col(DossierRequest.created_at), col(DossierRequest.due_date)
            )
            .join(Dossier, col(Dossier.id) == DossierRequest.dossier_id)
            .where(DossierRequest.status == RequestStatus.NOUVELLE.value)
            .where(col(DossierRequest.due_date) < run.today)
            .where(col(Dossier.statut).in_(statuses))
        ).all()
    return [(int(d), paris_today(created), due) for d, created, due in rows]


# --- 1. compléments not supplied in time: inadmissible (transition 6) ---------------------------


def incomplete_expired(run: Pass) -> int:
    done = 0
    for dossier_id, asked_on, due in _passed_requests(run, [S.INCOMPLETE.value]):
        message = (
            f"Les compléments demandés le {format_date(asked_on)} n'ont pas été fournis avant la fin du délai "
            f"de réponse ({format_date(due)}) : la demande est irrecevable (art. 22, paragraphe 2, CDU)."
        )
        done += _step(run, dossier_id, Action.DECLARER_IRRECEVABLE, message, rules.effect_moment(due))
    return done


# --- 2. information or observations not given in time: the examination resumes --------------------


def replies_expired(run: Pass) -> int:
    done = 0
    for dossier_id, _asked_on, due in _passed_requests(
        run, [S.INFO_COMPLEMENTAIRE.value, S.DROIT_ETRE_ENTENDU.value]
    ):
        message = (
            f"Aucune réponse n'est parvenue avant la fin du délai ({format_date(due)}) : délai de réponse "
            "expiré. L'instruction reprend et le délai de décision court de nouveau."
        )
        done += _step(run, dossier_id, Action.EXPIRER_DELAI_REPONSE, message, rules.effect_moment(due))
    return done


# --- 3 and 4. acceptance or decision deadline passed (transition 18) ----------------------------------


def deadlines_passed(run: Pass) -> int:
    with session_scope() as db:
        rows = db.exec(
            select(col(Dossier.id), col(Dossier.statut), col(Dossier.echeance))
            .where(col(Dossier.statut).in_([S.DEPOSEE.value, *_DECISION_RUNNING]))
            .where(col(Dossier.echeance) < run.today)
            .where(_not_sent("delai_depasse", Dossier.id, cast(Dossier.echeance, String)))
        ).all()
    done = 0
    for dossier_id, statut, due in rows:
        assert dossier_id is not None and due is not None
        with session_scope() as db:
            if not _once(db, "delai_depasse", dossier_id, due.isoformat(), run.now):
                continue
        if statut == S.DEPOSEE.value:
            message = (
                f"Le délai d'acceptation a expiré le {format_date(due)} : le service des douanes doit se "
                "prononcer sans attendre sur la recevabilité de la demande (art. 22, paragraphe 2, CDU)."
            )
        else:
            message = (
                f"Le délai de décision a expiré le {format_date(due)} sans décision. Le demandeur peut exercer "
                "un recours comme si la demande avait été refusée (art. 44, paragraphe 1, second alinéa, CDU).\n"
                + wf.APPEAL_TEXT
            )
        done += _step(run, dossier_id, Action.SIGNALER_DELAI_DEPASSE, message, rules.effect_moment(due))
    return done


# --- 5. reminders before deadlines -------------------------------------------------------------------


def customs_reminders(run: Pass) -> int:
    """Customs, 5 working days before the acceptance and decision deadlines of their dossiers."""
    window = [run.today + timedelta(days=n) for n in range(rules.CUSTOMS_REMINDER_WORKING_DAYS + 15)]
    due_days = [day for day in window if rules.customs_reminder_due(day, run.today)]
    done = 0
    with session_scope() as db:
        dossiers = db.exec(
            select(Dossier)
            .where(col(Dossier.statut).in_([S.DEPOSEE.value, *_DECISION_RUNNING]))
            .where(col(Dossier.echeance).in_(due_days))
            .where(_not_sent("rappel_douane", Dossier.id, cast(Dossier.echeance, String)))
        ).all()
        for dossier in dossiers:
            assert dossier.id is not None and dossier.echeance is not None
            if not rules.customs_reminder_due(dossier.echeance, run.today):
                continue
            if not _once(db, "rappel_douane", dossier.id, dossier.echeance.isoformat(), run.now):
                continue
            what = "d'acceptation" if dossier.statut == S.DEPOSEE.value else "de décision"
            title = f"Dossier {dossier.numero} : délai {what} le {format_date(dossier.echeance)}"
            message = f"Le délai {what} de ce dossier prend fin le {format_date(dossier.echeance)}. " + (
                "Acceptez la demande, demandez des compléments ou déclarez-la irrecevable."
                if dossier.statut == S.DEPOSEE.value
                else "Prenez la décision, ou prolongez le délai en le motivant."
            )
            recipients = notifications.customs_side_users(db, dossier)
            run.mails += notifications.notify(db, recipients, dossier, "rappel", title, message)
            done += 1
    return done


def reply_reminders(run: Pass) -> int:
    """The operator, 7 and 2 days before the end of each reply period."""
    horizon = run.today + timedelta(days=max(rules.REPLY_REMINDER_DAYS))
    done = 0
    with session_scope() as db:
        requests = db.exec(
            select(DossierRequest)
            .where(DossierRequest.status == RequestStatus.NOUVELLE.value)
            .where(col(DossierRequest.due_date) >= run.today)
            .where(col(DossierRequest.due_date) <= horizon)
        ).all()
        for request in requests:
            assert request.id is not None
            sent = {
                int(key)
                for key in db.exec(
                    select(SentReminder.key)
                    .where(SentReminder.kind == "rappel_reponse")
                    .where(SentReminder.subject_id == request.id)
                ).all()
            }
            days = rules.reminder_due(request.due_date, run.today, rules.REPLY_REMINDER_DAYS, sent)
            if days is None or not _once(db, "rappel_reponse", request.id, str(days), run.now):
                continue
            dossier = db.get(Dossier, request.dossier_id)
            assert dossier is not None
            left = (request.due_date - run.today).days
            title = f"Dossier {dossier.numero} : réponse attendue avant le {format_date(request.due_date)}"
            message = (
                f"Il vous reste {left} jour(s) pour répondre à la demande du service des douanes "
                "(« Répondre » sur la page du dossier). Sans réponse dans ce délai, "
                + (
                    "la demande sera déclarée irrecevable."
                    if dossier.statut == S.INCOMPLETE.value
                    else "l'instruction reprendra sans votre réponse."
                )
            )
            recipients = notifications.operator_side_users(db, dossier, run.today)
            run.mails += notifications.notify(db, recipients, dossier, "rappel", title, message)
            done += 1
    return done


# --- 6. authorisations: start, end, reminders before the end ------------------------------------------


def authorisation_changes(run: Pass) -> int:
    """The holder hears when an authorisation takes effect and when it expires (never for ED)."""
    done = 0
    with session_scope() as db:
        starting = db.exec(
            select(Authorisation)
            .where(col(Authorisation.valid_from) <= run.today)
            .where(col(Authorisation.valid_from) >= run.today - timedelta(days=CATCH_UP_DAYS))
            .where(_not_sent("autorisation_en_vigueur", Authorisation.id, literal("")))
        ).all()
        ended = db.exec(
            select(Authorisation)
            .where(col(Authorisation.valid_to).is_not(None))
            .where(col(Authorisation.valid_to) < run.today)
            .where(col(Authorisation.valid_to) >= run.today - timedelta(days=CATCH_UP_DAYS))
            .where(_not_sent("autorisation_expiree", Authorisation.id, literal("")))
        ).all()
        for authorisation, kind in [*((a, "en_vigueur") for a in starting), *((a, "expiree") for a in ended)]:
            assert authorisation.id is not None
            if not _once(db, f"autorisation_{kind}", authorisation.id, "", run.now):
                continue  # handled, whatever the outcome below: never read again
            status = status_in(db, authorisation, run.today)
            if kind == "en_vigueur" and status is not AuthorisationStatus.EN_VIGUEUR:
                continue
            if kind == "expiree" and status is not AuthorisationStatus.EXPIREE:
                continue  # replaced by its renewal: nothing ends for the holder
            dossier = db.get(Dossier, authorisation.dossier_id)
            assert dossier is not None
            if kind == "en_vigueur":
                title = f"Autorisation n° {authorisation.numero} en vigueur"
                message = f"L'autorisation a pris effet le {format_date(authorisation.valid_from)}."
                previous = (
                    db.get(Authorisation, authorisation.replaces_id) if authorisation.replaces_id else None
                )
                if previous is not None:
                    message += f" Elle remplace l'autorisation n° {previous.numero}, désormais « Remplacée »."
            else:
                assert authorisation.valid_to is not None
                title = f"Autorisation n° {authorisation.numero} expirée"
                message = (
                    f"L'autorisation a cessé de produire ses effets le {format_date(authorisation.valid_to)} "
                    "au soir. Pour recourir de nouveau au régime, déposez une nouvelle demande."
                )
            recipients = notifications.operator_side_users(db, dossier, run.today)
            run.mails += notifications.notify(db, recipients, dossier, "autorisation", title, message)
            done += 1
    return done


def authorisation_reminders(run: Pass) -> int:
    """The holder, 90, 60 and 30 days before the end, unless a renewal is filed or granted."""
    done = 0
    with session_scope() as db:
        ending: list[Authorisation] = []
        lower = run.today
        for threshold in sorted(rules.AUTHORISATION_REMINDER_DAYS):  # the nearest threshold only
            upper = run.today + timedelta(days=threshold)
            ending += db.exec(
                select(Authorisation)
                .where(col(Authorisation.valid_to) >= lower)
                .where(col(Authorisation.valid_to) <= upper)
                .where(_not_sent("rappel_fin_autorisation", Authorisation.id, literal(str(threshold))))
            ).all()
            lower = upper + timedelta(days=1)
        for authorisation in ending:
            assert authorisation.id is not None and authorisation.valid_to is not None
            renewing = db.exec(
                select(Dossier.id)
                .where(Dossier.authorisation_id == authorisation.id)
                .where(Dossier.type_demande == TypeDemande.RENOUVELLEMENT.value)
                .where(col(Dossier.statut).in_([*_OPEN_STATUSES, S.ACCORDEE.value]))
            ).first()
            if renewing is not None:
                continue
            sent = {
                int(key)
                for key in db.exec(
                    select(SentReminder.key)
                    .where(SentReminder.kind == "rappel_fin_autorisation")
                    .where(SentReminder.subject_id == authorisation.id)
                ).all()
            }
            days = rules.reminder_due(
                authorisation.valid_to, run.today, rules.AUTHORISATION_REMINDER_DAYS, sent
            )
            if days is None or not _once(db, "rappel_fin_autorisation", authorisation.id, str(days), run.now):
                continue
            dossier = db.get(Dossier, authorisation.dossier_id)
            assert dossier is not None
            left = (authorisation.valid_to - run.today).days
            title = (
                f"Autorisation n° {authorisation.numero} : fin de validité le "
                f"{format_date(authorisation.valid_to)} (dans {left} jours)"
            )
            message = (
                "Pour continuer à bénéficier du régime, déposez à temps une demande de renouvellement depuis "
                "« Mes autorisations » (« Demander le renouvellement ») : elle est instruite dans les délais "
                "habituels."
            )
            recipients = notifications.operator_side_users(db, dossier, run.today)
            page = ("l'autorisation", routes.authorisation_path(authorisation.id))
            run.mails += notifications.notify(db, recipients, dossier, "rappel", title, message, link=page)
            done += 1
    return done


# --- 7. abandoned drafts ---------------------------------------------------------------------------------


def abandoned_drafts(run: Pass) -> int:
    """A draft untouched for 11 months gets a reminder; at 12 months it is classed « sans suite »."""
    reminder_limit = run.today - timedelta(days=28 * rules.DRAFT_REMINDER_MONTHS)  # coarse, checked below
    with session_scope() as db:
        drafts = db.exec(
            select(Dossier)
            .where(Dossier.statut == S.BROUILLON.value)
            .where(col(Dossier.updated_at) <= datetime.combine(reminder_limit, time(0), tzinfo=UTC))
        ).all()
    done = 0
    for draft in drafts:
        assert draft.id is not None
        last_change = paris_today(draft.updated_at)
        if run.today >= rules.draft_abandoned_day(last_change):
            message = (
                f"Ce brouillon n'a pas été modifié depuis le {format_date(last_change)} : il est classé sans "
                "suite au bout de douze mois. Rien n'avait été transmis au service des douanes."
            )
            day = rules.draft_abandoned_day(last_change) - timedelta(days=1)
            done += _step(
                run, draft.id, Action.CLASSER_BROUILLON_ABANDONNE, message, rules.effect_moment(day)
            )
        elif run.today >= rules.draft_reminder_day(last_change):
            with session_scope() as db:
                if not _once(db, "rappel_brouillon", draft.id, last_change.isoformat(), run.now):
                    continue
                title = f"Brouillon n° {draft.id} : sans modification depuis onze mois"
                message = (
                    f"Ce brouillon sera classé sans suite le {format_date(rules.draft_abandoned_day(last_change))} "
                    "s'il n'est pas modifié d'ici là. Complétez-le et validez-le, ou supprimez-le."
                )
                recipients = notifications.operator_side_users(db, draft, run.today)
                run.mails += notifications.notify(db, recipients, draft, "rappel", title, message)
            done += 1
    return done


# --- 8. the life of authorisations: projets unanswered, suspension periods over --------------------------


def hearings_expired(run: Pass) -> int:
    """A projet whose 30 days passed without observations: customs may decide (dated on the last day)."""
    from .authorisation_workflow import LifeError, StepData, perform

    with session_scope() as db:
        due = db.exec(
            select(col(AuthorisationRequest.authorisation_id))
            .where(col(AuthorisationRequest.from_customs))
            .where(AuthorisationRequest.status == RequestStatus.NOUVELLE.value)
            .where(col(AuthorisationRequest.closed_at).is_(None))
            .where(col(AuthorisationRequest.due_date) < run.today)
        ).all()
    done = 0
    for authorisation_id in due:
        try:
            perform(
                system_context(run.now), authorisation_id, LifeAction.EXPIRER_AUDITION, StepData(), run.now
            )
            done += 1
        except LifeError as exc:
            logger.info("authorisation %s: hearing not expired: %s", authorisation_id, exc)
    return done


def suspensions_over(run: Pass) -> int:
    """A suspension period ended: customs hear it once, to lift the suspension or take a measure."""
    from .authorisation_workflow import LifeError, StepData, perform

    with session_scope() as db:
        ended = db.exec(
            select(col(Authorisation.id), col(Authorisation.suspended_until))
            .where(col(Authorisation.suspended))
            .where(col(Authorisation.suspended_until) < run.today)
            .where(_not_sent("fin_suspension", Authorisation.id, cast(Authorisation.suspended_until, String)))
        ).all()
    done = 0
    for authorisation_id, until in ended:
        assert authorisation_id is not None and until is not None
        with session_scope() as db:
            if not _once(db, "fin_suspension", authorisation_id, until.isoformat(), run.now):
                continue
        try:
            perform(
                system_context(run.now),
                authorisation_id,
                LifeAction.SIGNALER_FIN_SUSPENSION,
                StepData(),
                run.now,
            )
            done += 1
        except LifeError as exc:
            logger.info("authorisation %s: end of suspension not told: %s", authorisation_id, exc)
    return done


# The jobs of one pass, in this order, with the label the administration page shows.
JOBS: tuple[tuple[str, str, Callable[[Pass], int]], ...] = (
    ("irrecevables", "Compléments non fournis : demandes irrecevables", incomplete_expired),
    ("reponses_expirees", "Délais de réponse expirés", replies_expired),
    ("delais_depasses", "Délais d'acceptation ou de décision dépassés", deadlines_passed),
    ("rappels_douane", "Rappels aux services (5 jours ouvrés avant une échéance)", customs_reminders),
    ("rappels_reponse", "Rappels aux opérateurs (7 et 2 jours avant une réponse)", reply_reminders),
    ("autorisations", "Autorisations entrées en vigueur ou expirées", authorisation_changes),
    (
        "rappels_autorisation",
        "Rappels avant la fin d'une autorisation (90, 60, 30 jours)",
        authorisation_reminders,
    ),
    ("brouillons", "Brouillons abandonnés (rappel à 11 mois, sans suite à 12)", abandoned_drafts),
    ("auditions_expirees", "Projets sur une autorisation : délai d'observations expiré", hearings_expired),
    ("fins_suspension", "Autorisations suspendues : fin de la période de suspension", suspensions_over),
)


@dataclass(frozen=True)
class RunReport:
    ran: bool  # False: another pass held the lock
    counts: dict[str, int]


def run_all(now: datetime | None = None) -> RunReport:
    """One pass of every job, if no other pass is running; recorded for the administration page."""
    with exclusive() as held:
        if not held:
            return RunReport(False, {})
        now = now or now_utc()
        run = Pass(now=now, today=paris_today(now), mails=[])
        with session_scope() as db:
            record = SchedulerRun(started_at=now)
            db.add(record)
        counts: dict[str, int] = {}
        problem = ""
        for name, _label, job in JOBS:
            try:
                counts[name] = job(run)
            except Exception as exc:  # one job failing must not stop the others, nor the scheduler
                logger.exception("scheduler job %s failed", name)
                counts[name] = 0
                problem = f"{name} : {type(exc).__name__}"
        with session_scope() as db:
            stored = db.get(SchedulerRun, record.id)
            assert stored is not None
            stored.finished_at, stored.ok = now_utc(), not problem
            stored.counts, stored.message = json.dumps(counts), problem
            db.add(stored)
        mail.send_later(run.mails)
        return RunReport(True, counts)
