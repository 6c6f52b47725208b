"""« Déposer un nouveau dossier » (guide §3.1): type of authorisation, then the regime."""

from __future__ import annotations

import asyncio

import reflex as rx

from .. import routes
from ..domain.roles import OPERATOR_ROLES
from ..services import drafts
from ..services.access import AccessDenied
from .session import SessionState


class NewDossierState(rx.State):
    step: int = 1
    type_dossier: str = ""
    regime: str = ""
    type_entrepot: str = ""
    variante_pa: str = ""
    error: str = ""
    creating: bool = False

    @rx.event
    async def load(self):
        session = await self.get_state(SessionState)
        _ctx, redirect = await session._authorise(OPERATOR_ROLES)
        if redirect is not None:
            return redirect
        self.step, self.type_dossier, self.regime, self.type_entrepot, self.variante_pa = 1, "", "", "", ""
        self.error, self.creating = "", False
        return None

    @rx.event
    def set_type_dossier(self, value: str) -> None:
        self.type_dossier = "RP" if value == "RP" else ""
        self.error = ""

    @rx.event
    def go_on(self) -> None:
        if self.type_dossier != "RP":
            self.error = "Choisissez le type de demande d'autorisation « Régime particulier »."
            return
        self.error, self.step = "", 2

    @rx.event
    def back(self) -> None:
        self.step, self.error = 1, ""

    @rx.event
    def set_regime(self, value: str) -> None:
        self.regime = value if value in ("AT", "DP", "ED", "PA", "PP") else ""
        self.error = ""

    @rx.event
    def set_type_entrepot(self, value: str) -> None:
        self.type_entrepot = str(value)
        self.error = ""

    @rx.event
    def set_variante_pa(self, value: str) -> None:
        self.variante_pa = str(value)
        self.error = ""

    @rx.event
    async def create(self):
        if self.creating:
            return None
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(OPERATOR_ROLES)
        if redirect is not None:
            return redirect
        self.creating = True
        try:
            dossier_id = await asyncio.to_thread(
                drafts.create_draft, ctx, self.regime, self.type_entrepot, self.variante_pa
            )
        except (drafts.DraftError, AccessDenied) as exc:
            self.error, self.creating = str(exc), False
            return None
        self.creating = False
        return rx.redirect(routes.formulaire_path(dossier_id))
