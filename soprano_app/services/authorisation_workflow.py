"""Taking one step in the life of an authorisation (``domain/authorisation_workflow.py``) in one
transaction: the side, the status and the inputs are checked by the domain, then the event, the
requests (projets awaiting observations, the holder's requests), the cached status columns, a new
version for a modification d'office, and the notifications are written together. The only writer of
an authorisation's life.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlmodel import Session, col, select

from .. import routes
from ..app_clock import now_utc
from ..db import lock_row, session_scope
from ..domain import authorisation_workflow as life
from ..domain import clock as legal
from ..domain.authorisation_workflow import HolderRequest, LifeAction, LifeFacts, Measure, StepInput
from ..domain.authorisations import AuthorisationStatus
from ..domain.catalogue import CATALOGUE
from ..domain.catalogue.model import Field
from ..domain.company_roles import Right
from ..domain.formatting import PARIS, format_date, paris_today
from ..domain.forms import FormContext
from ..domain.forms.diff import changes
from ..domain.forms.engine import check_field, sanitize
from ..domain.forms.prefill import derive
from ..domain.letters import AUTHORISATION_LETTERS
from ..domain.notification import describe as describe_notice
from ..domain.notification import is_notified_decision
from ..domain.regimes import Regime
from ..domain.roles import Role
from ..domain.statuses import Side
from ..domain.workflow import RequestStatus
from ..models import (
    Attachment,
    Authorisation,
    AuthorisationEvent,
    AuthorisationRequest,
    AuthorisationVersion,
    Dossier,
)
from . import attachments, mail, notices, notifications
from .access import AccessDenied, acting_side, require_right
from .auth import SessionContext
from .authorisations import replaced_from, status_of
from .issuing import new_verify_token
from .notices import NoticeKey
from .storage import storage

MAX_MESSAGE = 4000
MAX_FILES = 10
# The steps that carry the holder's documents: observations on a projet, a request.
FILE_STEPS = frozenset(
    {LifeAction.PRESENTER_OBSERVATIONS, LifeAction.DEMANDER_SUSPENSION, LifeAction.DEMANDER_REVOCATION}
)


class LifeError(Exception):
    """Refused; ``str(error)`` is the French reason."""


@dataclass(frozen=True)
class StepData:
    """What a dialog sends; parsed and checked here and by the domain."""

    message: str = ""
    measure: str = ""
    case: str = ""
    ground: str = ""
    until: date | None = None
    effect: date | None = None
    confirmations: tuple[str, ...] = ()
    adverse: bool = True
    answers: dict[str, str] = field(default_factory=dict)  # modification d'office: field id → new value
    files: tuple[attachments.IncomingFile, ...] = ()  # the holder's observations or request


@dataclass(frozen=True)
class Done:
    message: str
    status: AuthorisationStatus


def _scoped(ctx: SessionContext) -> Any:
    query = select(Authorisation)
    if ctx.role is Role.AGENT and ctx.service_id is not None:
        return query.where(Authorisation.service_id == ctx.service_id)
    if ctx.role in (Role.OPERATEUR, Role.REPRESENTANT) and ctx.company is not None:
        return query.where(Authorisation.company_id == ctx.company.id)
    if ctx.role is Role.SYSTEME:
        return query
    return None


def _load(db: Session, ctx: SessionContext, authorisation_id: int, lock: bool = False) -> Authorisation:
    query = _scoped(ctx)
    if lock:
        lock_row(db, Authorisation, authorisation_id)
    found = db.exec(query.where(Authorisation.id == authorisation_id)).first() if query is not None else None
    if found is None:
        raise LifeError("Cette autorisation est introuvable.")
    return found  # type: ignore[no-any-return]


def open_requests(db: Session, authorisation_id: int) -> list[AuthorisationRequest]:
    return list(
        db.exec(
            select(AuthorisationRequest)
            .where(AuthorisationRequest.authorisation_id == authorisation_id)
            .where(col(AuthorisationRequest.closed_at).is_(None))
            .order_by(col(AuthorisationRequest.id))
        ).all()
    )


def events_of(db: Session, authorisation_id: int) -> list[AuthorisationEvent]:
    return list(
        db.exec(
            select(AuthorisationEvent)
            .where(AuthorisationEvent.authorisation_id == authorisation_id)
            .order_by(col(AuthorisationEvent.occurred_at), col(AuthorisationEvent.id))
        ).all()
    )


def _hearing(requests: list[AuthorisationRequest]) -> AuthorisationRequest | None:
    return next((r for r in requests if r.from_customs), None)


def _holder_request(requests: list[AuthorisationRequest]) -> AuthorisationRequest | None:
    return next((r for r in requests if not r.from_customs), None)


def facts_of(db: Session, authorisation: Authorisation, today: date) -> LifeFacts:
    assert authorisation.id is not None
    requests = open_requests(db, authorisation.id)
    hearing, asked = _hearing(requests), _holder_request(requests)
    waiting = hearing is not None and hearing.status == RequestStatus.NOUVELLE.value
    reassessment = [
        e.action
        for e in events_of(db, authorisation.id)
        if e.action in (LifeAction.REEXAMINER.value, LifeAction.CLORE_REEXAMEN.value)
    ]
    return LifeFacts(
        status=status_of(authorisation, today, replaced_from(db, authorisation.id)),
        valid_from=authorisation.valid_from,
        granted_on=paris_today(authorisation.granted_at),
        reassessment_open=bool(reassessment) and reassessment[-1] == LifeAction.REEXAMINER.value,
        hearing=Measure(hearing.kind) if hearing is not None and waiting else None,
        heard=Measure(hearing.kind) if hearing is not None and not waiting else None,
        holder_request=HolderRequest(asked.kind) if asked is not None else None,
        suspended_until=authorisation.suspended_until,
    )


def _step_input(action: LifeAction, data: StepData, changed: int) -> StepInput:
    def member(enum: Any, value: str) -> Any:
        return enum(value) if value in {m.value for m in enum} else None

    return StepInput(
        message=data.message.strip()[:MAX_MESSAGE],
        measure=member(Measure, data.measure),
        case=member(life.SuspensionCase, data.case),
        ground=data.ground,
        until=data.until,
        effect=data.effect,
        confirmations=frozenset(data.confirmations) & frozenset(life.ANNULMENT_CONDITIONS),
        adverse=data.adverse,
        changes=changed,
    )


def modifiable_fields() -> list[Field]:
    """What customs may change with a modification d'office: the fields outside repeatable groups."""
    return [
        item
        for _r, _s, item in CATALOGUE.top_items()
        if isinstance(item, Field) and not item.readonly and CATALOGUE.group_of(item.id) is None
    ]


