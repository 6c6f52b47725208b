"""« Conditions générales d'utilisation »: accept (stored with version and date) or refuse (logout)."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import routes
from ..domain.cgu import CURRENT_CGU_VERSION
from ..services import auth, cgu
from .session import HOME_BY_ROLE, SessionState, admin_context, full_reload


class CguState(rx.State):
    pending: bool = False  # the user must accept before going further
    next_path: str = ""
    version: str = CURRENT_CGU_VERSION  # the version in force
    markdown: str = ""  # its text, when an administrator published it
    _version_shown: str = ""  # the version the user read (and accepts)

    @rx.event
    async def load(self):
        session = await self.get_state(SessionState)
        ctx = await session._context()
        session._show(ctx)
        found = await asyncio.to_thread(cgu.in_force)
        self.version, self.markdown, self._version_shown = found.version, found.text, found.version
        self.pending = bool(ctx and ctx.cgu_pending)
        self.next_path = routes.safe_next(self.router.url.query_parameters.get("suivant"), "")
        if ctx is not None:
            return SessionState.watch_idle
        return None

    @rx.event
    async def accept(self):
        session = await self.get_state(SessionState)
        ctx = await session._context()
        if ctx is None:
            return full_reload(routes.CONNEXION)
        # The version read on this page; if a newer one was published meanwhile, the guard asks again.
        await asyncio.to_thread(auth.accept_cgu, ctx.user_id, self._version_shown or None)
        self.pending = False
        target = self.next_path or HOME_BY_ROLE[ctx.role]
        # The next guard re-reads the session, so a plain navigation is enough.
        return rx.redirect(target)

    @rx.event
    def refuse(self):
        return SessionState.logout


class CguAdminState(rx.State):
    """Publishing a new version of the terms of use (administrator)."""

    current: str = ""
    published_at: str = ""
    version: str = ""
    text: str = ""
    error: str = ""
    notice: str = ""

    async def _ctx(self):
        return await admin_context(self)

    @rx.event
    async def load(self) -> None:
        if await self._ctx() is None:
            return
        found = await asyncio.to_thread(cgu.in_force)
        self.current, self.published_at = found.version, found.published_at

    @rx.event
    def set_version(self, value: str) -> None:
        self.version, self.error = str(value)[:40], ""

    @rx.event
    def set_text(self, value: str) -> None:
        self.text, self.error = str(value)[: cgu.MAX_TEXT + 100], ""

    @rx.event
    async def publish(self) -> None:
        ctx = await self._ctx()
        if ctx is None:
            return
        try:
            await asyncio.to_thread(cgu.publish, ctx, self.version, self.text)
        except cgu.CguError as exc:
            self.error = str(exc)
            return
        self.notice = f"Version « {self.version.strip()} » publiée : chaque utilisateur l'acceptera à sa prochaine page."
        self.version, self.text = "", ""
        await self.load()
