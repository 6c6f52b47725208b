"""One dossier seen by the operator or by customs: summary, the application read-only, « Historique »."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

import reflex as rx

from .. import routes
from ..domain.roles import DOSSIER_ROLES
from ..services import dossiers, drafts, follow_ups, integrity, notifications
from ..services.access import AccessDenied
from .attachments import AttachmentsState
from .comments import CommentState
from .decision import DecisionState
from .follow import FollowState
from .notes import NotesState
from .origin import origin_view
from .recapitulatif import recap_view
from .session import SessionState


class DossierState(rx.State):
    only_comments: bool = False
    found: bool = False
    loaded: bool = False
    summary: dict[str, str] = {}
    history: list[dict[str, str]] = []
    rubriques: list[dict[str, Any]] = []
    is_draft: bool = False
    origin: dict[str, str] = {}  # the authorisation an avenant or renewal starts from
    changes: list[dict[str, str]] = []
    integrity: str = ""  # customs only: « Historique intègre… » or where the chain breaks
    integrity_ok: bool = True

    @rx.event
    async def load(self):
        self.loaded = False
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(DOSSIER_ROLES)
        if redirect is not None:
            return redirect
        dossier_id = routes.id_in_path(self.router.url.path)
        view = await asyncio.to_thread(dossiers.get_dossier, ctx, dossier_id)
        self.found = view is not None
        self.rubriques = []
        if view is None:
            self.summary, self.history, self.origin, self.changes = {}, [], {}, []
            self.integrity, self.integrity_ok = "", True
        else:
            data = asdict(view)
            self.history = [{k: str(v) for k, v in entry.items()} for entry in data.pop("history")]
            self.summary = {k: str(v) for k, v in data.items()}
            self.is_draft = view.statut == "BROUILLON"
            form = await asyncio.to_thread(drafts.load_form, ctx, dossier_id)
            if form is not None and not self.is_draft:
                self.rubriques = recap_view(form.answers, form.context())
            self.origin, self.changes = origin_view(
                await asyncio.to_thread(follow_ups.origin, ctx, dossier_id)
            )
            verdict = await asyncio.to_thread(integrity.report_for, ctx, dossier_id)
            self.integrity = verdict.label if verdict is not None else ""
            self.integrity_ok = verdict is None or verdict.intact
        self.loaded = True
        if view is None:
            return None
        await asyncio.to_thread(notifications.mark_read, ctx, dossier_id)  # seen: no longer unread
        await session._refresh_unread(ctx)
        return [
            AttachmentsState.load_for(dossier_id),
            DecisionState.load_for(dossier_id),
            CommentState.load_for(dossier_id),
            FollowState.load_for(dossier_id),
            NotesState.load_for(dossier_id),
        ]

    @rx.event
    async def duplicate(self):
        """« Dupliquer »: a new draft prefilled with this dossier's answers, opened in the form."""
        dossier_id = int(self.summary.get("id", "0") or 0)
        ctx = await (await self.get_state(SessionState))._context()
        if ctx is None or not dossier_id:
            return rx.toast.error("Votre session a expiré : reconnectez-vous.")
        try:
            new_id = await asyncio.to_thread(drafts.duplicate_draft, ctx, dossier_id)
        except (drafts.DraftError, AccessDenied) as exc:
            return rx.toast.error(str(exc))
        return [
            rx.redirect(routes.formulaire_path(new_id)),
            rx.toast.success(f"Copie créée : brouillon n° {new_id}. Vérifiez les dates et validez-la."),
        ]

    @rx.event
    def set_only_comments(self, value: bool) -> None:
        self.only_comments = bool(value)
