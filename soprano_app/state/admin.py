"""Administration page: accounts and lockouts, the scheduler, and the demo's simulated date."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from datetime import date

import reflex as rx

from .. import app_clock
from ..domain.formatting import format_date
from ..domain.forms.values import parse_date
from ..domain.roles import ADMIN_ROLES
from ..services import admin, scheduling, time_machine
from ..settings import settings
from .session import SessionState

STEPS = {"1": 1, "7": 7, "30": 30}  # « + 1 jour », « + 1 semaine », « + 30 jours »
PASS_WAIT_SECONDS = 60  # how long the page waits for the scheduler's pass before giving up


class AdminState(rx.State):
    accounts: list[dict[str, str]] = []
    scheduler: dict[str, str] = {}
    jobs: list[dict[str, str]] = []
    app_date: str = ""
    simulated: bool = False
    time_machine: bool = False  # demo instances only
    target_date: str = ""
    time_error: str = ""
    _following: bool = False  # a follow_pass is already waiting for the pass

    async def _ctx(self):
        session = await self.get_state(SessionState)
        return await session._authorise(ADMIN_ROLES)

    async def _refresh(self, ctx) -> None:
        rows = await asyncio.to_thread(admin.list_accounts, ctx)
        self.accounts = [{k: str(v) for k, v in asdict(row).items()} for row in rows]
        await self._refresh_scheduler()

    async def _refresh_scheduler(self) -> None:
        status = await asyncio.to_thread(scheduling.status)
        self.scheduler = {
            "last_run": status.last_run or "jamais",
            "next_run": status.next_run or "—",
            "state": (
                "Passe demandée, elle commence dans quelques secondes"
                if status.pending
                else "Passe en cours"
                if status.in_progress
                else ("En service" if status.running else "À l'arrêt (aucune passe récente)")
            ),
            "outcome": "" if status.last_ok else f"Incident : {status.last_message}",
        }
        self.jobs = [{"name": job.name, "label": job.label, "count": str(job.count)} for job in status.jobs]
        self.app_date = format_date(app_clock.today())
        self.simulated = app_clock.is_simulated()
        self.time_machine = settings.demo_enabled

    @rx.event
    async def load(self):
        ctx, redirect = await self._ctx()
        if redirect is not None:
            return redirect
        self.time_error = ""
        await self._refresh(ctx)
        return None

    @rx.event
    async def unlock(self, email: str):
        ctx, redirect = await self._ctx()
        if redirect is not None:
            return redirect
        await asyncio.to_thread(admin.unlock, ctx, str(email))
        await self._refresh(ctx)
        return rx.toast.success(f"Compte {email} déverrouillé.")

    @rx.event
    async def run_now(self):
        _ctx, redirect = await self._ctx()
        if redirect is not None:
            return redirect
        await asyncio.to_thread(scheduling.request_run)
        await self._refresh_scheduler()
        return [rx.toast.info("Passe du planificateur demandée."), AdminState.follow_pass]

    @rx.event(background=True)
    async def follow_pass(self):
        """Show the pass's counts as soon as the scheduler has done it (it polls every few seconds)."""
        async with self:
            _ctx, redirect = await self._ctx()
            if redirect is not None or self._following:
                return
            self._following = True
        try:
            for _ in range(PASS_WAIT_SECONDS):
                await asyncio.sleep(1)
                status = await asyncio.to_thread(scheduling.status)
                if not status.pending and not status.in_progress:
                    break
            async with self:
                await self._refresh_scheduler()
        finally:
            async with self:
                self._following = False

    @rx.event
    async def refresh_scheduler(self):
        _ctx, redirect = await self._ctx()
        if redirect is not None:
            return redirect
        await self._refresh_scheduler()
        return None

    @rx.event
    def set_target_date(self, value: str) -> None:
        self.target_date, self.time_error = str(value)[:20], ""

    @rx.event
    async def advance(self, step: str):
        if step not in STEPS:
            return None
        return await self._move(lambda ctx: time_machine.advance(ctx, STEPS[step]))

    @rx.event
    async def move_to_target(self):
        day = parse_date(self.target_date)
        if day is None:
            self.time_error = "Saisissez une date au format JJ/MM/AAAA."
            return None
        return await self._move(lambda ctx: time_machine.move_to(ctx, day))

    async def _move(self, move):  # move: SessionContext -> date
        ctx, redirect = await self._ctx()
        if redirect is not None:
            return redirect
        try:
            moved: date = await asyncio.to_thread(move, ctx)
        except time_machine.TimeMachineError as exc:
            self.time_error = str(exc)
            return None
        self.time_error, self.target_date = "", ""
        await self._refresh_scheduler()
        session = await self.get_state(SessionState)
        session._show_date()
        return [
            rx.toast.success(f"Date de l'application : {format_date(moved)}. Le planificateur passe."),
            AdminState.follow_pass,
        ]
