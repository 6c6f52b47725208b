"""« Mes autorisations »: the list, and one authorisation with the data granted."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

import reflex as rx

from ..domain.formatting import paris_today
from ..domain.forms import FormContext
from ..domain.regimes import Regime
from ..models import Role
from ..services import authorisations
from ..services.auth import now_utc
from .recap import recap_view
from .session import SessionState

SIDES = frozenset({Role.OPERATEUR, Role.REPRESENTANT, Role.AGENT})


class AuthorisationsState(rx.State):
    rows: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    page_count: int = 1
    current: dict[str, str] = {}
    granted: list[dict[str, Any]] = []
    loaded: bool = False

    @rx.event
    async def load_list(self):  # type: ignore[no-untyped-def]
        session = await self.get_state(SessionState)
        ctx, redirect = await session.authorise(SIDES)
        if redirect is not None:
            return redirect
        self.page = 1
        await self._fetch(ctx)
        self.loaded = True
        return SessionState.watch_idle

    async def _fetch(self, ctx) -> None:  # type: ignore[no-untyped-def]
        found = await asyncio.to_thread(authorisations.list_authorisations, ctx, self.page)
        self.rows = [{k: str(v) for k, v in asdict(r).items()} for r in found.rows]
        self.total, self.page, self.page_count = found.total, found.page, found.page_count

    @rx.event
    async def go_to_page(self, page: int):  # type: ignore[no-untyped-def]
        session = await self.get_state(SessionState)
        ctx, redirect = await session.authorise(SIDES)
        if redirect is not None:
            return redirect
        self.page = int(page)
        await self._fetch(ctx)
        return None

    @rx.event
    async def load_one(self):  # type: ignore[no-untyped-def]
        self.loaded = False
        session = await self.get_state(SessionState)
        ctx, redirect = await session.authorise(SIDES)
        if redirect is not None:
            return redirect
        last = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        found = (
            await asyncio.to_thread(authorisations.get_authorisation, ctx, int(last))
            if last.isdigit()
            else None
        )
        if found is None:
            self.current, self.granted = {}, []
        else:
            row, snapshot = found
            self.current = {k: str(v) for k, v in asdict(row).items()}
            context = FormContext(
                regime=Regime(row.regime),
                today=paris_today(now_utc()),
                type_entrepot=str(snapshot.get("type_entrepot", "")),
            )
            self.granted = recap_view(snapshot, context)
        self.loaded = True
        return SessionState.watch_idle
