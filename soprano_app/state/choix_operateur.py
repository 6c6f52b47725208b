"""Intermediate screen for representatives (guide §2.3): pick the company to act for."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import routes
from ..domain.identifiers import format_siret
from ..domain.roles import OPERATOR_ROLES
from ..services import auth
from .forget import binding_of, forget_tab
from .session import SessionState


class ChoixOperateurState(rx.State):
    search: str = ""
    rows: list[dict[str, str]] = []
    selected_id: str = ""
    selected_label: str = ""
    dialog_open: bool = False
    error: str = ""
    next_path: str = ""

    async def _ctx(self):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(OPERATOR_ROLES, allow_pending=True)
        if ctx is not None and ctx.cgu_pending:
            return None, rx.redirect(routes.with_next(routes.CGU, session._current_url()))
        return ctx, redirect

    async def _refresh(self, user_id: int) -> None:
        companies = await asyncio.to_thread(auth.accessible_companies, user_id, self.search)
        self.rows = [
            {
                "id": str(c.id),
                "siret": format_siret(c.siret),
                "siren": c.siren,
                "raison_sociale": c.raison_sociale,
                "ville": c.ville,
            }
            for c in companies
        ]

    @rx.event
    async def load(self):
        ctx, redirect = await self._ctx()
        if redirect is not None:
            return redirect
        self.next_path = routes.safe_next(self.router.url.query_parameters.get("suivant"), "")
        self.search = ""
        self.dialog_open = False
        self.error = ""
        await self._refresh(ctx.user_id)
        return SessionState.watch_idle

    @rx.event
    async def set_search(self, value: str):
        self.search = value[:100]
        ctx, redirect = await self._ctx()
        if redirect is not None:
            return redirect
        await self._refresh(ctx.user_id)
        return None

    @rx.event
    def select(self, company_id: str) -> None:
        row = next((r for r in self.rows if r["id"] == company_id), None)
        if row is None:
            return
        self.selected_id = company_id
        self.selected_label = f"{row['raison_sociale']} (SIRET {row['siret']})"
        self.dialog_open = True

    @rx.event
    def cancel(self) -> None:
        self.dialog_open = False
        self.selected_id = ""

    @rx.event
    async def confirm(self):
        company_id = int(self.selected_id) if self.selected_id.isdigit() else 0
        self.dialog_open = False
        if not await switch_company(self, company_id):
            self.error = "Vous n'êtes pas habilité à agir pour cette entreprise."
            return None
        return rx.redirect(self.next_path or routes.ACCUEIL)


async def switch_company(state: rx.State, company_id: int) -> bool:
    """Act for ``company_id`` from now on in this tab (if the user may): the session's company changes
    and nothing loaded for the previous company stays in the tab (dossiers, drafts, lists)."""
    session = await state.get_state(SessionState)
    ctx = await asyncio.to_thread(auth.choose_company, session._token(), company_id)
    if ctx is None:
        return False
    await forget_tab(state, company_change=True)
    session._bound_to = binding_of(state.router.headers.cookie or "")
    session._show(ctx)
    return True
