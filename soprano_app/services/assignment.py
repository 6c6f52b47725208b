"""« Suivi par »: taking, assigning and releasing the dossiers of a customs service.

The rules are ``domain/assignment.py``; here the session, the dossier's scope and the row lock. Each
change is one history entry, internal to the service (the applicant never reads it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from ..app_clock import now_utc
from ..db import lock_row, session_scope
from ..domain.assignment import Actor, Agent, Move, departure_message, history_message, refusal
from ..domain.history import EventKind
from ..domain.roles import Role
from ..domain.statuses import DossierStatus
from ..models import Dossier, User
from .access import AccessDenied, changed_in_lists, dossier_scope
from .auth import SessionContext
from .history import record_event

SYSTEM_LABEL = "Système"


class AssignmentError(Exception):
    """A change refused, with its reason in French."""


@dataclass(frozen=True)
class FollowView:
    """What the dossier page shows of its follow-up, and what this agent may do about it."""

    agent_id: int  # 0: nobody
    agent_name: str
    is_lead: bool
    may_take: bool
    may_release: bool
    agents: list[Agent]  # the service's active agents, for the lead's « Affecter à »


def agents_of(db: Session, service_id: int) -> list[Agent]:
    users = db.exec(
        select(User)
        .where(User.service_id == service_id)
        .where(User.role == Role.AGENT.value)
        .where(col(User.active).is_(True))
        .order_by(col(User.last_name), col(User.first_name))
    ).all()
    return [Agent(u.id or 0, u.full_name, u.active) for u in users]


def _actor(db: Session, ctx: SessionContext) -> Actor:
    if not ctx.is_customs or ctx.service_id is None:
        raise AssignmentError("Réservé aux agents du service des douanes.")
    user = db.get(User, ctx.user_id)
    if user is None or not user.active or user.service_id != ctx.service_id:
        raise AssignmentError("Réservé aux agents du service des douanes.")
    return Actor(ctx.user_id, user.full_name, user.service_lead)


def _dossier(db: Session, ctx: SessionContext, dossier_id: int) -> Dossier:
    try:
        found = db.exec(select(Dossier).where(Dossier.id == dossier_id).where(*dossier_scope(ctx))).first()
    except AccessDenied as exc:
        raise AssignmentError(str(exc)) from exc
    if found is None:
        raise AssignmentError("Ce dossier est introuvable ou n'est pas traité par votre service.")
    return found


def _name(db: Session, user_id: int | None) -> str:
    user = db.get(User, user_id) if user_id else None
    return user.full_name if user else ""


def follow_view(ctx: SessionContext, dossier_id: int) -> FollowView | None:
    """None when ``ctx`` is not an agent of the dossier's service."""
    with session_scope() as db:
        try:
            actor, dossier = _actor(db, ctx), _dossier(db, ctx, dossier_id)
        except AssignmentError:
            return None
        status, current = DossierStatus(dossier.statut), dossier.assigned_to_id
        assert ctx.service_id is not None
        return FollowView(
            agent_id=current or 0,
            agent_name=_name(db, current),
            is_lead=actor.is_lead,
            may_take=refusal(Move.TAKE, actor, status, current) == "",
            may_release=refusal(Move.RELEASE, actor, status, current) == "",
            agents=agents_of(db, ctx.service_id) if actor.is_lead else [],
        )


def change(
    ctx: SessionContext, dossier_id: int, move: Move, agent_id: int = 0, now: datetime | None = None
) -> str:
    """Take, assign or release; returns the history message. Raises ``AssignmentError``."""
    now = now or now_utc()
    with session_scope() as db:
        actor = _actor(db, ctx)
        dossier = _dossier(db, ctx, dossier_id)  # in the scope, before the lock
        lock_row(db, Dossier, dossier_id)
        db.refresh(dossier)  # as it stands once locked
        target = None
        if move is Move.ASSIGN:
            assert ctx.service_id is not None
            target = next((a for a in agents_of(db, ctx.service_id) if a.user_id == agent_id), None)
        current = dossier.assigned_to_id
        problem = refusal(move, actor, DossierStatus(dossier.statut), current, target)
        if problem:
            raise AssignmentError(problem)
        previous = _name(db, current)
        dossier.assigned_to_id = {Move.TAKE: actor.user_id, Move.RELEASE: None}.get(
            move, target.user_id if target else None
        )
        db.add(dossier)
        message = history_message(move, actor, target, previous)
        record_event(
            db,
            dossier_id,
            at=now,
            kind=EventKind.SUIVI,
            actor_user_id=actor.user_id,
            actor_label=actor.full_name,
            message=message,
            by_customs=True,
            confidential=True,
        )
        changed_in_lists(db, dossier)
        return message


def release_all_of(db: Session, user: User, now: datetime) -> int:
    """An agent leaves his service (deactivated, moved, another role): nobody follows his dossiers
    until the lead assigns them again. Returns how many were released."""
    dossiers = db.exec(select(Dossier).where(Dossier.assigned_to_id == user.id)).all()
    for dossier in dossiers:
        assert dossier.id is not None
        dossier.assigned_to_id = None
        db.add(dossier)
        record_event(
            db,
            dossier.id,
            at=now,
            kind=EventKind.SUIVI,
            actor_label=SYSTEM_LABEL,
            message=departure_message(user.full_name),
            by_customs=True,
            confidential=True,
        )
        changed_in_lists(db, dossier)
    return len(dossiers)


def lead_choices(ctx: SessionContext) -> list[Agent]:
    """The service's active agents if ``ctx`` leads his service (for « Affecter à » in bulk), else []."""
    with session_scope() as db:
        try:
            actor = _actor(db, ctx)
        except AssignmentError:
            return []
        assert ctx.service_id is not None
        return agents_of(db, ctx.service_id) if actor.is_lead else []
