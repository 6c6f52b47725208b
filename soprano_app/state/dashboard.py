"""Dossier lists: the operator's « Accueil » and the customs officer's back-office home.

Filters, sorting and pagination are sent to ``services.dashboard``, which runs them in SQL within
the scope of the session (acting company or customs service).
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

import reflex as rx

from ..domain.assignment import Move
from ..domain.regimes import Regime, TypeDemande
from ..domain.roles import CUSTOMS_ROLES, OPERATOR_ROLES
from ..domain.statuses import Bucket
from ..domain.workflow import Action, WorkflowError
from ..services import assignment, authorisation_workflow, authorisations, bulk, dashboard, saved_views
from ..services.auth import SessionContext
from .arguments import PageNumber, RowId
from .forget import KEPT_ON_COMPANY_CHANGE
from .session import SessionState

_SORT_COLUMNS = frozenset(dashboard.SORTABLE)


class DashboardState(rx.State):
    show_a_traiter: bool = True
    show_en_attente: bool = True
    show_clotures: bool = False
    sort: str = "echeance"
    descending: bool = False
    page: int = 1
    page_size: int = 10
    search: str = ""
    follow: str = ""  # customs: "" every dossier of the service, "moi" mine, "aucun" followed by nobody
    regime: str = ""  # "" every régime
    type_demande: str = ""  # "" every type of application
    overdue: bool = False  # only the open dossiers past their due date
    views: list[dict[str, str]] = []  # « Vues enregistrées »: id, name, count
    view_name: str = ""
    view_dialog: bool = False
    view_error: str = ""
    rows: list[dict[str, str]] = []
    total: int = 0
    page_count: int = 1
    counts: dict[str, int] = {}
    loaded: bool = False
    expiring_authorisations: int = 0  # ending within 90 days, not renewed: a notice above the list
    authorisation_tasks: list[dict[str, str]] = []  # authorisations awaiting this side (projets, requests)
    # Customs bulk actions: the dossiers ticked on this page, the lead's agents, the last results.
    selected: list[str] = []
    agents: list[dict[str, str]] = []
    bulk_agent: str = ""
    bulk_busy: bool = False
    bulk_title: str = ""
    bulk_results: list[dict[str, str]] = []
    _customs: bool = False

    async def _context(self):
        session = await self.get_state(SessionState)
        roles = CUSTOMS_ROLES if self._customs else OPERATOR_ROLES
        return await session._authorise(roles)

    def _buckets(self) -> list[Bucket]:
        chosen = [
            (self.show_a_traiter, Bucket.A_TRAITER),
            (self.show_en_attente, Bucket.EN_ATTENTE),
            (self.show_clotures, Bucket.CLOTURES),
        ]
        return [bucket for on, bucket in chosen if on]

    async def _query(self, ctx: SessionContext) -> None:
        result = await asyncio.to_thread(
            dashboard.list_dossiers,
            ctx,
            self._buckets(),
            self.sort,
            self.descending,
            self.page,
            self.page_size,
            self.search,
            self.follow if self._customs else "",
            self.regime,
            self.type_demande,
            self.overdue,
        )
        self.rows = [
            {
                key: str(value).lower() if isinstance(value, bool) else str(value)
                for key, value in asdict(row).items()
            }
            for row in result.rows
        ]
        self.total = result.total
        self.page = result.page
        self.page_count = result.page_count
        self.counts = result.counts
        self.selected = []  # a selection is of the rows shown
        self.loaded = True

    async def _reload(self):
        ctx, redirect = await self._context()
        if redirect is not None:
            return redirect
        await self._query(ctx)
        return None

    @rx.event
    async def load_operator(self):
        self._customs = False
        return await self._load()

    @rx.event
    async def load_customs(self):
        self._customs = True
        return await self._load()

    async def _load(self):
        self.loaded = False
        ctx, redirect = await self._context()
        if redirect is not None:
            return redirect
        await self._query(ctx)
        self.expiring_authorisations = await asyncio.to_thread(authorisations.expiring_count, ctx)
        tasks = await asyncio.to_thread(authorisation_workflow.tasks_for, ctx)
        self.authorisation_tasks = [{k: str(v) for k, v in asdict(t).items()} for t in tasks]
        await self._load_views(ctx)
        if self._customs:
            choices = await asyncio.to_thread(assignment.lead_choices, ctx)
            self.agents = [{"id": str(a.user_id), "name": a.full_name} for a in choices]
        return None

    # --- bulk actions (customs) -----------------------------------------------------------------

    @rx.event
    def toggle_row(self, dossier_id: str, checked: bool) -> None:
        shown = {row["id"] for row in self.rows}
        if not self._customs or dossier_id not in shown:
            return
        chosen = [i for i in self.selected if i != dossier_id]
        self.selected = [*chosen, dossier_id] if checked is True else chosen

    @rx.event
    def toggle_page(self, checked: bool) -> None:
        self.selected = [row["id"] for row in self.rows] if checked is True and self._customs else []

    @rx.event
    def choose_bulk_agent(self, value: str) -> None:
        self.bulk_agent = value if any(a["id"] == value for a in self.agents) else ""

    @rx.event
    def close_bulk_results(self) -> None:
        self.bulk_results, self.bulk_title = [], ""

    @rx.event
    async def bulk_accept(self):
        return await self._bulk("Accepter la demande", bulk.bulk_step, Action.ACCEPTER)

    @rx.event
    async def bulk_take(self):
        return await self._bulk("Prendre en charge", bulk.bulk_follow, Move.TAKE)

    @rx.event
    async def bulk_assign(self):
        if not self.bulk_agent:
            return rx.toast.error("Choisissez l'agent à qui affecter les dossiers.")
        name = next((a["name"] for a in self.agents if a["id"] == self.bulk_agent), "")
        return await self._bulk(f"Affecter à {name}", bulk.bulk_follow, Move.ASSIGN, int(self.bulk_agent))

    async def _bulk(self, title: str, run: Any, *args: Any):
        if not self._customs or self.bulk_busy:
            return None
        ids = [int(i) for i in self.selected if i.isdigit()]
        ctx, redirect = await self._context()
        if redirect is not None:
            return redirect
        self.bulk_busy = True
        try:
            results = await asyncio.to_thread(run, ctx, ids, *args)
        except WorkflowError as exc:
            return rx.toast.error(str(exc))
        finally:
            self.bulk_busy = False
        self.bulk_title = title
        self.bulk_results = [
            {"numero": r.numero, "done": "true" if r.done else "false", "message": r.message} for r in results
        ]
        await self._query(ctx)
        await self._load_views(ctx)
        return None

    @rx.event
    async def toggle(self, bucket: str, checked: bool):
        attribute = {b.value: f"show_{b.value}" for b in Bucket}.get(bucket)
        if attribute is None:
            return None
        setattr(self, attribute, bool(checked))
        self.page = 1
        return await self._reload()

    @rx.event
    async def sort_by(self, column: str):
        if column not in _SORT_COLUMNS:
            return None
        if self.sort == column:
            self.descending = not self.descending
        else:
            self.sort, self.descending = column, column == "updated_at"
        self.page = 1
        return await self._reload()

    @rx.event
    async def go_to_page(self, page: PageNumber):
        self.page = max(1, min(int(page), self.page_count))
        return await self._reload()

    @rx.event
    async def set_page_size(self, size: str):
        value = int(size) if str(size).isdigit() else 0
        if value not in dashboard.PAGE_SIZES:
            return None
        self.page_size, self.page = value, 1
        return await self._reload()

    @rx.event
    async def set_follow(self, value: str):
        value = "" if value == "tous" else value
        if value not in dashboard.FOLLOW_FILTERS or not self._customs:
            return None
        self.follow, self.page = value, 1
        return await self._reload()

    @rx.event
    async def set_regime(self, value: str):
        value = "" if value == "tous" else value
        if value and value not in Regime._value2member_map_:
            return None
        self.regime, self.page = value, 1
        return await self._reload()

    @rx.event
    async def set_type_demande(self, value: str):
        value = "" if value == "tous" else value
        if value and value not in TypeDemande._value2member_map_:
            return None
        self.type_demande, self.page = value, 1
        return await self._reload()

    @rx.event
    async def set_overdue(self, value: bool):
        self.overdue, self.page = value is True, 1
        return await self._reload()

    # --- saved views ----------------------------------------------------------------------------

    def _filter(self) -> dashboard.ListFilter:
        return dashboard.ListFilter(
            tuple(self._buckets()),
            self.search,
            self.follow if self._customs else "",
            self.sort,
            self.descending,
            self.regime,
            self.type_demande,
            self.overdue,
        )

    async def _load_views(self, ctx: SessionContext) -> None:
        views = await asyncio.to_thread(saved_views.list_views, ctx)
        self.views = [{"id": str(v.id), "name": v.name, "count": str(v.count)} for v in views]

    @rx.event
    def open_view_dialog(self) -> None:
        self.view_dialog, self.view_name, self.view_error = True, "", ""

    @rx.event
    def close_view_dialog(self) -> None:
        self.view_dialog = False

    @rx.event
    def set_view_name(self, value: str) -> None:
        self.view_name, self.view_error = str(value)[: saved_views.MAX_NAME + 10], ""

    @rx.event
    async def save_view(self):
        ctx, redirect = await self._context()
        if redirect is not None:
            return redirect
        try:
            await asyncio.to_thread(saved_views.save_view, ctx, self.view_name, self._filter())
        except saved_views.ViewError as exc:
            self.view_error = str(exc)
            return None
        self.view_dialog = False
        await self._load_views(ctx)
        return rx.toast.success(f"Vue « {' '.join(self.view_name.split())} » enregistrée.")

    @rx.event
    async def apply_view(self, view_id: RowId):
        ctx, redirect = await self._context()
        if redirect is not None:
            return redirect
        chosen = await asyncio.to_thread(saved_views.get_view, ctx, int(view_id))
        if chosen is None:
            return None
        shown = set(chosen.buckets)
        self.show_a_traiter = Bucket.A_TRAITER in shown
        self.show_en_attente = Bucket.EN_ATTENTE in shown
        self.show_clotures = Bucket.CLOTURES in shown
        self.search, self.sort, self.descending = chosen.search, chosen.sort, chosen.descending
        self.follow = chosen.follow if self._customs else ""
        self.regime, self.type_demande, self.overdue = chosen.regime, chosen.type_demande, chosen.overdue
        self.page = 1
        await self._query(ctx)
        return None

    @rx.event
    async def delete_view(self, view_id: RowId):
        ctx, redirect = await self._context()
        if redirect is not None:
            return redirect
        await asyncio.to_thread(saved_views.delete_view, ctx, int(view_id))
        await self._load_views(ctx)
        return None

    @rx.event
    async def set_search(self, value: str):
        self.search = str(value)[:40]
        self.page = 1
        return await self._reload()

    @rx.var
    def count_a_traiter(self) -> int:
        return self.counts.get(Bucket.A_TRAITER.value, 0)

    @rx.var
    def count_en_attente(self) -> int:
        return self.counts.get(Bucket.EN_ATTENTE.value, 0)

    @rx.var
    def count_clotures(self) -> int:
        return self.counts.get(Bucket.CLOTURES.value, 0)

    @rx.var
    def page_size_label(self) -> str:
        return str(self.page_size)

    @rx.var
    def export_query(self) -> str:
        """The list as shown, for « Exporter » (``api.dossiers_export`` checks every value again)."""
        return urlencode(
            {
                "statuts": ",".join(b.value for b in self._buckets()),
                "tri": self.sort,
                "ordre": "desc" if self.descending else "asc",
                "recherche": self.search,
                "suivi": self.follow if self._customs else "",
                "regime": self.regime,
                "type_demande": self.type_demande,
                "en_retard": "1" if self.overdue else "",
            }
        )

    @rx.var
    def nothing_selected(self) -> bool:
        return not (self.show_a_traiter or self.show_en_attente or self.show_clotures)


KEPT_ON_COMPANY_CHANGE[DashboardState.get_full_name()] = (
    "show_a_traiter",
    "show_en_attente",
    "show_clotures",
    "sort",
    "descending",
    "page_size",
)
