"""One dossier seen by the operator or by customs: summary and « Historique »."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from ..models import Role
from ..services import dossiers
from .session import SessionState


class DossierState(rx.State):
    found: bool = False
    loaded: bool = False
    summary: dict[str, str] = {}
    history: list[dict[str, str]] = []

    def _dossier_id(self) -> int:
        last = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        return int(last) if last.isdigit() else 0

    @rx.event
    async def load(self):  # type: ignore[no-untyped-def]
        self.loaded = False
        session = await self.get_state(SessionState)
        ctx, redirect = await session.authorise(frozenset({Role.OPERATEUR, Role.REPRESENTANT, Role.AGENT}))
        if redirect is not None:
            return redirect
        view = await asyncio.to_thread(dossiers.get_dossier, ctx, self._dossier_id())
        self.found = view is not None
        if view is None:
            self.summary, self.history = {}, []
        else:
            data = asdict(view)
            self.history = [{k: str(v) for k, v in entry.items()} for entry in data.pop("history")]
            self.summary = {k: str(v) for k, v in data.items()}
        self.loaded = True
        return SessionState.watch_idle
