"""Who is connected: page guards, header data, idle-session watch.

The HttpOnly cookie is read from the websocket handshake headers. Every guard and every handler
resolves it again through ``services.auth``; the vars below only feed the header.
"""

from __future__ import annotations

import asyncio
import json

import reflex as rx
from reflex_base.event import EventSpec

from .. import app_clock, routes
from ..db import DATABASE_DOWN
from ..domain.formatting import format_date, format_time
from ..domain.roles import ADMIN_ROLES, ROLE_LABELS, Role
from ..middleware import cookie_token
from ..services import auth, notifications
from ..services.auth import SessionContext
from ..settings import settings
from .forget import forget_tab

# Where each role lands after login.
HOME_BY_ROLE = {
    Role.OPERATEUR: routes.ACCUEIL,
    Role.REPRESENTANT: routes.ACCUEIL,
    Role.AGENT: routes.BACK_OFFICE,
    Role.ADMIN: routes.ADMINISTRATION,
}


class SessionState(rx.State):
    is_authenticated: bool = False
    user_name: str = ""
    role: str = ""
    company_role: str = ""  # an operator's role in his company (domain/company_roles.py)
    role_label: str = ""
    company_name: str = ""
    company_siret: str = ""
    service_name: str = ""
    can_change_company: bool = False
    unread: int = 0
    idle_warning_open: bool = False
    idle_logout_at: str = ""
    simulated_date: str = ""  # the demo's time machine moved the clock: « 15/01/2027 »
    _idle_watch: int = 0
    _bound_to: str = ""  # the session this tab's state was filled under (state/forget.py)

    # --- helpers for the other states ---------------------------------------------------------

    def _token(self) -> str:
        return cookie_token(self.router.headers.cookie or "")

    async def _context(self, touch: bool = True) -> SessionContext | None:
        """The session behind this tab's cookie, re-read from the database."""
        token = self._token()
        if not token:
            return None
        return await asyncio.to_thread(auth.resolve_session, token, None, touch)

    def _show_date(self) -> None:
        simulated = format_date(app_clock.today()) if app_clock.is_simulated() else ""
        if simulated != self.simulated_date:
            self.simulated_date = simulated

    def _show(self, ctx: SessionContext | None) -> None:
        self._show_date()
        self.is_authenticated = ctx is not None
        self.user_name = ctx.full_name if ctx else ""
        self.role = ctx.role.value if ctx else ""
        self.role_label = ROLE_LABELS[ctx.role] if ctx else ""
        self.company_name = ctx.company.raison_sociale if ctx and ctx.company else ""
        self.company_siret = ctx.company.siret if ctx and ctx.company else ""
        self.service_name = ctx.service_name if ctx else ""
        self.can_change_company = bool(ctx and ctx.company_choices > 1)
        self.company_role = ctx.company_role if ctx else ""

    async def _refresh_unread(self, ctx: SessionContext | None) -> None:
        count = await asyncio.to_thread(notifications.unread_count, ctx) if ctx else 0
        if count != self.unread:
            self.unread = count

    def _current_url(self) -> str:
        url = self.router.url
        query = url.query
        return f"{url.path}?{query}" if query else url.path

    async def _authorise(self, roles: frozenset[Role], *, allow_pending: bool = False):
        """Resolve the session for a page: (context, None) or (None, redirect event).

        Order of the gates: logged in → CGU accepted → acting company chosen → role allowed.
        """
        ctx = await self._context()
        here = self._current_url()
        if ctx is None:
            await forget_tab(self)  # an expired or closed session leaves nothing behind in this tab
            return None, rx.redirect(routes.with_next(routes.CONNEXION, here))
        self._show(ctx)
        await self._refresh_unread(ctx)
        if ctx.cgu_pending and not allow_pending:
            return None, rx.redirect(routes.with_next(routes.CGU, here))
        if ctx.needs_company_choice and not allow_pending:
            return None, rx.redirect(routes.with_next(routes.CHOIX_OPERATEUR, here))
        if ctx.role not in roles:
            return None, rx.redirect(HOME_BY_ROLE[ctx.role])
        return ctx, None

    # --- page guards (on_load) -----------------------------------------------------------------

    @rx.event
    async def guard(self, roles: str):
        """First ``on_load`` of every protected page (``pages/registry.py``): the session, the gates
        (CGU, company) and the role, or a redirect; then the idle watch."""
        allowed = frozenset(role for role in Role if role.value in str(roles).split(","))
        _ctx, redirect = await self._authorise(allowed)
        return redirect if redirect is not None else SessionState.watch_idle

    @rx.event
    async def load_optional(self):
        """Public pages: show the header if someone is logged in, never redirect."""
        ctx = await self._context()
        self._show(ctx)
        if ctx is not None:
            return SessionState.watch_idle
        return None

    # --- idle session ---------------------------------------------------------------------------

    @rx.event(background=True)
    async def watch_idle(self):
        """Warn before the idle expiry and leave when it comes (one watcher per tab)."""
        async with self:
            self._idle_watch += 1
            watch_id = self._idle_watch
            token = self._token()
            tab = self.router.session.client_token
        warning = settings.session_warning_seconds
        while True:
            if not tab_connected(tab):
                return  # the tab is closed: nobody to warn (its next page load starts a new watch)
            try:
                ctx = await asyncio.to_thread(auth.resolve_session, token, None, False)
            except DATABASE_DOWN:  # cannot tell now: nobody is logged out for an outage
                await asyncio.sleep(settings.session_poll_seconds)
                continue
            async with self:
                if self._idle_watch != watch_id:
                    return  # a newer page load started its own watcher
                if ctx is None:
                    next_path = self._current_url()
                    await forget_tab(self)
                    target = routes.with_next(routes.CONNEXION, next_path) + _expired_flag(next_path)
                    yield full_reload(target)
                    return
                remaining = (ctx.expires_at - app_clock.real_now()).total_seconds()  # sessions: real time
                self.idle_warning_open = remaining <= warning
                self.idle_logout_at = format_time(ctx.expires_at)
                await self._refresh_unread(ctx)  # new requests and comments show up while the page is open
            if remaining > warning:
                delay = min(settings.session_poll_seconds, remaining - warning)
            else:
                delay = min(settings.session_poll_seconds, remaining)
            await asyncio.sleep(max(1.0, delay))

    @rx.event
    async def logout(self):
        """« Se déconnecter »: this tab forgets everything, then the browser closes the session."""
        await forget_tab(self)
        return rx.call_script(browser_call("window.soprano.logout()"))

    @rx.event
    async def stay_connected(self):
        ctx = await asyncio.to_thread(auth.keep_alive, self._token())
        self.idle_warning_open = False
        if ctx is None:
            return full_reload(routes.CONNEXION + "?expire=1")
        self.idle_logout_at = format_time(ctx.expires_at)
        return None


