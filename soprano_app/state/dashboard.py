"""Dossier lists: the operator's « Accueil » and the customs officer's back-office home.

Filters, sorting and pagination are sent to ``services.dashboard``, which runs them in SQL within
the scope of the session (acting company or customs service).
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict
from urllib.parse import urlencode

import reflex as rx

from ..domain.roles import CUSTOMS_ROLES, OPERATOR_ROLES
from ..domain.statuses import Bucket
from ..services import authorisation_workflow, authorisations, dashboard
from ..services.auth import SessionContext
from .arguments import PageNumber
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
    rows: list[dict[str, str]] = []
    total: int = 0
    page_count: int = 1
    counts: dict[str, int] = {}
    loaded: bool = False
    expiring_authorisations: int = 0  # ending within 90 days, not renewed: a notice above the list
    authorisation_tasks: list[dict[str, str]] = []  # authorisations awaiting this side (projets, requests)
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
