"""« Services des douanes » (administrator): contact details, départements covered, agents."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from ..services import customs_services
from .session import admin_context

_FIELDS = ("rue", "code_postal", "ville", "telephone", "email", "horaires", "departements")


class CustomsServicesState(rx.State):
    rows: list[dict[str, str]] = []
    editing: int = 0  # the service being edited, 0: none
    form: dict[str, str] = {}
    error: str = ""
    notice: str = ""

    async def _ctx(self):
        return await admin_context(self)

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
