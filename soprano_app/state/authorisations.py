"""« Mes autorisations »: the list, and one authorisation with the data granted."""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

import reflex as rx

from .. import routes
from ..app_clock import now_utc
from ..domain.authorisations import AuthorisationStatus
from ..domain.formatting import paris_today
from ..domain.forms import FormContext
from ..domain.forms.values import parse_date
from ..domain.regimes import Regime, TypeDemande
from ..domain.roles import DOSSIER_ROLES, OPERATOR_ROLES
from ..services import authorisations, follow_ups
from ..services.access import AccessDenied
from ..services.drafts import DraftError
from .arguments import PageNumber
from .recapitulatif import recap_view
from .session import SessionState


class AuthorisationsState(rx.State):
    rows: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    page_count: int = 1
    expiring: bool = False  # only those ending within 90 days (« Fin de validité proche »)
    status_filter: str = ""  # an AuthorisationStatus value, "" for all
    expiring_total: int = 0
    current: dict[str, str] = {}
    granted: list[dict[str, Any]] = []
    loaded: bool = False
    versions: list[dict[str, str]] = []
    replaces: dict[str, str] = {}
    replaced_by: dict[str, str] = {}
    follow_ups: list[dict[str, str]] = []  # the avenant and renewal buttons, with their reason if refused
    follow_up_error: str = ""
    starting: bool = False
    print_date: str = ""  # « Imprimer la situation au » (JJ/MM/AAAA)

    @rx.event
    async def load_list(self):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(DOSSIER_ROLES)
        if redirect is not None:
            return redirect
        self.page = 1
        params = self.router.url.query_parameters
        name, value = routes.EXPIRING_FILTER
        self.expiring = params.get(name) == value
        wanted = str(params.get(routes.STATUS_FILTER, ""))
        self.status_filter = wanted if wanted in set(AuthorisationStatus) else ""
        await self._fetch(ctx)
        self.loaded = True
        return None

    async def _fetch(self, ctx) -> None:
        found = await asyncio.to_thread(
            authorisations.list_authorisations,
            ctx,
            self.page,
            authorisations.PER_PAGE,
            self.expiring,
            self.status_filter,
        )
        self.rows = [{k: str(v) for k, v in asdict(r).items()} for r in found.rows]
        self.total, self.page, self.page_count = found.total, found.page, found.page_count
        self.expiring_total = found.expiring_total

    @rx.event
    def set_print_date(self, value: str) -> None:
        self.print_date = str(value)[:10]

    @rx.var
    def print_iso(self) -> str:
        """The chosen date as the PDF route wants it (AAAA-MM-JJ), or "" while it is not a date."""
        day = parse_date(self.print_date.strip())
        return day.isoformat() if day else ""

    @rx.event
    async def filter_status(self, status: str):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(DOSSIER_ROLES)
        if redirect is not None:
            return redirect
        self.status_filter = status if status in set(AuthorisationStatus) else ""
        self.page = 1
        await self._fetch(ctx)
        return None

    @rx.event
    async def show_expiring(self, expiring: bool):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(DOSSIER_ROLES)
        if redirect is not None:
            return redirect
        self.expiring, self.page = bool(expiring), 1
        await self._fetch(ctx)
        return None

    @rx.event
    async def go_to_page(self, page: PageNumber):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(DOSSIER_ROLES)
        if redirect is not None:
            return redirect
        self.page = int(page)
        await self._fetch(ctx)
        return None

    @rx.event
    async def load_one(self):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(DOSSIER_ROLES)
        if redirect is not None:
            yield redirect
            return
        authorisation_id = routes.id_in_path(self.router.url.path)
        if self.current.get("id") != str(authorisation_id):
            # Another authorisation was shown in this tab: never let its number stand for this one.
            self.current, self.loaded = {}, False
            yield
        found = (
            await asyncio.to_thread(authorisations.get_authorisation, ctx, authorisation_id)
            if authorisation_id
            else None
        )
        self.follow_up_error, self.starting = "", False
        if found is None:
            self.current, self.granted = {}, []
            self.versions, self.replaces, self.replaced_by, self.follow_ups = [], {}, {}, []
        else:
            history = await asyncio.to_thread(authorisations.lineage, ctx, authorisation_id)
            options = await asyncio.to_thread(follow_ups.options, ctx, authorisation_id)
            self.versions = (
                [{k: str(v) for k, v in asdict(r).items()} for r in history.versions] if history else []
            )
            self.replaces = history.replaces if history else {}
            self.replaced_by = history.replaced_by if history else {}
            self.follow_ups = [{k: str(v) for k, v in asdict(o).items()} for o in options]
            row, snapshot = found
            self.current = {k: str(v) for k, v in asdict(row).items()}
            context = FormContext(
                regime=Regime(row.regime),
                today=paris_today(now_utc()),
                type_entrepot=str(snapshot.get("type_entrepot", "")),
            )
            self.granted = recap_view(snapshot, context)
        self.loaded = True
        if found is not None:
            from .authorisation_steps import AuthorisationStepsState

            yield AuthorisationStepsState.load_for(authorisation_id)

    @rx.event
    async def start_follow_up(self, kind: str):
        """« Demander un avenant » / « Demander le renouvellement »: a prefilled draft, then the form."""
        if self.starting or not self.current.get("id", "").isdigit():
            return None
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(OPERATOR_ROLES)
        if redirect is not None:
            return redirect
        try:
            chosen = TypeDemande(kind)
        except ValueError:
            return None
        self.starting, self.follow_up_error = True, ""
        try:
            dossier_id = await asyncio.to_thread(follow_ups.start, ctx, int(self.current["id"]), chosen)
        except (DraftError, AccessDenied) as exc:
            self.starting, self.follow_up_error = False, str(exc)
            return None
        return rx.redirect(routes.formulaire_path(dossier_id))
