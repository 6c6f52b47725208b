"""« Conditions générales d'utilisation »: accept (stored with version and date) or refuse (logout)."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import routes
from ..domain.cgu import CURRENT_CGU_VERSION
from ..services import auth, cgu
from .session import HOME_BY_ROLE, SessionState, full_reload


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
