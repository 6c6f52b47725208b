"""The administrative journal: every administrative action, with who, when and what (append-only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from ..db import session_scope
from ..domain.accounts import ACTION_LABELS, AdminAction
from ..domain.formatting import format_datetime
from ..domain.roles import Role
from ..models import AdminEvent
from .auth import SessionContext


def record(
    db: Session, ctx: SessionContext, action: AdminAction, target: str, detail: str, at: datetime
) -> None:
    """One entry, in the caller's transaction (the action and its trace succeed or fail together)."""
    db.add(
        AdminEvent(
            occurred_at=at,
            actor_user_id=ctx.user_id or None,
            actor_label=ctx.full_name[:140],
            action=action.value,
            target=target[:200],
            detail=detail,
        )
    )


@dataclass(frozen=True)
class JournalRow:
    at: str
    actor: str
    action: str
    target: str
    detail: str


def entries(ctx: SessionContext, action: str = "", search: str = "", limit: int = 200) -> list[JournalRow]:
    """The journal, newest first, filtered by action and by a text found in the target or the author."""
    if ctx.role is not Role.ADMIN:
        raise PermissionError("Réservé aux administrateurs.")
    query = select(AdminEvent)
    if action in {a.value for a in AdminAction}:
        query = query.where(AdminEvent.action == action)
    needle = search.strip()[:80]
    if needle:
        pattern = f"%{needle}%"
        query = query.where(
            col(AdminEvent.target).ilike(pattern) | col(AdminEvent.actor_label).ilike(pattern)
        )
    query = query.order_by(col(AdminEvent.occurred_at).desc(), col(AdminEvent.id).desc()).limit(limit)
    with session_scope() as db:
        rows = db.exec(query).all()
    return [
        JournalRow(
            format_datetime(r.occurred_at),
            r.actor_label,
            ACTION_LABELS[AdminAction(r.action)],
            r.target,
            r.detail,
        )
        for r in rows
    ]
