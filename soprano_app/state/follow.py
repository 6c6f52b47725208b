"""« Suivi par » on the customs side of a dossier page: take it, give it back, or (the service's lead)
assign it to an agent. The rules and the checks are ``services/assignment.py``."""

from __future__ import annotations

import asyncio

import reflex as rx

from ..domain.assignment import Move
from ..services import assignment
from .arguments import RowId
from .session import SessionState


class FollowState(rx.State):
    visible: bool = False  # an agent of the dossier's service
    agent_name: str = ""
    is_lead: bool = False
    may_take: bool = False
    may_release: bool = False
    agents: list[dict[str, str]] = []  # {"id", "name"}: the lead's choices
    chosen: str = ""
    error: str = ""
    busy: bool = False
    _dossier_id: int = 0

    async def _show(self, dossier_id: int) -> None:
        ctx = await (await self.get_state(SessionState))._context()
        view = await asyncio.to_thread(assignment.follow_view, ctx, dossier_id) if ctx else None
        self._dossier_id = dossier_id if view is not None else 0
        self.visible = view is not None
        self.agent_name = view.agent_name if view else ""
        self.is_lead = bool(view and view.is_lead)
        self.may_take = bool(view and view.may_take)
        self.may_release = bool(view and view.may_release)
        self.agents = [{"id": str(a.user_id), "name": a.full_name} for a in view.agents] if view else []
        self.chosen = ""

    @rx.event
    async def load_for(self, dossier_id: RowId) -> None:
        self.error, self.busy = "", False
        await self._show(int(dossier_id))

    @rx.event
    def choose(self, value: str) -> None:
        self.chosen = value if any(a["id"] == value for a in self.agents) else ""
        self.error = ""

    @rx.event
    async def take(self):
        return await self._change(Move.TAKE)

    @rx.event
    async def release(self):
        return await self._change(Move.RELEASE)

    @rx.event
    async def assign(self):
        if not self.chosen:
            self.error = "Choisissez l'agent qui suivra ce dossier."
            return None
        return await self._change(Move.ASSIGN, int(self.chosen))

    async def _change(self, move: Move, agent_id: int = 0):
        from .dossier import DossierState

        if self.busy or not self._dossier_id:
            return None
        ctx = await (await self.get_state(SessionState))._context()
        if ctx is None:
            self.error = "Votre session a expiré : reconnectez-vous."
            return None
        self.busy, self.error = True, ""
        try:
            message = await asyncio.to_thread(assignment.change, ctx, self._dossier_id, move, agent_id)
        except assignment.AssignmentError as exc:
            self.error = str(exc)
            return None
        finally:
            self.busy = False
        return [DossierState.load, rx.toast.success(message)]
