"""Administration page: accounts and lockouts."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from ..domain.roles import ADMIN_ROLES
from ..services import admin
from .session import SessionState


class AdminState(rx.State):
    accounts: list[dict[str, str]] = []

    async def _refresh(self, ctx) -> None:
        rows = await asyncio.to_thread(admin.list_accounts, ctx)
        self.accounts = [{k: str(v) for k, v in asdict(row).items()} for row in rows]

    @rx.event
    async def load(self):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(ADMIN_ROLES)
        if redirect is not None:
            return redirect
        await self._refresh(ctx)
        return None

    @rx.event
    async def unlock(self, email: str):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(ADMIN_ROLES)
        if redirect is not None:
            return redirect
        await asyncio.to_thread(admin.unlock, ctx, str(email))
        await self._refresh(ctx)
        return rx.toast.success(f"Compte {email} déverrouillé.")