def _modified_snapshot(
    authorisation: Authorisation, answers: dict[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """The granted data with customs' new values (each checked by the catalogue), and the labels of
    the fields that really change (the same diff as an avenant)."""
    allowed = {f.id: f for f in modifiable_fields()}
    before = json.loads(authorisation.snapshot or "{}")
    after = dict(before)
    errors = []
    for field_id, raw in answers.items():
        item = allowed.get(field_id)
        if item is None:
            continue
        checked = check_field(item, raw, after)
        if checked.error:
            errors.append(f"{item.label} : {checked.error}")
        after[field_id] = checked.value
    if errors:
        raise LifeError("Corrigez les données modifiées : " + " ; ".join(errors))
    regime = Regime(authorisation.regime)
    after = derive(sanitize(after), regime)
    context = FormContext(
        regime=regime, today=paris_today(now_utc()), type_entrepot=str(after.get("type_entrepot", ""))
    )
    return after, [c.label for c in changes(before, after, context)]


def perform(
    ctx: SessionContext,
    authorisation_id: int,
    action: LifeAction,
    data: StepData,
    now: datetime | None = None,
    send_mails: bool = True,
) -> Done:
    """Take one step, or raise LifeError with the French reason. E-mails leave after the commit (not
    for the demo data, replayed in the past)."""
    now = now or now_utc()
    try:
        side = acting_side(ctx)
        require_right(ctx, Right.DEPOSER)  # the holder's steps: « Dépôt » in the company
    except AccessDenied as exc:
        raise LifeError(str(exc)) from exc
    checked = _checked_files(action, data.files)
    written: list[str] = []
    try:
        with session_scope() as db:
            done, status, mails = _perform_in(
                db, ctx, side, authorisation_id, action, data, checked, written, now
            )
    except BaseException:
        for key in written:  # the rows were rolled back: no orphan file stays behind
            storage().delete(key)
        raise
    if send_mails:
        mail.send_later(mails)
    return Done(done, status)


def _checked_files(
    action: LifeAction, files: tuple[attachments.IncomingFile, ...]
) -> list[tuple[attachments.IncomingFile, Any]]:
    """The files judged before any lock; one refused file refuses the step (nothing is stored)."""
    if not files:
        return []
    if action not in FILE_STEPS:
        raise LifeError(
            "Des pièces ne peuvent être jointes qu'aux observations et aux demandes du titulaire."
        )
    if len(files) > MAX_FILES:
        raise LifeError(f"Joignez au plus {MAX_FILES} fichiers à la fois.")
    checked, refused = attachments.check_files(list(files))
    if refused:
        raise LifeError("Rien n'a été enregistré, pièce(s) refusée(s) : " + " ; ".join(refused))
    return checked


def _perform_in(
    db: Session,
    ctx: SessionContext,
    side: Side,
    authorisation_id: int,
    action: LifeAction,
    data: StepData,
    checked: list[tuple[attachments.IncomingFile, Any]],
    written: list[str],
    now: datetime,
) -> tuple[str, AuthorisationStatus, list[Any]]:
    today = paris_today(now)
    authorisation = _load(db, ctx, authorisation_id, lock=True)
    facts = facts_of(db, authorisation, today)
    new_snapshot: dict[str, Any] | None = None
    changed: list[str] = []
    if action is LifeAction.MODIFIER_OFFICE:
        new_snapshot, changed = _modified_snapshot(authorisation, data.answers)
    step = _step_input(action, data, len(changed))
    reason = life.refused(action, side, facts, step, today)
    if reason:
        raise LifeError(reason)
    event = _apply(db, ctx, side, authorisation, action, step, facts, now, new_snapshot, changed)
    if checked:
        _store_files(db, ctx, authorisation, action, event, checked, written, now)
    _refresh_state(db, authorisation)
    status = status_of(authorisation, today, replaced_from(db, authorisation.id or 0))
    mails = _notify(db, authorisation, side, action, event, today)
    done = _done_message(action, authorisation, event)
    return done, status, mails


def _store_files(
    db: Session,
    ctx: SessionContext,
    authorisation: Authorisation,
    action: LifeAction,
    event: AuthorisationEvent,
    checked: list[tuple[attachments.IncomingFile, Any]],
    written: list[str],
    now: datetime,
) -> None:
    """The holder's documents join the dossier the authorisation was granted on (its quota, its
    history, its hash chain), tied to this step."""
    db.flush()  # the event's id
    outcome = attachments.UploadOutcome()
    label = f"{life.EVENT_LABELS[action]} — autorisation n° {authorisation.numero}"
    attachments.store_checked(
        db, ctx, authorisation.dossier_id, "autre", label, checked, now, outcome, written, event.id
    )
    if outcome.refused:
        raise LifeError(
            "Rien n'a été enregistré, pièce(s) refusée(s) : "
            + " ; ".join(f"{name} : {reason}" for name, reason in outcome.refused)
        )


def _actor(ctx: SessionContext, side: Side) -> str:
    return ctx.service_name if side is Side.CUSTOMS and ctx.service_name else ctx.full_name


def _apply(
    db: Session,
    ctx: SessionContext,
    side: Side,
    authorisation: Authorisation,
    action: LifeAction,
    step: StepInput,
    facts: LifeFacts,
    now: datetime,
    new_snapshot: dict[str, Any] | None,
    changed: list[str],
) -> AuthorisationEvent:
    assert authorisation.id is not None
    today = paris_today(now)
    actor = _actor(ctx, side)
    requests = open_requests(db, authorisation.id)
    hearing, asked = _hearing(requests), _holder_request(requests)
    message = step.message
    detail: dict[str, Any] = {}
    event = AuthorisationEvent(
        authorisation_id=authorisation.id,
        occurred_at=now,
        decided_on=today,
        action=action.value,
        actor_user_id=ctx.user_id or None,
        actor_label=actor,
        by_customs=side is Side.CUSTOMS,
    )

    def close(request: AuthorisationRequest | None, status: RequestStatus | None = None) -> None:
        if request is not None:
            request.closed_at = now
            if status is not None:
                request.status = status.value
            db.add(request)

    if action is LifeAction.REEXAMINER:
        event.ground = step.ground
        message = (
            f"Motif : {life.REASSESSMENT_GROUND_LABELS[life.ReassessmentGround(step.ground)]}.\n{message}"
        )
    elif action is LifeAction.CLORE_REEXAMEN:
        outcome = life.ReassessmentOutcome(step.ground)
        event.ground = outcome.value
        message = f"Issue du réexamen : {life.REASSESSMENT_OUTCOME_LABELS[outcome]}.\n{message}"
        measure = life.OUTCOME_MEASURE.get(outcome)
        if measure is not None:
            due = _open_hearing(db, authorisation.id, measure, step.message, now, actor)
            event.measure = measure.value
            message += f"\n{life.PROJET_LABELS[measure].capitalize()} notifié : observations attendues avant le {format_date(due)}."
    elif action is LifeAction.NOTIFIER_PROJET:
        assert step.measure is not None
        due = _open_hearing(db, authorisation.id, step.measure, step.message, now, actor)
        event.measure, event.until_date = step.measure.value, due
        message = (
            f"{life.PROJET_LABELS[step.measure].capitalize()} de l'autorisation.\nMotifs : {message}\n"
            f"Le titulaire peut présenter ses observations jusqu'au {format_date(due)} (droit d'être entendu, "
            "art. 22, paragraphe 6, CDU)."
        )
    elif action is LifeAction.PRESENTER_OBSERVATIONS:
        assert hearing is not None
        hearing.status, hearing.answered_at, hearing.answer = RequestStatus.REPONDUE.value, now, step.message
        db.add(hearing)
        event.measure = hearing.kind
        message = f"Observations sur le {life.PROJET_LABELS[Measure(hearing.kind)]} :\n{message}"
    elif action is LifeAction.RENONCER_MESURE:
        assert hearing is not None
        event.measure = hearing.kind
        close(hearing, RequestStatus.ANNULEE if hearing.status == RequestStatus.NOUVELLE.value else None)
        message = (
            f"La mesure envisagée ({life.MEASURE_LABELS[Measure(hearing.kind)]}) n'est pas prise.\n{message}"
        )
    elif action is LifeAction.SUSPENDRE:
        assert step.case is not None and step.until is not None
        event.ground, event.until_date = step.case.value, step.until
        if step.case is life.SuspensionCase.DEMANDE_DU_TITULAIRE:
            close(asked, RequestStatus.REPONDUE)
        else:
            close(hearing)
        message = (
            f"Autorisation suspendue jusqu'au {format_date(step.until)} (art. 16 RDC, cas "
            f"{life.SUSPENSION_CASE_LABELS[step.case]}).\nMesures attendues : {message}\n"
            "Sans ces mesures à cette date, l'autorisation pourra être révoquée, annulée ou modifiée."
        )
    elif action is LifeAction.PROLONGER_SUSPENSION:
        assert step.until is not None
        event.until_date = step.until
        message = f"Suspension prolongée jusqu'au {format_date(step.until)}.\n{message}"
    elif action is LifeAction.LEVER_SUSPENSION:
        message = f"Suspension levée : l'autorisation est de nouveau en vigueur.\n{message}"
    elif action is LifeAction.REVOQUER:
        assert step.effect is not None
        event.ground, event.effect_date = step.ground, step.effect
        if step.ground == life.RevocationGround.DEMANDE_DU_TITULAIRE:
            close(asked, RequestStatus.REPONDUE)
        else:
            close(hearing)
        message = (
            f"Autorisation révoquée à compter du {format_date(step.effect)}.\n"
            f"Motif : {life.REVOCATION_GROUND_LABELS[life.RevocationGround(step.ground)]}.\n{message}\n"
            + life_appeal_text()
        )
    elif action is LifeAction.ANNULER:
        close(hearing)
        event.effect_date = authorisation.valid_from
        detail["conditions"] = sorted(step.confirmations)
        message = (
            f"Autorisation annulée avec effet au {format_date(authorisation.valid_from)}, date à laquelle elle "
            f"avait pris effet (art. 27 CDU).\nMotifs : {message}\n" + life_appeal_text()
        )
    elif action is LifeAction.MODIFIER_OFFICE:
        assert step.effect is not None and new_snapshot is not None
        if step.adverse:
            close(hearing)
        authorisation.version += 1
        authorisation.snapshot = json.dumps(new_snapshot, ensure_ascii=False)
        db.add(
            AuthorisationVersion(
                authorisation_id=authorisation.id,
                version=authorisation.version,
                dossier_id=authorisation.dossier_id,
                effective_from=step.effect,
                valid_to=authorisation.valid_to,
                granted_at=now,
                granted_by_label=actor,
                objet=f"Modification d'office : {step.message}",
                snapshot=authorisation.snapshot,
                verify_token=new_verify_token(),
            )
        )
        event.effect_date, event.version = step.effect, authorisation.version
        detail["changes"] = changed
        message = (
            f"Modification d'office (version « Avenant n° {authorisation.version} »), applicable à compter du "
            f"{format_date(step.effect)}.\nDonnées modifiées : {', '.join(changed)}.\nMotifs : {message}"
        )
    elif action is LifeAction.DEMANDER_SUSPENSION:
        assert step.until is not None
        db.add(
            AuthorisationRequest(
                authorisation_id=authorisation.id,
                from_customs=False,
                kind=HolderRequest.SUSPENSION.value,
                message=step.message,
                until_date=step.until,
                created_at=now,
                created_by_label=actor,
            )
        )
        event.until_date = step.until
        message = (
            f"Demande de suspension jusqu'au {format_date(step.until)} (art. 16, paragraphe 1, c, RDC).\n"
            f"Mesures prévues : {message}"
        )
    elif action is LifeAction.DEMANDER_REVOCATION:
        db.add(
            AuthorisationRequest(
                authorisation_id=authorisation.id,
                from_customs=False,
                kind=HolderRequest.REVOCATION.value,
                message=step.message,
                effect_date=step.effect,
                created_at=now,
                created_by_label=actor,
            )
        )
        event.effect_date = step.effect
        wished = f" à compter du {format_date(step.effect)}" if step.effect else " dès sa notification"
        message = (
            f"Demande de révocation de l'autorisation{wished} (art. 28, paragraphe 1, b, CDU).\n{message}"
        )
    elif action is LifeAction.REJETER_DEMANDE:
        assert asked is not None
        close(asked, RequestStatus.ANNULEE)
        what = "suspension" if asked.kind == HolderRequest.SUSPENSION.value else "révocation"
        message = f"Demande de {what} du titulaire rejetée.\nMotifs : {message}\n" + life_appeal_text()
    elif action is LifeAction.EXPIRER_AUDITION:
        assert hearing is not None and hearing.due_date is not None
        hearing.status = RequestStatus.EXPIREE.value
        db.add(hearing)
        event.measure = hearing.kind
        event.occurred_at = min(now, datetime.combine(hearing.due_date, time(23, 59), tzinfo=PARIS))
        message = (
            f"Aucune observation n'a été présentée avant le {format_date(hearing.due_date)} sur le "
            f"{life.PROJET_LABELS[Measure(hearing.kind)]} : le service des douanes peut décider."
        )
    elif action is LifeAction.SIGNALER_FIN_SUSPENSION:
        assert facts.suspended_until is not None
        event.until_date = facts.suspended_until
        message = (
            f"La période de suspension a pris fin le {format_date(facts.suspended_until)}. Si les mesures "
            "attendues n'ont pas été prises, le service des douanes révoque, annule ou modifie l'autorisation "
            "(art. 17 RDC) ; sinon, il lève la suspension."
        )
    event.message = message.strip()
    event.detail = json.dumps(detail, ensure_ascii=False)
    db.add(event)
    db.flush()
    return event


def life_appeal_text() -> str:
    from ..domain.workflow import APPEAL_TEXT

    return APPEAL_TEXT


def _open_hearing(
    db: Session, authorisation_id: int, measure: Measure, grounds: str, now: datetime, by: str
) -> date:
    due = legal.period_end(paris_today(now), legal.RIGHT_TO_BE_HEARD_DAYS)
    db.add(
        AuthorisationRequest(
            authorisation_id=authorisation_id,
            from_customs=True,
            kind=measure.value,
            message=grounds,
            due_date=due,
            created_at=now,
            created_by_label=by,
        )
    )
    return due


def _refresh_state(db: Session, authorisation: Authorisation) -> None:
    """The cached columns, replayed from every step (never edited anywhere else)."""
    assert authorisation.id is not None
    events = events_of(db, authorisation.id)
    state = life.state_after(
        [life.LifeEvent(LifeAction(e.action), e.decided_on, e.effect_date) for e in events]
    )
    authorisation.suspended = state.suspended
    authorisation.revoked_from = state.revoked_from
    authorisation.annulled_on = state.annulled_on
    until = None
    for e in events:
        if e.action in (LifeAction.SUSPENDRE.value, LifeAction.PROLONGER_SUSPENSION.value):
            until = e.until_date
        elif e.action == LifeAction.LEVER_SUSPENSION.value:
            until = None
    authorisation.suspended_until = until if state.suspended else None
    db.add(authorisation)


# Who hears of each step (the other side; both for the system's steps).
_TO_HOLDER = frozenset(life.CUSTOMS_ACTIONS) | frozenset(life.SYSTEM_ACTIONS)
_TO_CUSTOMS = frozenset(life.HOLDER_ACTIONS) | frozenset(life.SYSTEM_ACTIONS)


def _notify(
    db: Session,
    authorisation: Authorisation,
    side: Side,
    action: LifeAction,
    event: AuthorisationEvent,
    today: date,
) -> list[mail.Mail]:
    dossier = db.get(Dossier, authorisation.dossier_id)
    assert dossier is not None and authorisation.id is not None
    what = life.EVENT_LABELS[action]
    title = f"Autorisation n° {authorisation.numero} : {what[0].lower()}{what[1:]}"
    link = ("l'autorisation", routes.authorisation_path(authorisation.id))
    recipients = []
    if action in _TO_HOLDER:
        recipients += notifications.operator_side_users(db, dossier, today)
    if action in _TO_CUSTOMS:
        recipients += notifications.customs_side_users(db, dossier)
    db.flush()  # the event's id, for the notice of the decision
    notice = (
        NoticeKey("authorisation", event.id)
        if event.id is not None and is_notified_decision(action.value, on_authorisation=True)
        else None
    )
    return notifications.notify(
        db, recipients, dossier, "autorisation", title, event.message, link=link, notice=notice
    )


def _done_message(action: LifeAction, authorisation: Authorisation, event: AuthorisationEvent) -> str:
    return (
        f"{life.STEP_LABELS[action]} : c'est fait."
        if action is not LifeAction.MODIFIER_OFFICE
        else (
            f"Modification d'office enregistrée : version « Avenant n° {event.version} » de l'autorisation "
            f"n° {authorisation.numero}."
        )
    )


# --- what the authorisation page shows -------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    at: str
    actor: str
    label: str
    message: str
    by_customs: bool
    files: list[dict[str, str]] = field(default_factory=list)  # {"name", "url"}: the holder's documents
    letter_url: str = ""  # the decision letter (PDF) of a customs decision
    notice: str = ""  # when the decision reached the holder (domain/notification.py)
    appeal: str = ""
    effect: str = ""


@dataclass(frozen=True)
class LifeView:
    steps: list[dict[str, str]]  # {"action", "label"} offered to this side now
    hearing: dict[str, str]  # the projet awaiting observations or heard: measure, grounds, due, state
    holder_request: dict[str, str]  # the holder's pending request: kind, message, until/effect
    suspended_until: str
    reassessment_open: bool
    events: list[EventRow]
    waiting_for_holder: bool  # the holder is expected to reply (his « À traiter »)


def life_view(ctx: SessionContext, authorisation_id: int, today: date | None = None) -> LifeView | None:
    today = today or paris_today(now_utc())
    try:
        side = acting_side(ctx)
    except AccessDenied:
        return None
    with session_scope() as db:
        try:
            authorisation = _load(db, ctx, authorisation_id)
        except LifeError:
            return None
        facts = facts_of(db, authorisation, today)
        requests = open_requests(db, authorisation_id)
        hearing, asked = _hearing(requests), _holder_request(requests)
        if side is Side.OPERATOR:  # the holder's side opening the authorisation notifies its decisions
            notices.record_opening(db, "authorisation", authorisation_id, ctx.user_id or None)
        events = events_of(db, authorisation_id)
        files = _files_of(db, [e.id for e in events if e.id is not None])
        noticed = notices.notices_of(db, "authorisation", [e.id for e in events if e.id is not None])
    steps = [{"action": a.value, "label": life.STEP_LABELS[a]} for a in life.offered(side, facts, today)]
    hearing_view: dict[str, str] = {}
    if hearing is not None and hearing.due_date is not None:
        state = {
            RequestStatus.NOUVELLE.value: f"observations attendues avant le {format_date(hearing.due_date)}",
            RequestStatus.REPONDUE.value: "observations reçues",
            RequestStatus.EXPIREE.value: "délai expiré sans observations",
        }.get(hearing.status, "")
        hearing_view = {
            "measure": life.MEASURE_LABELS[Measure(hearing.kind)],
            "projet": life.PROJET_LABELS[Measure(hearing.kind)].capitalize(),
            "grounds": hearing.message,
            "due": format_date(hearing.due_date),
            "state": state,
            "answer": hearing.answer,
        }
    asked_view: dict[str, str] = {}
    if asked is not None:
        asked_view = {
            "kind": "suspension" if asked.kind == HolderRequest.SUSPENSION.value else "révocation",
            "message": asked.message,
            "until": format_date(asked.until_date),
            "effect": format_date(asked.effect_date),
            "at": format_date(paris_today(asked.created_at)),
        }
    return LifeView(
        steps=steps,
        hearing=hearing_view,
        holder_request=asked_view,
        suspended_until=format_date(facts.suspended_until),
        reassessment_open=facts.reassessment_open,
        events=[
            EventRow(
                at=format_date(paris_today(e.occurred_at)),
                actor=e.actor_label,
                label=life.EVENT_LABELS[LifeAction(e.action)],
                message=e.message,
                by_customs=e.by_customs,
                files=files.get(e.id or 0, []),
                letter_url=routes.authorisation_letter_path(authorisation_id, e.id)
                if e.id is not None and e.action in AUTHORISATION_LETTERS
                else "",
                **_notice_facts(e, noticed),
            )
            for e in reversed(events)
        ],
        waiting_for_holder=facts.hearing is not None,
    )


def _notice_facts(event: AuthorisationEvent, noticed: dict[int, notices.Notice]) -> dict[str, str]:
    if event.id is None or not is_notified_decision(event.action, on_authorisation=True):
        return {}
    notice = noticed.get(event.id)
    facts = describe_notice(
        event.action,
        notice.notified_at if notice else None,
        notice.means if notice else "",
        adverse=AUTHORISATION_LETTERS[event.action].adverse,
        set_date=event.effect_date,
    )
    return {"notice": facts.notified, "appeal": facts.appeal, "effect": facts.effect}


def _files_of(db: Session, event_ids: list[int]) -> dict[int, list[dict[str, str]]]:
    found: dict[int, list[dict[str, str]]] = {}
    if not event_ids:
        return found
    rows = db.exec(
        select(Attachment)
        .where(col(Attachment.authorisation_event_id).in_(event_ids))
        .where(col(Attachment.removed_at).is_(None))
        .order_by(col(Attachment.id))
    ).all()
    for item in rows:
        found.setdefault(item.authorisation_event_id or 0, []).append(
            {"name": item.file_name, "url": routes.piece_path(item.id)}
        )
    return found


# --- what waits for each side (dashboards) -----------------------------------------------------------


@dataclass(frozen=True)
class Task:
    authorisation_id: int
    numero: str
    text: str


def tasks_for(ctx: SessionContext, limit: int = 10) -> list[Task]:
    """The authorisations on which this side is expected to act: for the holder, a projet awaiting his
    observations; for customs, observations received or a period over, a holder's request, a
    suspension period ended."""
    try:
        side = acting_side(ctx)
    except AccessDenied:
        return []
    scoped = _scoped(ctx)
    if scoped is None or side is Side.SYSTEM:
        return []
    today = paris_today(now_utc())
    visible = scoped.with_only_columns(col(Authorisation.id)).scalar_subquery()
    with session_scope() as db:
        requests = db.exec(
            select(AuthorisationRequest, Authorisation.numero)
            .join(Authorisation, col(Authorisation.id) == AuthorisationRequest.authorisation_id)
            .where(col(AuthorisationRequest.authorisation_id).in_(visible))
            .where(col(AuthorisationRequest.closed_at).is_(None))
            .order_by(col(AuthorisationRequest.created_at))
            .limit(limit)
        ).all()
        ended = (
            db.exec(
                select(col(Authorisation.id), Authorisation.numero, col(Authorisation.suspended_until))
                .where(col(Authorisation.id).in_(visible))
                .where(col(Authorisation.suspended))
                .where(col(Authorisation.suspended_until) < today)
                .limit(limit)
            ).all()
            if side is Side.CUSTOMS
            else []
        )
    tasks = []
    for request, numero in requests:
        projet = life.PROJET_LABELS[Measure(request.kind)].capitalize() if request.from_customs else ""
        if side is Side.OPERATOR and request.from_customs and request.status == RequestStatus.NOUVELLE.value:
            tasks.append(
                Task(
                    request.authorisation_id,
                    numero,
                    f"{projet} : présentez vos observations avant le {format_date(request.due_date)}.",
                )
            )
        elif side is Side.CUSTOMS and request.from_customs and request.status != RequestStatus.NOUVELLE.value:
            heard = (
                "observations reçues" if request.status == RequestStatus.REPONDUE.value else "délai expiré"
            )
            tasks.append(Task(request.authorisation_id, numero, f"{projet} ({heard}) : décidez."))
        elif side is Side.CUSTOMS and not request.from_customs:
            kind = "suspension" if request.kind == HolderRequest.SUSPENSION.value else "révocation"
            tasks.append(Task(request.authorisation_id, numero, f"Demande de {kind} du titulaire à traiter."))
    for authorisation_id, numero, until in ended:
        assert authorisation_id is not None
        tasks.append(
            Task(authorisation_id, numero, f"Suspension échue le {format_date(until)} : levez-la ou décidez.")
        )
    return tasks[:limit]


def rdc11_ground(db: Session, company_id: int, regime: str, submitted_on: date) -> str:
    """The ground for « Déclarer la demande irrecevable » when an application comes within a year
    after a revocation for failure to meet obligations, or an annulment, of an authorisation of the
    same holder and régime (RDC art. 11, spec §3.3 row 7); "" otherwise."""
    ended = db.exec(
        select(AuthorisationEvent, Authorisation.numero, Authorisation.regime)
        .join(Authorisation, col(Authorisation.id) == AuthorisationEvent.authorisation_id)
        .where(Authorisation.company_id == company_id)
        .where(
            (col(AuthorisationEvent.action) == LifeAction.ANNULER.value)
            | (
                (col(AuthorisationEvent.action) == LifeAction.REVOQUER.value)
                & (col(AuthorisationEvent.ground) == life.RevocationGround.OBLIGATIONS.value)
            )
        )
    ).all()
    found = life.rdc11_block([(numero, e.decided_on, reg) for e, numero, reg in ended], regime, submitted_on)
    if found is None:
        return ""
    numero, day = found
    what = next(
        (
            "l'annulation"
            if e.action == LifeAction.ANNULER.value
            else "la révocation pour manquement aux obligations"
        )
        for e, n, _r in ended
        if n == numero and e.decided_on == day
    )
    return (
        f"La demande a été déposée moins d'un an après {what} de l'autorisation n° {numero} "
        f"(décision du {format_date(day)}) pour le même régime : elle ne peut pas être acceptée (art. 11 RDC)."
    )
