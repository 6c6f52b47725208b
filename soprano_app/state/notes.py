"""« Notes internes » on the customs side of a dossier page (``services/dossier_notes.py``)."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from ..domain.dossier_notes import MAX_NOTE
from ..services import dossier_notes
from .arguments import RowId
from .session import SessionState


class NotesState(rx.State):
    visible: bool = False  # an agent of the dossier's service
    notes: list[dict[str, str]] = []
    draft: str = ""
    error: str = ""
    busy: bool = False
    _dossier_id: int = 0

    async def _show(self, dossier_id: int) -> None:
        ctx = await (await self.get_state(SessionState))._context()
        notes = await asyncio.to_thread(dossier_notes.notes_of, ctx, dossier_id) if ctx else None
        self.visible = notes is not None
        self._dossier_id = dossier_id if notes is not None else 0
        self.notes = [{k: str(v) for k, v in asdict(n).items()} for n in notes or []]

    @rx.event
    async def load_for(self, dossier_id: RowId) -> None:
        self.draft, self.error, self.busy = "", "", False
        await self._show(int(dossier_id))

    @rx.event
    def set_draft(self, value: str) -> None:
        self.draft, self.error = str(value)[: MAX_NOTE + 100], ""

    @rx.event
    async def add(self):
        if self.busy or not self._dossier_id:
            return None
        ctx = await (await self.get_state(SessionState))._context()
        if ctx is None:
            self.error = "Votre session a expiré : reconnectez-vous."
            return None
        self.busy = True
        try:
            await asyncio.to_thread(dossier_notes.add_note, ctx, self._dossier_id, self.draft)
        except dossier_notes.NoteError as exc:
            self.error = str(exc)
            return None
        finally:
            self.busy = False
        self.draft = ""
        await self._show(self._dossier_id)
        return rx.toast.success("Note enregistrée.")