def tab_connected(client_token: str) -> bool:
    """Is a browser tab still connected to this server? (Background tasks stop pushing to closed tabs.)"""
    from ..soprano_app import app  # the running app, imported when first asked

    namespace = app.event_namespace
    return namespace is None or not client_token or client_token in namespace.token_to_sid


def full_reload(path: str) -> EventSpec:
    """Navigate with a page load, so that the websocket reconnects with the current cookie."""
    return rx.call_script(browser_call(f"window.soprano.reload({json.dumps(path)})"))


def browser_call(expression: str) -> str:
    """Run ``expression`` once ``assets/soprano.js`` is there: the page may not have loaded it yet
    when a quick user (or a test) clicks, so it is imported on demand."""
    return f"(window.soprano ? Promise.resolve() : import('/soprano.js')).then(() => {expression})"


def _expired_flag(next_path: str) -> str:
    target = routes.with_next(routes.CONNEXION, next_path)
    return ("&" if "?" in target else "?") + "expire=1"


def may_file() -> rx.Var[bool]:
    """The operator's role in the company lets him file and answer (« Dépôt »), as the UI shows it;
    the services check it again."""
    role = SessionState.company_role
    return (role != "consultation") & (role != "preparation")  # type: ignore[return-value,operator]


async def admin_context(state: rx.State) -> SessionContext | None:
    """The administrator's session for an administration handler, or None (whatever the client
    sent: the services check the role again)."""
    session = await state.get_state(SessionState)
    ctx, _redirect = await session._authorise(ADMIN_ROLES)
    return ctx
