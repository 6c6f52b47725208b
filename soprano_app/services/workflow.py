"""Applying one step of the decision phase (spec §3.3) in one transaction: the actor and the status
are checked by ``domain.workflow``, then the status, the append-only history, the open request,
the time limits, the authorisation and the notifications are written together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from ..app_clock import now_utc
from ..db import lock_row, session_scope
from ..domain import clock as legal
from ..domain import workflow as wf
from ..domain.authorisations import Validity, validity_refused
from ..domain.catalogue import CATALOGUE
from ..domain.catalogue.codelists import NO_ECONOMIC_CODE
from ..domain.catalogue.conditions import OUI
from ..domain.catalogue.model import Block, Field, Group
from ..domain.company_roles import Right
from ..domain.company_roles import refused as refused_right
from ..domain.formatting import format_date, paris_today
from ..domain.forms.engine import check_field, rows_of, sanitize
from ..domain.forms.prefill import derive
from ..domain.grounds import describe as describe_grounds
from ..domain.grounds import parse as grounds_of
from ..domain.grounds import stored as stored_grounds
from ..domain.guarantee import guarantee_refused
from ..domain.history import EventKind
from ..domain.notification import is_notified_decision
from ..domain.regimes import Regime, TypeDemande
from ..domain.retroactive import RetroFacts, retroactive_refused
from ..domain.statuses import FINAL_STATUSES, DossierStatus, Side
from ..domain.workflow import Action, Need, RequestStatus
from ..models import Authorisation, Dossier, DossierEvent, DossierRequest
from . import mail, notifications, revocations
from .access import AccessDenied, acting_side, changed_in_lists, scoped_dossiers
from .auth import SessionContext
from .authorisation_workflow import rdc11_ground
from .history import record_event
from .issuing import Issued, current_validity, issue
from .notices import NoticeKey

MAX_MESSAGE = 4000
REQUEST_ACTIONS = {
    Action.DEMANDER_COMPLEMENTS,
    Action.DEMANDER_INFORMATIONS,
    Action.NOTIFIER_PROJET_DEFAVORABLE,
}


@dataclass
class ActionInput:
    message: str = ""
    deadline_days: int = legal.DEFAULT_REPLY_DAYS
    days: int = 0
    valid_from: date | None = None
    valid_to: date | None = None
    choice: str = ""  # Need.CHOICE: one of domain.workflow.CHOICES[action]
    grounds: list[str] = field(default_factory=list)  # Need.GROUNDS (domain/grounds.py)
    guarantee_kind: str = ""  # Need.GUARANTEE (domain/guarantee.py)
    retro_conditions: list[str] = field(default_factory=list)  # UCC 211(2) a–d confirmed (retroactive)
    guarantee_amount: str = ""
    guarantee_reference: str = ""
    reopened: list[str] = field(default_factory=list)  # fields customs reopens with a request
    answers: dict[str, Any] = field(default_factory=dict)  # the operator's new values of reopened fields
    confidential: bool = False  # Need.CONFIDENTIAL: the applicant is not informed (RDC art. 13(3))


@dataclass(frozen=True)
class Outcome:
    message: str
    status: DossierStatus
    authorisation: str = ""


def side_in_workflow(ctx: SessionContext) -> Side:
    try:
        return acting_side(ctx)
    except AccessDenied as exc:
        raise wf.WorkflowError(str(exc)) from exc


def reopenable_items() -> list[Field | Block]:
    """What customs may reopen with a request: the fields and blocks outside repeatable groups."""
    return [
        item
        for _r, _s, item in CATALOGUE.top_items()
        if not isinstance(item, Group) and not getattr(item, "readonly", False)
    ]


def reopened_fields(ids: list[str]) -> list[Field]:
    fields: list[Field] = []
    for item_id in ids:
        if not CATALOGUE.has(item_id):
            continue
        item = CATALOGUE.item(item_id)
        if isinstance(item, Field) and not item.readonly and CATALOGUE.group_of(item.id) is None:
            fields.append(item)
        elif isinstance(item, Block):
            fields.extend(f for f in item.fields() if not f.readonly)
    return fields


def facts_of(db: Session, dossier: Dossier, today: date) -> wf.Facts:
    answers = json.loads(dossier.answers or "{}")
    hearings = db.exec(
        select(DossierEvent.grounds)
        .where(DossierEvent.dossier_id == dossier.id)
        .where(DossierEvent.action == Action.NOTIFIER_PROJET_DEFAVORABLE.value)
    ).all()
    request = open_request(db, dossier.id) if dossier.id is not None else None
    running = request is not None and request.due_date >= today
    extended = db.exec(
        select(func.coalesce(func.sum(DossierEvent.days), 0))
        .where(DossierEvent.dossier_id == dossier.id)
        .where(DossierEvent.action == Action.PROLONGER_DELAI.value)
    ).one()
    status = DossierStatus(dossier.statut)
    acceptance_due = None
    if status is DossierStatus.DEPOSEE:
        clock = clock_of(db, dossier)
        acceptance_due = clock.due if clock.due is not None and clock.due < today else None
    consulted = _last_event(db, dossier, Action.CONSULTER_ETATS_MEMBRES)
    consultation_until = None
    if status is DossierStatus.CONSULTATION_EM and consulted is not None:
        ends = legal.period_end(consulted.step_day or consulted.occurred_at.date(), consulted.days or 0)
        consultation_until = ends if ends >= today else None
    closed = _last_event(db, dossier, Action.FIN_CONSULTATION)
    investigations = db.exec(
        select(col(DossierEvent.step_day), col(DossierEvent.days))
        .where(DossierEvent.dossier_id == dossier.id)
        .where(DossierEvent.action == Action.PROLONGER_ENQUETE.value)
        .order_by(col(DossierEvent.id))
    ).all()
    return wf.Facts(
        regime=Regime(dossier.regime),
        several_member_states=answers.get("validite_geo_ue") == OUI,
        heard=bool(hearings),
        # A notice given before grounds were recorded stated its grounds in its message only: « autre ».
        heard_grounds=frozenset().union(*(grounds_of(g) if g else frozenset({"autre"}) for g in hearings)),
        waiting_until=request.due_date if running and request else None,
        extension_days_used=int(extended or 0),
        economic=_economic(db, dossier, answers),
        consultation=wf.Consultation(closed.choice) if closed and closed.choice else wf.Consultation.AUCUNE,
        consultation_until=consultation_until,
        acceptance_due=acceptance_due,
        investigation_days_left=legal.investigation_days_left(
            investigations[0][0] if investigations else None, sum(d or 0 for _s, d in investigations), today
        ),
    )


def _last_event(db: Session, dossier: Dossier, action: Action) -> DossierEvent | None:
    return db.exec(
        select(DossierEvent)
        .where(DossierEvent.dossier_id == dossier.id)
        .where(DossierEvent.action == action.value)
        .order_by(col(DossierEvent.occurred_at).desc(), col(DossierEvent.id).desc())
    ).first()


def _economic(db: Session, dossier: Dossier, answers: dict[str, Any]) -> wf.Economic:
    """The Commission's conclusion if there is one, otherwise what the application's codes deem."""
    if dossier.regime != Regime.PA.value:
        return wf.Economic.REPUTEES
    concluded = _last_event(db, dossier, Action.RETOUR_COMMISSION)
    if concluded is not None and concluded.choice:
        return wf.Economic(concluded.choice)
    codes = answers.get("pa_conditions_eco") or []
    codes = codes if isinstance(codes, list) else [codes]
    return (
        wf.Economic.REPUTEES if any(c and c != NO_ECONOMIC_CODE for c in codes) else wf.Economic.NON_EXAMINEES
    )


def retro_facts(
    db: Session, dossier: Dossier, answers: dict[str, Any], kind: TypeDemande, current: Validity | None
) -> RetroFacts:
    """What decides a retroactive effect (domain/retroactive.py), from the dossier and the holder."""
    accepted = _last_event(db, dossier, Action.ACCEPTER)
    earlier = db.exec(
        select(col(Authorisation.valid_from), col(Authorisation.granted_at)).where(
            Authorisation.company_id == dossier.company_id
        )
    ).all()
    transmitted = _last_event(db, dossier, Action.TRANSMETTRE_COMMISSION)
    renewal = kind is TypeDemande.RENOUVELLEMENT
    return RetroFacts(
        requested=answers.get("retroactif") == OUI,
        accepted_on=(accepted.step_day or accepted.occurred_at.date()) if accepted else None,
        annex_71_02=any(r.get("mp_annexe_71_02") == OUI for r in rows_of(answers, "marchandises")),
        previous_end=current.end if renewal and current is not None else None,
        earlier_retroactive=tuple(
            paris_today(granted) for start, granted in earlier if start < paris_today(granted)
        ),
        economic_examination=transmitted is not None,
        renewal=renewal,
    )


def clock_of(db: Session, dossier: Dossier, *, for_applicant: bool = False) -> legal.Clock:
    """The dossier's legal clock, replayed from its history; ``for_applicant``: as the applicant
    knows it, without the extensions customs kept from him (RDC art. 13(3))."""
    query = (
        select(DossierEvent)
        .where(DossierEvent.dossier_id == dossier.id)
        .where(col(DossierEvent.step).is_not(None))
        .order_by(col(DossierEvent.occurred_at), col(DossierEvent.id))
    )
    if for_applicant:
        query = query.where(col(DossierEvent.confidential).is_not(True))
    events = db.exec(query).all()
    answers = json.loads(dossier.answers or "{}")
    return legal.compute_clock(
        [
            legal.ClockEvent(e.step_day or e.occurred_at.date(), legal.Step(e.step), e.days or 0)
            for e in events
            if e.step
        ],
        Regime(dossier.regime),
        answers.get("validite_geo_ue") == OUI,
    )


def next_due(status: DossierStatus, clock: legal.Clock) -> date | None:
    """The date shown in the dashboards' « Échéance » column: whoever must act next."""
    if status in FINAL_STATUSES:
        return None
    return clock.reply_due or clock.due


