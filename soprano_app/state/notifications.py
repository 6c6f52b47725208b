"""The list of notifications; seeing it marks them as read."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from ..domain.roles import DOSSIER_ROLES
from ..services import notifications
from .session import SessionState


class NotificationsState(rx.State):
    rows: list[dict[str, str]] = []

    @rx.event
    async def load(self):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(DOSSIER_ROLES)
        if redirect is not None:
            return redirect
        rows = await asyncio.to_thread(notifications.latest, ctx)
        self.rows = [
            {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in asdict(r).items()} for r in rows
        ]
        await asyncio.to_thread(notifications.mark_read, ctx)
        await session._refresh_unread(ctx)
        return None
