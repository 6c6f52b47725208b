"""Notifications: in the app (an unread counter and a list) and by e-mail when SMTP is configured.

The operator's side hears about customs steps; the customs service hears about the operator's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, update
from sqlmodel import Session, col, func, select

from .. import routes
from ..app_clock import now_utc
from ..db import session_scope
from ..domain.formatting import format_datetime
from ..domain.roles import Role
from ..models import Dossier, Mandate, Notification, User
from ..settings import settings
from .auth import SessionContext
from .mail import Mail
from .notices import NoticeKey


def operator_side_users(db: Session, dossier: Dossier, today: date) -> list[User]:
    """The company's own users and its representatives with a mandate in force."""
    own = db.exec(
        select(User).where(User.company_id == dossier.company_id).where(User.role == Role.OPERATEUR.value)
    ).all()
    representatives = db.exec(
        select(User)
        .join(Mandate, col(Mandate.user_id) == User.id)
        .where(Mandate.company_id == dossier.company_id)
        .where(Mandate.valid_from <= today)
        .where(or_(col(Mandate.valid_to).is_(None), col(Mandate.valid_to) >= today))
    ).all()
    users = {u.id: u for u in [*own, *representatives] if u.active}
    return list(users.values())


def customs_side_users(db: Session, dossier: Dossier) -> list[User]:
    if dossier.service_id is None:
        return []
    return list(
        db.exec(
            select(User).where(User.service_id == dossier.service_id).where(User.role == Role.AGENT.value)
        ).all()
    )


def notify(
    db: Session,
    recipients: list[User],
    dossier: Dossier,
    kind: str,
    title: str,
    message: str,
    extra_emails: tuple[str, ...] = (),
    link: tuple[str, str] | None = None,
    notice: NoticeKey | None = None,
) -> list[Mail]:
    """Store one notification per recipient; return the e-mails to send once the transaction is committed.

    The notification keeps the message; the e-mail adds a link: to the dossier, or ``link`` (what it
    opens, its path), e.g. the authorisation page that holds « Demander le renouvellement ».
    ``notice``: the decision these mails announce; the operator side's mails carry it, so that the
    mail server's acceptance notifies the decision (services/notices.py)."""
    what, path = link or ("le dossier", f"/dossiers/{dossier.id}")
    body = "\n\n".join(
        part
        for part in (f"{title}.", message.strip(), f"Consultez {what} : {settings.public_url}{path}")
        if part
    )
    mails = []
    for user in recipients:
        assert user.id is not None and dossier.id is not None
        db.add(
            Notification(
                user_id=user.id, dossier_id=dossier.id, kind=kind, title=title[:200], body=message.strip()
            )
        )
        on_operator_side = user.role in (Role.OPERATEUR.value, Role.REPRESENTANT.value)
        mails.append(Mail(user.email, title, body, notice if on_operator_side else None))
    known = {m.to for m in mails}
    mails.extend(
        Mail(address, title, body, notice) for address in extra_emails if address and address not in known
    )
    return mails


def notify_link(
    db: Session, recipients: list[User], kind: str, title: str, path: str, actor_id: int = 0
) -> list[Mail]:
    """Notifications about something that is not a dossier (a question, a support request): one per
    recipient but the author, with the page it opens; the e-mails to send after the commit."""
    mails = []
    for user in recipients:
        if user.id is None or user.id == actor_id:
            continue
        db.add(Notification(user_id=user.id, dossier_id=None, link=path, kind=kind, title=title[:200]))
        mails.append(Mail(user.email, title, f"{title}.\n\nConsultez-la : {settings.public_url}{path}"))
    return mails


# --- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NotificationRow:
    id: int
    href: str  # the dossier, or what else it is about (a question)
    title: str
    body: str
    date: str
    unread: bool


def unread_count(ctx: SessionContext) -> int:
    with session_scope() as db:
        return int(
            db.exec(
                select(func.count())
                .select_from(Notification)
                .where(Notification.user_id == ctx.user_id)
                .where(col(Notification.read_at).is_(None))
            ).one()
        )


def latest(ctx: SessionContext, limit: int = 50) -> list[NotificationRow]:
    with session_scope() as db:
        rows = db.exec(
            select(Notification)
            .where(Notification.user_id == ctx.user_id)
            .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())
            .limit(limit)
        ).all()
    return [
        NotificationRow(
            n.id or 0,
            n.link or (routes.dossier_path(n.dossier_id) if n.dossier_id else routes.NOTIFICATIONS),
            n.title,
            n.body,
            format_datetime(n.created_at),
            n.read_at is None,
        )
        for n in rows
    ]


def mark_read(ctx: SessionContext, dossier_id: int | None = None, link: str | None = None) -> None:
    """All of the user's notifications, or those of one dossier or one link (when he opens it)."""
    with session_scope() as db:
        query = (
            update(Notification)
            .where(col(Notification.user_id) == ctx.user_id)
            .where(col(Notification.read_at).is_(None))
        )
        if dossier_id is not None:
            query = query.where(col(Notification.dossier_id) == dossier_id)
        if link is not None:
            query = query.where(col(Notification.link) == link)
        db.execute(query.values(read_at=now_utc()))
