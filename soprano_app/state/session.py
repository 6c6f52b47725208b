"""Who is connected: page guards, header data, idle-session watch.

The HttpOnly cookie is read from the websocket handshake headers. Every guard and every handler
resolves it again through ``services.auth``; the vars below only feed the header.
"""

from __future__ import annotations

import asyncio
import json
from http.cookies import CookieError, SimpleCookie

import reflex as rx

from .. import routes
from ..domain.formatting import format_time
from ..models import ROLE_LABELS, Role
from ..services import auth, notifications
from ..services.auth import SessionContext
from ..services.security import SESSION_COOKIE
from ..settings import settings

# Where each role lands after login.
HOME_BY_ROLE = {
    Role.OPERATEUR: routes.ACCUEIL,
    Role.REPRESENTANT: routes.ACCUEIL,
    Role.AGENT: routes.BACK_OFFICE,
    Role.ADMIN: routes.ADMINISTRATION,
}

OPERATOR_ROLES = frozenset({Role.OPERATEUR, Role.REPRESENTANT})


class SessionState(rx.State):
    is_authenticated: bool = False
    user_name: str = ""
    role: str = ""
    role_label: str = ""
    company_name: str = ""
    company_siret: str = ""
    service_name: str = ""
    can_change_company: bool = False
    unread: int = 0
    idle_warning_open: bool = False
    idle_logout_at: str = ""
    _idle_watch: int = 0

    # --- helpers for the other states ---------------------------------------------------------

    def _token(self) -> str:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(self.router.headers.cookie or "")
        except CookieError:
            return ""
        morsel = jar.get(SESSION_COOKIE)
        return morsel.value if morsel is not None else ""

    async def context(self, touch: bool = True) -> SessionContext | None:
        """The session behind this tab's cookie, re-read from the database."""
        token = self._token()
        if not token:
            return None
        return await asyncio.to_thread(auth.resolve_session, token, None, touch)

    def _show(self, ctx: SessionContext | None) -> None:
        self.is_authenticated = ctx is not None
        self.user_name = ctx.full_name if ctx else ""
        self.role = ctx.role.value if ctx else ""
        self.role_label = ROLE_LABELS[ctx.role] if ctx else ""
        self.company_name = ctx.company.raison_sociale if ctx and ctx.company else ""
        self.company_siret = ctx.company.siret if ctx and ctx.company else ""
        self.service_name = ctx.service_name if ctx else ""
        self.can_change_company = bool(ctx and ctx.company_choices > 1)

    async def refresh_unread(self, ctx: SessionContext | None) -> None:
        count = await asyncio.to_thread(notifications.unread_count, ctx) if ctx else 0
        if count != self.unread:
            self.unread = count

    def _current_path(self) -> str:
        return self.router.url.path or routes.ACCUEIL

    def _current_url(self) -> str:
        url = self.router.url
        query = url.query
        return f"{url.path}?{query}" if query else url.path

    async def authorise(self, roles: frozenset[Role], *, allow_pending: bool = False):  # type: ignore[no-untyped-def]
        """Resolve the session for a page: (context, None) or (None, redirect event).

        Order of the gates: logged in → CGU accepted → acting company chosen → role allowed.
        """
        ctx = await self.context()
        self._show(ctx)
        await self.refresh_unread(ctx)
        here = self._current_url()
        if ctx is None:
            return None, rx.redirect(routes.with_next(routes.CONNEXION, here))
        if ctx.cgu_pending and not allow_pending:
            return None, rx.redirect(routes.with_next(routes.CGU, here))
        if ctx.needs_company_choice and not allow_pending:
            return None, rx.redirect(routes.with_next(routes.CHOIX_OPERATEUR, here))
        if ctx.role not in roles:
            return None, rx.redirect(HOME_BY_ROLE[ctx.role])
        return ctx, None

    # --- page guards (on_load) -----------------------------------------------------------------

    async def _guard(self, roles: frozenset[Role]):  # type: ignore[no-untyped-def]
        _ctx, redirect = await self.authorise(roles)
        if redirect is not None:
            return redirect
        return SessionState.watch_idle

    @rx.event
    async def require_operator(self):  # type: ignore[no-untyped-def]
        return await self._guard(OPERATOR_ROLES)

    @rx.event
    async def require_agent(self):  # type: ignore[no-untyped-def]
        return await self._guard(frozenset({Role.AGENT}))

    @rx.event
    async def require_admin(self):  # type: ignore[no-untyped-def]
        return await self._guard(frozenset({Role.ADMIN}))

    @rx.event
    async def require_any(self):  # type: ignore[no-untyped-def]
        return await self._guard(frozenset(Role))

    @rx.event
    async def load_optional(self):  # type: ignore[no-untyped-def]
        """Public pages: show the header if someone is logged in, never redirect."""
        ctx = await self.context()
        self._show(ctx)
        if ctx is not None:
            return SessionState.watch_idle
        return None

    @rx.event
    async def go_home(self):  # type: ignore[no-untyped-def]
        ctx = await self.context()
        if ctx is None:
            return rx.redirect(routes.CONNEXION)
        return rx.redirect(HOME_BY_ROLE[ctx.role])

    # --- idle session ---------------------------------------------------------------------------

    @rx.event(background=True)
    async def watch_idle(self):  # type: ignore[no-untyped-def]
        """Warn before the idle expiry and leave when it comes (one watcher per tab)."""
        async with self:
            self._idle_watch += 1
            watch_id = self._idle_watch
            token = self._token()
        warning = settings.session_warning_seconds
        while True:
            ctx = await asyncio.to_thread(auth.resolve_session, token, None, False)
            async with self:
                if self._idle_watch != watch_id:
                    return  # a newer page load started its own watcher
                if ctx is None:
                    self.idle_warning_open = False
                    self._show(None)
                    next_path = self._current_url()
                    target = routes.with_next(routes.CONNEXION, next_path) + _expired_flag(next_path)
                    yield full_reload(target)
                    return
                remaining = (ctx.expires_at - auth.now_utc()).total_seconds()
                self.idle_warning_open = remaining <= warning
                self.idle_logout_at = format_time(ctx.expires_at)
                await self.refresh_unread(ctx)  # new requests and comments show up while the page is open
            if remaining > warning:
                delay = min(settings.session_poll_seconds, remaining - warning)
            else:
                delay = min(settings.session_poll_seconds, remaining)
            await asyncio.sleep(max(1.0, delay))

    @rx.event
    async def stay_connected(self):  # type: ignore[no-untyped-def]
        ctx = await asyncio.to_thread(auth.keep_alive, self._token())
        self.idle_warning_open = False
        if ctx is None:
            return full_reload(routes.CONNEXION + "?expire=1")
        self.idle_logout_at = format_time(ctx.expires_at)
        return None


def full_reload(path: str) -> rx.event.EventSpec:
    """Navigate with a page load, so that the websocket reconnects with the current cookie."""
    return rx.call_script(f"window.soprano.reload({json.dumps(path)})")


def _expired_flag(next_path: str) -> str:
    target = routes.with_next(routes.CONNEXION, next_path)
    return ("&" if "?" in target else "?") + "expire=1"
