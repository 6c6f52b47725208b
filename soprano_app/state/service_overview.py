"""« Pilotage du service » (``services/service_overview.py``)."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from ..domain.roles import CUSTOMS_ROLES
from ..services import service_overview
from .session import SessionState


class ServiceOverviewState(rx.State):
    loaded: bool = False
    open_total: int = 0
    statuses: list[dict[str, str | int]] = []
    due_soon: list[dict[str, str]] = []
    months: list[dict[str, str | float]] = []
    workload: list[dict[str, str | int]] = []

    @rx.event
    async def load(self):
        self.loaded = False
        ctx, redirect = await (await self.get_state(SessionState))._authorise(CUSTOMS_ROLES)
        if redirect is not None:
            return redirect
        view = await asyncio.to_thread(service_overview.overview, ctx)
        if view is None:
            return None
        self.open_total = view.open_total
        self.statuses = [asdict(line) for line in view.statuses]
        self.due_soon = [{k: str(v) for k, v in asdict(d).items()} for d in view.due_soon]
        # charts read numbers; a month without any step shows no bar (0 would read as « same day »)
        self.months = [
            {
                "month": m.month,
                "accepter": m.accept_days if m.accept_days is not None else 0,
                "decider": m.decide_days if m.decide_days is not None else 0,
                "acceptees": m.accepted,
                "decidees": m.decided,
            }
            for m in view.months
        ]
        self.workload = [asdict(line) for line in view.workload]
        self.loaded = True
        return None