def open_request(db: Session, dossier_id: int) -> DossierRequest | None:
    return db.exec(
        select(DossierRequest)
        .where(DossierRequest.dossier_id == dossier_id)
        .where(DossierRequest.status == RequestStatus.NOUVELLE.value)
        .order_by(col(DossierRequest.created_at).desc())
    ).first()


def _require(
    transition: wf.Transition,
    data: ActionInput,
    today: date,
    facts: wf.Facts,
    answers: dict[str, Any],
    kind: TypeDemande = TypeDemande.PREMIERE,
    current: Validity | None = None,
    retro: RetroFacts | None = None,
) -> None:
    """The inputs each action needs (its ``needs``), with French messages."""
    needs = transition.needs
    if Need.MESSAGE in needs and not data.message.strip():
        raise wf.WorkflowError(
            "Saisissez le message qui accompagne cette étape (motifs, points à compléter…)."
        )
    if len(data.message) > MAX_MESSAGE:
        raise wf.WorkflowError(f"Le message est limité à {MAX_MESSAGE} caractères.")
    if data.confidential and Need.CONFIDENTIAL not in needs:
        raise wf.WorkflowError(wf.CONFIDENTIAL_REFUSED)
    refused = wf.input_refused(transition.action, facts, data.choice, data.deadline_days, data.grounds)
    if refused:
        raise wf.WorkflowError(refused)
    if Need.DAYS in needs:
        ceiling = {
            Action.PROLONGER_DELAI: facts.extension_days_left,
            Action.PROLONGER_ENQUETE: facts.investigation_days_left,
        }.get(transition.action, 365)
        if not 1 <= data.days <= ceiling:
            raise wf.WorkflowError(f"La durée est comprise entre 1 et {ceiling} jours.")
    if Need.VALIDITY in needs:
        annex = any(r.get("mp_annexe_71_02") == OUI for r in rows_of(answers, "marchandises"))
        earliest_day = today
        if data.valid_from is not None and data.valid_from < today and retro is not None:
            # A retroactive effect (UCC 211(2)): its own rules, then the usual ones from that day.
            refused = retroactive_refused(data.valid_from, today, retro, frozenset(data.retro_conditions))
            if refused:
                raise wf.WorkflowError(refused)
            earliest_day = data.valid_from
        refused = validity_refused(
            kind, facts.regime, annex, Validity(data.valid_from, data.valid_to), earliest_day, current
        )
        if refused:
            raise wf.WorkflowError(refused)
    if Need.GUARANTEE in needs:
        _chosen, refused_guarantee = guarantee_refused(
            data.guarantee_kind, data.guarantee_amount, data.guarantee_reference
        )
        if refused_guarantee:
            raise wf.WorkflowError(refused_guarantee)


