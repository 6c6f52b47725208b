"""« Services des douanes » (administrator): contact details, départements covered, agents."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from ..domain.roles import ADMIN_ROLES
from ..services import cgu, customs_services
from .session import SessionState

_FIELDS = ("rue", "code_postal", "ville", "telephone", "email", "horaires", "departements")


class CustomsServicesState(rx.State):
    rows: list[dict[str, str]] = []
    editing: int = 0  # the service being edited, 0: none
    form: dict[str, str] = {}
    error: str = ""
    notice: str = ""

    async def _ctx(self):
        session = await self.get_state(SessionState)
        ctx, _redirect = await session._authorise(ADMIN_ROLES)
        return ctx

    @rx.event
    async def load(self) -> None:
        ctx = await self._ctx()
        if ctx is None:
            return
        self.rows = [
            {k: str(v) for k, v in asdict(r).items()}
            for r in await asyncio.to_thread(customs_services.services, ctx)
        ]

    @rx.event
    def open_edit(self, service_id: str) -> None:
        row = next((r for r in self.rows if r["id"] == service_id), None)
        if row is None:
            return
        self.editing, self.error = int(service_id), ""
        self.form = {k: row[k] for k in _FIELDS}

    @rx.event
    def close(self) -> None:
        self.editing, self.error = 0, ""

    @rx.event
    def set_field(self, name: str, value: str) -> None:
        if name in _FIELDS:
            self.form = {**self.form, name: str(value)[:400]}
            self.error = ""

    @rx.event
    async def save(self) -> None:
        ctx = await self._ctx()
        if ctx is None or not self.editing:
            return
        data = customs_services.ServiceInput(**{k: self.form.get(k, "") for k in _FIELDS})
        try:
            await asyncio.to_thread(customs_services.update_service, ctx, self.editing, data)
        except customs_services.ServiceError as exc:
            self.error = str(exc)
            return
        self.editing, self.notice = (
            0,
            "Service mis à jour : l'annuaire et la règle du service compétent en tiennent compte.",
        )
        await self.load()


class CguAdminState(rx.State):
    """Publishing a new version of the terms of use (administrator)."""

    current: str = ""
    published_at: str = ""
    version: str = ""
    text: str = ""
    error: str = ""
    notice: str = ""

    async def _ctx(self):
        session = await self.get_state(SessionState)
        ctx, _redirect = await session._authorise(ADMIN_ROLES)
        return ctx

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
