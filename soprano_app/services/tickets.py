"""« Assistance technique »: a user's requests to the support (the administrator role), with an
optional screenshot checked like an attachment and kept in the private storage.

A request is seen by its author and by the support, nobody else. Each message notifies the other
side, in the app and by e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, true
from sqlmodel import Session, col, func, select

from .. import routes
from ..app_clock import now_utc
from ..db import lock_row, session_scope
from ..domain import attachments as files
from ..domain import tickets as rules
from ..domain.formatting import format_datetime, paris_today
from ..domain.questions import body_refused
from ..domain.roles import ROLE_LABELS, Role
from ..domain.tickets import CATEGORY_LABELS, STATUS_LABELS, Category, TicketStatus
from ..models import SupportTicket, TicketMessage, User
from . import mail, notifications
from .attachments import IncomingFile
from .auth import SessionContext
from .storage import storage

SCREENSHOT_BYTES = rules.SCREENSHOT_LIMITS.max_file_bytes


class TicketError(ValueError):
    """Refused, with the French reason."""


_NOT_FOUND = "Cette demande d'assistance est introuvable ou vous n'êtes pas habilité à la consulter."


def is_support(ctx: SessionContext) -> bool:
    return ctx.role is Role.ADMIN


def _visible(ctx: SessionContext) -> ColumnElement[bool]:
    return true() if is_support(ctx) else col(SupportTicket.user_id) == ctx.user_id


def _locked(db: Session, ctx: SessionContext, ticket_id: int) -> SupportTicket:
    lock_row(db, SupportTicket, ticket_id)
    found = db.exec(select(SupportTicket).where(SupportTicket.id == ticket_id).where(_visible(ctx))).first()
    if found is None:
        raise TicketError(_NOT_FOUND)
    return found


def _checked_screenshot(screenshot: IncomingFile | None) -> tuple[files.AcceptedFile, bytes] | None:
    if screenshot is None or (not screenshot.name and not screenshot.data):
        return None
    try:
        accepted = files.check_content(
            screenshot.name, screenshot.data, rules.SCREENSHOT_LIMITS, screenshot.truncated
        )
    except files.RefusedFile as exc:
        raise TicketError(f"Capture d'écran refusée : {exc}") from exc
    refused = rules.screenshot_refused(accepted)
    if refused:
        raise TicketError(refused)
    return accepted, screenshot.data


def open_ticket(
    ctx: SessionContext,
    category: str,
    description: str,
    page: str = "",
    screenshot: IncomingFile | None = None,
    now: datetime | None = None,
    send_mails: bool = True,  # the demo data notifies in the app only
) -> str:
    """A new request; returns its reference (« AST-2026-000012 »)."""
    if is_support(ctx):
        raise TicketError("Le support répond aux demandes ; il n'en dépose pas.")
    refused = rules.category_refused(category) or rules.description_refused(description)
    if refused:
        raise TicketError(refused)
    shot = _checked_screenshot(screenshot)
    now = now or now_utc()
    with session_scope() as db:
        # Stored before the row that names it: in this transaction for the database store; on disk, a
        # failed commit leaves an orphan file, never a hole.
        key = storage().put(shot[1], db) if shot else None
        ticket = SupportTicket(
            reference="",
            user_id=ctx.user_id,
            category=category,
            description=description.strip(),
            page=rules.clean_page(page),
            status=TicketStatus.OUVERTE.value,
            screenshot_key=key,
            screenshot_name=shot[0].name if shot else "",
            screenshot_kind=shot[0].kind.value if shot else "",
            created_at=now,
            updated_at=now,
        )
        db.add(ticket)
        db.flush()
        assert ticket.id is not None
        ticket.reference = rules.reference(paris_today(now).year, ticket.id)
        db.add(ticket)
        mails = _notify(
            db,
            ticket,
            by_support=False,
            actor_id=ctx.user_id,
            title=f"Nouvelle demande d'assistance {ticket.reference}",
        )
        reference = ticket.reference
    if send_mails:
        mail.send_later(mails)
    return reference


def ticket_id_of(reference: str) -> int:
    with session_scope() as db:
        found = db.exec(select(SupportTicket.id).where(SupportTicket.reference == reference)).first()
    return int(found or 0)


def reply(
    ctx: SessionContext, ticket_id: int, body: str, now: datetime | None = None, send_mails: bool = True
) -> None:
    refused = body_refused(body)
    if refused:
        raise TicketError(refused)
    now = now or now_utc()
    with session_scope() as db:
        ticket = _locked(db, ctx, ticket_id)
        if ticket.status == TicketStatus.CLOSE.value:
            raise TicketError("Cette demande est close : déposez-en une nouvelle.")
        by_support = is_support(ctx)
        db.add(
            TicketMessage(
                ticket_id=ticket_id,
                author_id=ctx.user_id,
                author_label=("Support" if by_support else ctx.full_name)[:140],
                by_support=by_support,
                body=body.strip(),
                created_at=now,
            )
        )
        ticket.status = (TicketStatus.REPONDUE if by_support else TicketStatus.OUVERTE).value
        ticket.updated_at = now
        db.add(ticket)
        title = (
            f"Réponse du support à votre demande {ticket.reference}"
            if by_support
            else f"Nouveau message sur la demande {ticket.reference}"
        )
        mails = _notify(db, ticket, by_support=by_support, actor_id=ctx.user_id, title=title)
    if send_mails:
        mail.send_later(mails)


def close(ctx: SessionContext, ticket_id: int, now: datetime | None = None) -> None:
    with session_scope() as db:
        ticket = _locked(db, ctx, ticket_id)
        ticket.status = TicketStatus.CLOSE.value
        ticket.updated_at = now or now_utc()
        db.add(ticket)


def _notify(
    db: Session, ticket: SupportTicket, *, by_support: bool, actor_id: int, title: str
) -> list[mail.Mail]:
    assert ticket.id is not None
    if by_support:
        recipients = [u for u in [db.get(User, ticket.user_id)] if u is not None and u.active]
    else:
        recipients = list(
            db.exec(select(User).where(User.role == Role.ADMIN.value).where(col(User.active).is_(True))).all()
        )
    path = routes.ticket_path(ticket.id)
    return notifications.notify_link(db, recipients, "assistance", title, path, actor_id)


# --- reading ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TicketRow:
    id: int
    reference: str
    category: str
    status: str
    status_label: str
    author: str
    updated_at: str


@dataclass(frozen=True)
class TicketMessageRow:
    author: str
    by_support: bool
    body: str
    at: str


@dataclass(frozen=True)
class TicketView:
    row: TicketRow
    description: str
    page: str
    created_at: str
    screenshot_url: str
    screenshot_name: str
    messages: list[TicketMessageRow]
    may_reply: bool


def _row(ticket: SupportTicket, author: str) -> TicketRow:
    status = TicketStatus(ticket.status)
    return TicketRow(
        id=ticket.id or 0,
        reference=ticket.reference,
        category=CATEGORY_LABELS.get(Category(ticket.category), ticket.category),
        status=status.value,
        status_label=STATUS_LABELS[status],
        author=author,
        updated_at=format_datetime(ticket.updated_at),
    )


def _author(user: User | None) -> str:
    if user is None:
        return ""
    return f"{user.first_name} {user.last_name} ({ROLE_LABELS.get(Role(user.role), user.role)})"


def list_tickets(ctx: SessionContext, status: str = "", limit: int = 100) -> list[TicketRow]:
    """The user's requests, or for the support the whole queue; the most recent first."""
    query = select(SupportTicket, User).join(User, col(User.id) == SupportTicket.user_id).where(_visible(ctx))
    if status in {s.value for s in TicketStatus}:
        query = query.where(SupportTicket.status == status)
    query = query.order_by(col(SupportTicket.updated_at).desc(), col(SupportTicket.id).desc()).limit(limit)
    with session_scope() as db:
        return [_row(ticket, _author(user)) for ticket, user in db.exec(query).all()]


