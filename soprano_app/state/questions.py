"""« Assistance réglementaire »: find the competent service, ask it a question, follow the thread
(the asker's side), answer it (the service's agents)."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from .. import routes
from ..domain.questions import MAX_BODY, MAX_SUBJECT, QuestionStatus
from ..services import directory, notifications, questions
from .session import SessionState

_STATUSES = ("", *(s.value for s in QuestionStatus))


class DirectoryState(rx.State):
    """Public: the directory and « Trouver mon service »; signed-in operators also ask from here."""

    services: list[dict[str, str]] = []
    where: str = ""
    understood: str = ""
    found: dict[str, str] = {}
    # « Poser une question »
    may_ask: bool = False
    service_id: str = ""
    dossier_id: int = 0  # a question about a dossier (« ?dossier=42 » from the dossier page)
    subject: str = ""
    body: str = ""
    error: str = ""
    busy: bool = False

    @rx.event
    async def load(self) -> None:
        self.services = [
            {k: str(v) for k, v in asdict(s).items()} for s in await asyncio.to_thread(directory.all_services)
        ]
        session = await self.get_state(SessionState)
        ctx = await session._context(touch=False)
        self.may_ask = bool(ctx and ctx.acts_for_companies and ctx.company is not None)
        raw = str(self.router.url.query_parameters.get("dossier", ""))
        self.dossier_id = int(raw) if raw.isdigit() and len(raw) <= 18 else 0
        self.error = ""

    @rx.event
    async def set_where(self, value: str) -> None:
        self.where = str(value)[:80]

    @rx.event
    async def find(self) -> None:
        result = await asyncio.to_thread(directory.find_service, self.where)
        self.understood = result.understood
        self.found = {k: str(v) for k, v in asdict(result.service).items()} if result.service else {}
        if result.service is not None and not self.service_id:
            self.service_id = str(result.service.id)  # the question goes there unless told otherwise

    @rx.event
    def set_service(self, value: str) -> None:
        self.service_id = value if any(s["id"] == value for s in self.services) else ""

    @rx.event
    def set_subject(self, value: str) -> None:
        self.subject = str(value)[: MAX_SUBJECT + 20]
        self.error = ""

    @rx.event
    def set_body(self, value: str) -> None:
        self.body = str(value)[: MAX_BODY + 100]
        self.error = ""

    @rx.event
    async def ask(self):
        if self.busy:
            return None
        session = await self.get_state(SessionState)
        ctx = await session._context()
        if ctx is None:
            return rx.redirect(routes.CONNEXION)
        self.busy, self.error = True, ""
        try:
            question_id = await asyncio.to_thread(
                questions.ask,
                ctx,
                int(self.service_id) if self.service_id.isdigit() else 0,
                self.subject,
                self.body,
                self.dossier_id or None,
            )
        except questions.QuestionError as exc:
            self.error = str(exc)
            return None
        finally:
            self.busy = False
        self.subject, self.body = "", ""
        return rx.redirect(routes.question_path(question_id))


class QuestionsState(rx.State):
    """« Mes questions » (the asker's side) or « Questions des opérateurs » (the service)."""

    rows: list[dict[str, str]] = []
    status: str = ""
    waiting: int = 0  # customs: questions waiting for an answer
    # one thread
    question_id: int = 0
    question: dict[str, str] = {}
    messages: list[dict[str, str]] = []
    may_reply: bool = False
    missing: bool = False
    reply: str = ""
    error: str = ""
    busy: bool = False

    async def _ctx(self):
        session = await self.get_state(SessionState)
        return await session._context()

    @rx.event
    async def load_list(self) -> None:
        """The page's load: « ?statut=ouverte » (the back office's link) filters the list."""
        asked = str(self.router.url.query_parameters.get("statut", ""))
        self.status = asked if asked in _STATUSES else ""
        await self._load()

    async def _load(self) -> None:
        ctx = await self._ctx()
        if ctx is None:
            return
        self.rows = [
            {k: str(v) for k, v in asdict(r).items()}
            for r in await asyncio.to_thread(questions.list_questions, ctx, self.status)
        ]
        self.waiting = await asyncio.to_thread(questions.waiting_count, ctx)

    @rx.event
    async def filter_status(self, value: str) -> None:
        self.status = value if value in _STATUSES else ""
        await self._load()

    @rx.event
    async def load_thread(self) -> None:
        self.question_id = routes.id_in_path(self.router.url.path)
        self.reply, self.error = "", ""
        await self._refresh()
        ctx = await self._ctx()
        if ctx is not None and not self.missing:  # seen: its notifications are read
            await asyncio.to_thread(
                notifications.mark_read, ctx, None, routes.question_path(self.question_id)
            )

    async def _refresh(self) -> None:
        ctx = await self._ctx()
        found = await asyncio.to_thread(questions.thread, ctx, self.question_id) if ctx else None
        self.missing = found is None
        if found is None:
            self.question, self.messages, self.may_reply = {}, [], False
            return
        self.question = {k: str(v) for k, v in asdict(found.question).items()} | {
            "dossier_id": str(found.dossier_id)
        }
        self.messages = [{k: str(v) for k, v in asdict(m).items()} for m in found.messages]
        self.may_reply = found.may_reply

    @rx.event
    def set_reply(self, value: str) -> None:
        self.reply = str(value)[: MAX_BODY + 100]

    @rx.event
    async def send_reply(self) -> None:
        question_id, text = self.question_id, self.reply
        await self._act(lambda ctx: questions.reply(ctx, question_id, text))

    @rx.event
    async def close_question(self) -> None:
        question_id = self.question_id
        await self._act(lambda ctx: questions.close(ctx, question_id))

    @rx.event
    async def load_waiting(self) -> None:
        """The back office's counter: the service's questions waiting for an answer."""
        ctx = await self._ctx()
        self.waiting = await asyncio.to_thread(questions.waiting_count, ctx) if ctx else 0

    async def _act(self, action) -> None:  # type: ignore[no-untyped-def]
        if self.busy or not self.question_id:
            return
        ctx = await self._ctx()
        if ctx is None:
            return
        self.busy, self.error = True, ""
        try:
            await asyncio.to_thread(action, ctx)
        except questions.QuestionError as exc:
            self.error = str(exc)
            return
        finally:
            self.busy = False
        self.reply = ""
        await self._refresh()