def _expire_request(db: Session, dossier_id: int) -> None:
    """The reply period ended without a reply."""
    request = open_request(db, dossier_id)
    if request is not None:
        request.status = RequestStatus.EXPIREE.value
        db.add(request)


def _apply_reply(db: Session, dossier: Dossier, data: ActionInput, now: datetime) -> DossierRequest | None:
    """The operator's answer: the request is answered, the reopened fields take their new values."""
    request = open_request(db, dossier.id or 0)
    if request is None:
        return None
    allowed = {f.id: f for f in reopened_fields(json.loads(request.reopened or "[]"))}
    answers = json.loads(dossier.answers or "{}")
    errors = []
    for field_id, raw in data.answers.items():
        if field_id not in allowed:
            continue  # only what customs reopened
        checked = check_field(allowed[field_id], raw, answers)
        if checked.error:
            errors.append(f"{allowed[field_id].label} : {checked.error}")
        answers[field_id] = checked.value
    if errors:
        raise wf.WorkflowError("Corrigez les champs rouverts : " + " ; ".join(errors))
    dossier.answers = json.dumps(derive(sanitize(answers), Regime(dossier.regime)), ensure_ascii=False)
    request.status, request.answered_at, request.answer = (
        RequestStatus.REPONDUE.value,
        now,
        data.message.strip(),
    )
    db.add(request)
    return request


