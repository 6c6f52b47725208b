"""« Portefeuille »: a representative's dossiers and authorisations across every company he may act
for today, on one page, without switching company. Acting on one still happens in its company's
context (the page asks to switch first, as the company choice does)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, nulls_last
from sqlalchemy.orm import defer
from sqlmodel import col, select

from ..app_clock import now_utc
from ..db import session_scope
from ..domain.formatting import paris_today
from ..domain.roles import Role
from ..domain.statuses import Bucket, Side
from ..models import Company, Dossier
from . import auth, authorisations
from .auth import SessionContext
from .authorisations import AuthorisationRow
from .dashboard import DossierRow, dossier_row, statuses_of

PAGE_SIZE = 20


@dataclass(frozen=True)
class PortfolioPage:
    companies: list[tuple[int, str]]  # (id, name) of every company in the portfolio
    rows: list[tuple[int, DossierRow]]  # (company id, dossier)
    total: int
    page: int
    page_count: int
    authorisations: list[tuple[int, AuthorisationRow]]  # (company id, authorisation)


def _companies(ctx: SessionContext) -> list[tuple[int, str]]:
    if ctx.role not in (Role.OPERATEUR, Role.REPRESENTANT):
        return []
    ids = auth.accessible_company_ids(ctx.user_id)
    if not ids:
        return []
    with session_scope() as db:
        found = db.exec(
            select(Company).where(col(Company.id).in_(ids)).order_by(col(Company.raison_sociale))
        ).all()
    return [(c.id or 0, c.raison_sociale) for c in found]


def portfolio(
    ctx: SessionContext, buckets: list[Bucket], company_id: int = 0, page: int = 1
) -> PortfolioPage:
    """The portfolio's dossiers (by the applicant's due date, one page) and authorisations; with
    ``company_id``, one of its companies only (any other id: the whole portfolio)."""
    companies = _companies(ctx)
    ids = [cid for cid, _ in companies]
    chosen = [company_id] if company_id in ids else ids
    if not chosen:
        return PortfolioPage([], [], 0, 1, 1, [])
    wanted = (
        col(Dossier.company_id).in_(chosen),
        col(Dossier.statut).in_(statuses_of(buckets, Side.OPERATOR)),
    )
    with session_scope() as db:
        total = int(db.exec(select(func.count()).select_from(Dossier).where(*wanted)).one())
        page_count = max(1, -(-total // PAGE_SIZE))
        page = min(max(1, page), page_count)
        found = db.exec(
            select(Dossier, Company.raison_sociale)
            .join(Company, col(Company.id) == Dossier.company_id)
            .where(*wanted)
            .options(defer(Dossier.answers))  # type: ignore[arg-type]
            .order_by(nulls_last(col(Dossier.echeance_demandeur).asc()), col(Dossier.id).desc())
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        ).all()
    today = paris_today(now_utc())
    rows = [(dossier.company_id, dossier_row(dossier, name, Side.OPERATOR, today)) for dossier, name in found]
    held = authorisations.of_companies(chosen)
    return PortfolioPage(companies, rows, total, page, page_count, [(a.company_id, a) for a in held])
