"""« Assistance technique »: the request form (with an optional screenshot), « Mes demandes
d'assistance », one request's thread, and the support's queue."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

import reflex as rx

from .. import routes
from ..domain.tickets import MAX_DESCRIPTION, clean_page
from ..middleware import upload_session_of
from ..services import notifications, tickets
from ..services.attachments import IncomingFile
from .attachments import read_upload
from .session import SessionState

UPLOAD_ID = "ticket-screenshot"
_STATUSES = ("", "ouverte", "repondue", "close")
_CATEGORIES = ("connexion", "formulaire", "pieces_jointes", "autre")


def _strings(row: Any) -> dict[str, str]:
    return {k: str(v) for k, v in asdict(row).items()}


class TicketsState(rx.State):
    rows: list[dict[str, str]] = []
    status: str = ""
    waiting: int = 0  # the support: requests waiting for an answer
    # the form
    category: str = ""
    description: str = ""
    page: str = ""
    error: str = ""
    busy: bool = False
    # one request
    ticket_id: int = 0
    ticket: dict[str, str] = {}
    messages: list[dict[str, str]] = []
    may_reply: bool = False
    missing: bool = False
    reply: str = ""

    async def _ctx(self):
        session = await self.get_state(SessionState)
        return await session._context()

    @rx.event
    async def load_mine(self) -> None:
        """The form and « Mes demandes d'assistance »; « ?page=… » names the page it was opened from."""
        self.page = clean_page(str(self.router.url.query_parameters.get("page", "")))
        self.error = ""
        await self._load()

    @rx.event
    async def load_queue(self) -> None:
        asked = str(self.router.url.query_parameters.get("statut", ""))
        self.status = asked if asked in _STATUSES else ""
        await self._load()

    async def _load(self) -> None:
        ctx = await self._ctx()
        if ctx is None:
            return
        self.rows = [_strings(r) for r in await asyncio.to_thread(tickets.list_tickets, ctx, self.status)]
        self.waiting = await asyncio.to_thread(tickets.waiting_count, ctx)

    @rx.event
    async def filter_status(self, value: str) -> None:
        self.status = value if value in _STATUSES else ""
        await self._load()

    @rx.event
    def set_category(self, value: str) -> None:
        self.category = value if value in _CATEGORIES else ""
        self.error = ""

    @rx.event
    def set_description(self, value: str) -> None:
        self.description = str(value)[: MAX_DESCRIPTION + 100]
        self.error = ""

    @rx.event
    async def send(self):
        return await self._open(None)

    @rx.event
    async def send_with_screenshot(self, files: list[rx.UploadFile]):
        ctx = await self._ctx()
        if ctx is None or upload_session_of(self.router.session.client_token) != ctx.session_id:
            self.error = "Envoi refusé : reconnectez-vous, puis joignez à nouveau la capture."
            return rx.clear_selected_files(UPLOAD_ID)
        shot = await read_upload(files[0], tickets.SCREENSHOT_BYTES) if files else None
        return await self._open(shot)

    async def _open(self, shot: IncomingFile | None):
        if self.busy:
            return None
        ctx = await self._ctx()
        if ctx is None:
            return rx.redirect(routes.CONNEXION)
        self.busy, self.error = True, ""
        try:
            reference = await asyncio.to_thread(
                tickets.open_ticket, ctx, self.category, self.description, self.page, shot
            )
        except tickets.TicketError as exc:
            self.error = str(exc)
            return None
        finally:
            self.busy = False
        self.category, self.description = "", ""
        ticket_id = await asyncio.to_thread(tickets.ticket_id_of, reference)
        return [rx.clear_selected_files(UPLOAD_ID), rx.redirect(routes.ticket_path(ticket_id))]

    @rx.event
    async def load_ticket(self) -> None:
        self.ticket_id = routes.id_in_path(self.router.url.path, 2)
        self.reply, self.error = "", ""
        await self._refresh()
        ctx = await self._ctx()
        if ctx is not None and not self.missing:
            await asyncio.to_thread(notifications.mark_read, ctx, None, routes.ticket_path(self.ticket_id))

    async def _refresh(self) -> None:
        ctx = await self._ctx()
        found = await asyncio.to_thread(tickets.ticket_view, ctx, self.ticket_id) if ctx else None
        self.missing = found is None
        if found is None:
            self.ticket, self.messages, self.may_reply = {}, [], False
            return
        self.ticket = _strings(found.row) | {
            "description": found.description,
            "page": found.page,
            "created_at": found.created_at,
            "screenshot_url": found.screenshot_url,
            "screenshot_name": found.screenshot_name,
        }
        self.messages = [_strings(m) for m in found.messages]
        self.may_reply = found.may_reply

    @rx.event
    def set_reply(self, value: str) -> None:
        self.reply = str(value)[: MAX_DESCRIPTION + 100]

    @rx.event
    async def send_reply(self) -> None:
        ticket_id, text = self.ticket_id, self.reply
        await self._act(lambda ctx: tickets.reply(ctx, ticket_id, text))

    @rx.event
    async def close_ticket(self) -> None:
        ticket_id = self.ticket_id
        await self._act(lambda ctx: tickets.close(ctx, ticket_id))

    async def _act(self, action) -> None:  # type: ignore[no-untyped-def]
        if self.busy or not self.ticket_id:
            return
        ctx = await self._ctx()
        if ctx is None:
            return
        self.busy, self.error = True, ""
        try:
            await asyncio.to_thread(action, ctx)
        except tickets.TicketError as exc:
            self.error = str(exc)
            return
        finally:
            self.busy = False
        self.reply = ""
        await self._refresh()