def _event_message(
    action: Action, data: ActionInput, request: DossierRequest | None, issued: Issued | None
) -> str:
    message = data.message.strip()
    if Need.GROUNDS in wf.TRANSITIONS[action].needs and data.grounds:
        message = f"Motifs : {describe_grounds(grounds_of(stored_grounds(data.grounds)))}.\n{message}"
    chosen = wf.choice_label(action, data.choice)
    if chosen:
        message = f"{wf.CHOICES[action][0]} : {chosen}.\n{message}"
    if action is Action.CONSULTER_ETATS_MEMBRES:
        message += f"\nDélai de réponse des États consultés : {data.deadline_days} jours."
    if action in REQUEST_ACTIONS and request is not None:
        message += f"\nRéponse attendue avant le {format_date(request.due_date)}."
        reopened = reopened_fields(json.loads(request.reopened or "[]"))
        if reopened:
            message += "\nChamps rouverts : " + ", ".join(f"« {f.label} »" for f in reopened) + "."
    if action in (Action.REFUSER, Action.DECLARER_IRRECEVABLE):
        message += "\n" + wf.APPEAL_TEXT
    if action is Action.PROLONGER_DELAI:
        message += f"\nDélai de décision prolongé de {data.days} jours."
    if issued is not None:
        message = issued.message + (f"\n{message}" if message else "")
    return message.strip()