def waiting_count(ctx: SessionContext) -> int:
    if not is_support(ctx):
        return 0
    with session_scope() as db:
        return int(
            db.exec(
                select(func.count())
                .select_from(SupportTicket)
                .where(SupportTicket.status == TicketStatus.OUVERTE.value)
            ).one()
        )


def ticket_view(ctx: SessionContext, ticket_id: int) -> TicketView | None:
    with session_scope() as db:
        found = db.exec(
            select(SupportTicket, User)
            .join(User, col(User.id) == SupportTicket.user_id)
            .where(SupportTicket.id == ticket_id)
            .where(_visible(ctx))
        ).first()
        if found is None:
            return None
        ticket, user = found
        messages = db.exec(
            select(TicketMessage)
            .where(TicketMessage.ticket_id == ticket_id)
            .order_by(col(TicketMessage.created_at), col(TicketMessage.id))
        ).all()
    return TicketView(
        row=_row(ticket, _author(user)),
        description=ticket.description,
        page=ticket.page,
        created_at=format_datetime(ticket.created_at),
        screenshot_url=routes.ticket_screenshot_path(ticket_id) if ticket.screenshot_key else "",
        screenshot_name=ticket.screenshot_name,
        messages=[
            TicketMessageRow(m.author_label, m.by_support, m.body, format_datetime(m.created_at))
            for m in messages
        ],
        may_reply=ticket.status != TicketStatus.CLOSE.value,
    )


def screenshot(ctx: SessionContext, ticket_id: int) -> tuple[bytes, str, str] | None:
    """(bytes, download name, media type) of a request's screenshot, for its author and the support."""
    with session_scope() as db:
        ticket = db.exec(
            select(SupportTicket).where(SupportTicket.id == ticket_id).where(_visible(ctx))
        ).first()
    if ticket is None or not ticket.screenshot_key:
        return None
    data = storage().read(ticket.screenshot_key)
    if data is None:
        return None
    kind = files.FileKind(ticket.screenshot_kind)
    return data, files.download_name(ticket.screenshot_name, kind), files.MEDIA_TYPES[kind]
