"""« Portefeuille »: the representative's dossiers and authorisations across his companies
(``services/portfolio.py``); opening one of another company asks to switch first."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from .. import routes
from ..domain.roles import OPERATOR_ROLES
from ..domain.statuses import Bucket
from ..services import portfolio
from .arguments import PageNumber, RowId
from .choix_operateur import switch_company
from .session import SessionState


class PortfolioState(rx.State):
    companies: list[dict[str, str]] = []  # id, name
    company_filter: str = ""  # "" every company
    show_closed: bool = False
    rows: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    page_count: int = 1
    authorisations: list[dict[str, str]] = []
    loaded: bool = False
    switch_open: bool = False
    switch_label: str = ""
    _switch_company: int = 0
    _switch_target: str = ""

    async def _query(self):
        session = await self.get_state(SessionState)
        ctx, redirect = await session._authorise(OPERATOR_ROLES)
        if redirect is not None:
            return redirect
        buckets = [Bucket.A_TRAITER, Bucket.EN_ATTENTE] + ([Bucket.CLOTURES] if self.show_closed else [])
        chosen = int(self.company_filter) if self.company_filter.isdigit() else 0
        result = await asyncio.to_thread(portfolio.portfolio, ctx, buckets, chosen, self.page)
        self.companies = [{"id": str(i), "name": name} for i, name in result.companies]
        self.rows = [
            {"company_id": str(cid), **{k: str(v) for k, v in asdict(row).items()}}
            for cid, row in result.rows
        ]
        self.authorisations = [
            {"company_id": str(cid), **{k: str(v) for k, v in asdict(a).items()}}
            for cid, a in result.authorisations
        ]
        self.total, self.page, self.page_count = result.total, result.page, result.page_count
        self.loaded = True
        return None

    @rx.event
    async def load(self):
        self.loaded, self.switch_open, self.page = False, False, 1
        return await self._query()

    @rx.event
    async def filter_company(self, value: str):
        value = "" if value == "toutes" else value
        if value and not any(c["id"] == value for c in self.companies):
            return None
        self.company_filter, self.page = value, 1
        return await self._query()

    @rx.event
    async def set_show_closed(self, value: bool):
        self.show_closed, self.page = value is True, 1
        return await self._query()

    @rx.event
    async def go_to_page(self, page: PageNumber):
        self.page = max(1, min(int(page), self.page_count))
        return await self._query()

    @rx.event
    async def open_item(self, company_id: RowId, path: str):
        """Open a dossier or an authorisation of the portfolio: at once if it belongs to the company the
        tab acts for, else after « Agir pour … ? »."""
        company = next((c for c in self.companies if c["id"] == str(company_id)), None)
        target = routes.safe_next(path, "")
        if company is None or not target:
            return None
        ctx = await (await self.get_state(SessionState))._context()
        if ctx is None:
            return rx.redirect(routes.CONNEXION)
        if ctx.company is not None and ctx.company.id == int(company_id):
            return rx.redirect(target)
        self._switch_company, self._switch_target = int(company_id), target
        self.switch_label, self.switch_open = company["name"], True
        return None

    @rx.event
    def cancel_switch(self) -> None:
        self.switch_open, self._switch_company = False, 0

    @rx.event
    async def confirm_switch(self):
        target = self._switch_target
        if not self._switch_company or not await switch_company(self, self._switch_company):
            self.switch_open = False
            return rx.toast.error("Vous n'êtes pas habilité à agir pour cette entreprise.")
        return rx.redirect(target)