def perform(
    ctx: SessionContext,
    dossier_id: int,
    action: Action,
    data: ActionInput | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Apply ``action`` to the dossier, or raise WorkflowError with the reason."""
    with session_scope() as db:
        dossier = locked_dossier(db, ctx, dossier_id)
        outcome, mails = apply(db, ctx, dossier, action, data or ActionInput(), now or now_utc())
    mail.send_later(mails)
    return outcome


def locked_dossier(db: Session, ctx: SessionContext, dossier_id: int) -> Dossier:
    """The dossier, within the session's scope, locked until the transaction ends."""
    lock_row(db, Dossier, dossier_id)
    try:
        found = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
    except AccessDenied:
        found = None
    if found is None:
        raise wf.WorkflowError("Ce dossier est introuvable ou vous n'êtes pas habilité à le consulter.")
    dossier: Dossier = found[0]
    return dossier


_KIND_OF = {Action.COMMENTER: EventKind.COMMENTAIRE, Action.SIGNALER_DELAI_DEPASSE: EventKind.DELAI}


def apply(
    db: Session, ctx: SessionContext, dossier: Dossier, action: Action, data: ActionInput, now: datetime
) -> tuple[Outcome, list[mail.Mail]]:
    """The one place a dossier's status changes: the step is checked by ``domain.workflow`` (actor,
    status, conditions, inputs), then the status, the history entry, the open request, the time
    limits, the authorisation and the notifications are written in the caller's transaction."""
    assert dossier.id is not None
    dossier_id = dossier.id
    side = side_in_workflow(ctx)
    if side is Side.OPERATOR and refused_right(ctx.company_role, Right.DEPOSER):
        raise wf.WorkflowError(refused_right(ctx.company_role, Right.DEPOSER))
    today = paris_today(now)
    status = DossierStatus(dossier.statut)
    facts = facts_of(db, dossier, today)
    transition = wf.check(action, status, side, facts)
    answers = json.loads(dossier.answers or "{}")
    kind = TypeDemande(dossier.type_demande)
    current = current_validity(db, dossier)
    retro = retro_facts(db, dossier, answers, kind, current) if action is Action.ACCORDER else None
    _require(transition, data, today, facts, answers, kind, current, retro)

    target = transition.target
    step = transition.step
    request: DossierRequest | None = None
    issued: Issued | None = None
    if action is Action.REPONDRE:
        target, step = wf.target_of_reply(status), wf.step_of_reply(status)
        request = _apply_reply(db, dossier, data, now)
    if action is Action.EXPIRER_DELAI_REPONSE or (
        action is Action.DECLARER_IRRECEVABLE and side is Side.SYSTEM
    ):
        _expire_request(db, dossier_id)  # the reply period ended without a reply
    if action is Action.EXPIRER_DELAI_REPONSE:
        step = wf.step_of_expiry(status)
    if action in REQUEST_ACTIONS:
        days = (
            legal.RIGHT_TO_BE_HEARD_DAYS
            if action is Action.NOTIFIER_PROJET_DEFAVORABLE
            else data.deadline_days
        )
        allowed = {i.id for i in reopenable_items()}
        request = DossierRequest(
            dossier_id=dossier_id,
            kind=action.value,
            message=data.message.strip(),
            due_date=legal.period_end(today, days),
            reopened=json.dumps([i for i in data.reopened if i in allowed]),
            created_at=now,
            created_by_label=ctx.service_name or ctx.full_name,
        )
        db.add(request)
    if target is not None and DossierStatus(target) in FINAL_STATUSES:
        for pending in db.exec(
            select(DossierRequest)
            .where(DossierRequest.dossier_id == dossier_id)
            .where(DossierRequest.status == RequestStatus.NOUVELLE.value)
        ).all():
            pending.status = RequestStatus.ANNULEE.value
            db.add(pending)
    if action is Action.ACCORDER:
        assert data.valid_from is not None  # checked by _require
        by = ctx.service_name or ctx.full_name
        guarantee, _reason = guarantee_refused(
            data.guarantee_kind, data.guarantee_amount, data.guarantee_reference
        )
        issued = issue(db, dossier, data.valid_from, data.valid_to, now, by, guarantee)

    new_status = DossierStatus(target) if target is not None else status
    changed = new_status is not status
    confidential = data.confidential and Need.CONFIDENTIAL in transition.needs
    event = record_event(
        db,
        dossier_id,
        at=now,
        kind=_KIND_OF.get(action, EventKind.TRANSITION),
        actor_user_id=ctx.user_id or None,
        actor_label=ctx.service_name if side is Side.CUSTOMS and ctx.service_name else ctx.full_name,
        from_status=status if changed else None,
        to_status=new_status if changed else None,
        message=_event_message(action, data, request, issued),
        action=action,
        step=step,
        step_day=today,
        days=data.deadline_days if Need.DEADLINE in transition.needs else (data.days or None),
        by_customs=side is Side.CUSTOMS,
        choice=data.choice if Need.CHOICE in transition.needs else None,
        grounds=stored_grounds(data.grounds) if Need.GROUNDS in transition.needs else None,
        confidential=confidential,
    )
    db.flush()
    dossier.statut = new_status.value
    if changed:
        revocations.revoke_after_commit(db, revocations.dossier(dossier_id))
        changed_in_lists(db, dossier)
    rdc11 = action is Action.DEPOSER and bool(rdc11_ground(db, dossier.company_id, dossier.regime, today))
    dossier.alerte = wf.alert_after(action, side, status, new_status, dossier.alerte, rdc11)
    dossier.updated_at = max(dossier.updated_at, now)  # a catch-up step is dated in the past
    dossier.echeance = next_due(new_status, clock_of(db, dossier))
    dossier.echeance_demandeur = next_due(new_status, clock_of(db, dossier, for_applicant=True))
    db.add(dossier)
    # A new application reaches customs through their queue, as before: no notification; a step kept
    # from the applicant is not announced either (customs took it: nobody else needs telling).
    mails = (
        []
        if action is Action.DEPOSER or confidential
        else _notify(db, ctx, side, dossier, action, data, issued, today, event)
    )
    done = "Commentaire publié." if action is Action.COMMENTER else f"{transition.label} : c'est fait."
    if issued is not None:
        done = issued.message
    return Outcome(done, new_status, issued.authorisation.numero if issued else ""), mails


def _notify(
    db: Session,
    ctx: SessionContext,
    side: Side,
    dossier: Dossier,
    action: Action,
    data: ActionInput,
    issued: Issued | None,
    today: date,
    event: DossierEvent,
) -> list[mail.Mail]:
    numero = dossier.numero or f"n° {dossier.id}"
    contact = str(json.loads(dossier.answers or "{}").get("contact_demande_courriel", ""))
    if side is Side.CUSTOMS:
        recipients = notifications.operator_side_users(db, dossier, today)
        extra: tuple[str, ...] = (contact,)
    elif side is Side.SYSTEM:  # time acted: both parties hear of it
        recipients = [
            *notifications.operator_side_users(db, dossier, today),
            *notifications.customs_side_users(db, dossier),
        ]
        extra = (contact,)
    else:
        recipients = notifications.customs_side_users(db, dossier)
        extra = ()
    recipients = [u for u in recipients if u.id != ctx.user_id]
    title = f"Dossier {numero} : {wf.DONE[action]}"
    if issued is not None and issued.version:
        title = f"Dossier {numero} : avenant n° {issued.version} à l'autorisation n° {issued.authorisation.numero} accordé"
    elif issued is not None:
        title = f"Dossier {numero} : autorisation n° {issued.authorisation.numero} accordée"
    if action is Action.COMMENTER:
        kind = "commentaire"
    elif action in REQUEST_ACTIONS:
        kind = "demande"
    elif action in (Action.ACCORDER, Action.REFUSER, Action.DECLARER_IRRECEVABLE, Action.CLASSER_SANS_SUITE):
        kind = "decision"
    else:
        kind = "etape"
    notice = (
        NoticeKey("dossier", event.id)
        if event.id is not None and side is not Side.OPERATOR and is_notified_decision(action.value)
        else None
    )
    return notifications.notify(db, recipients, dossier, kind, title, data.message, extra, notice=notice)
