"""Dossier lists of the two dashboards: filtering, sorting and pagination done in SQL.

The scope comes from the session only: an operator sees the dossiers of the company he acts for,
a customs officer the non-draft dossiers of his service. No argument from the browser can widen it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, nulls_last
from sqlmodel import Session, col, select

from ..app_clock import now_utc
from ..db import session_scope
from ..domain.formatting import format_date, format_datetime, paris_today
from ..domain.regimes import REGIME_LABELS, TYPE_DEMANDE_SHORT_LABELS, Regime, TypeDemande
from ..domain.statuses import (
    FINAL_STATUSES,
    STATUS_LABELS,
    Bucket,
    DossierStatus,
    Side,
    bucket_of,
    statuses_in_bucket,
)
from ..models import Company, Dossier
from .access import acting_side, scoped_dossiers
from .auth import SessionContext

PAGE_SIZES = (10, 20, 50)

SORTABLE = {
    "numero": col(Dossier.numero),
    "regime": col(Dossier.regime),
    "type_demande": col(Dossier.type_demande),
    "statut": col(Dossier.statut),
    "updated_at": col(Dossier.updated_at),
    "echeance": col(Dossier.echeance),
    "entreprise": col(Company.raison_sociale),
}


@dataclass(frozen=True)
class DossierRow:
    id: int
    numero: str
    entreprise: str
    regime: str
    regime_label: str
    type_demande: str
    statut: str
    statut_label: str
    bucket: str
    updated_at: str
    echeance: str
    overdue: bool
    alerte: str = ""  # customs only: what time did (« Délai de réponse expiré »…)


@dataclass(frozen=True)
class DossierPage:
    rows: list[DossierRow]
    total: int
    page: int
    page_count: int
    counts: dict[str, int]  # per bucket, whatever the filter, for the checkbox labels


def _statuses(buckets: Iterable[Bucket], side: Side) -> set[str]:
    selected: set[str] = set()
    for bucket in buckets:
        selected |= {s.value for s in statuses_in_bucket(bucket, side)}
    return selected


def list_dossiers(
    ctx: SessionContext,
    buckets: Iterable[Bucket],
    sort: str = "echeance",
    descending: bool = False,
    page: int = 1,
    page_size: int = 10,
    search: str = "",
) -> DossierPage:
    side = acting_side(ctx)
    buckets = list(buckets)
    page_size = page_size if page_size in PAGE_SIZES else PAGE_SIZES[0]
    sort_column = SORTABLE.get(sort, SORTABLE["echeance"])
    if sort_column is SORTABLE["echeance"] and side is not Side.CUSTOMS:
        sort_column = col(Dossier.echeance_demandeur)  # what the applicant was told (RDC art. 13(3))
    base = scoped_dossiers(ctx)
    needle = search.strip()
    if needle:
        base = base.where(col(Dossier.numero).ilike(f"%{needle}%"))

    with session_scope() as db:
        counts = _bucket_counts(db, base, side)
        statuses = _statuses(buckets, side)
        filtered = base.where(col(Dossier.statut).in_(statuses))
        total = db.exec(select(func.count()).select_from(filtered.subquery())).one()
        page_count = max(1, -(-total // page_size))
        page = min(max(1, page), page_count)
        order = sort_column.desc() if descending else sort_column.asc()
        # Customs' default order puts first what time has acted on (a deadline passed, a reply not given).
        pinned = [col(Dossier.alerte).is_(None)] if side is Side.CUSTOMS and sort == "echeance" else []
        rows = db.exec(
            filtered.order_by(*pinned, nulls_last(order), col(Dossier.id).desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        ).all()
    today = paris_today(now_utc())
    return DossierPage(
        rows=[_row(dossier, company_name, side, today) for dossier, company_name in rows],
        total=total,
        page=page,
        page_count=page_count,
        counts=counts,
    )


def _bucket_counts(db: Session, base: Any, side: Side) -> dict[str, int]:
    sub = base.subquery()
    per_status = dict(
        db.exec(select(sub.c.statut, func.count()).group_by(sub.c.statut)).all()  # type: ignore[call-overload]
    )
    counts = {}
    for bucket in Bucket:
        counts[bucket.value] = sum(per_status.get(s.value, 0) for s in statuses_in_bucket(bucket, side))
    return counts


def _row(dossier: Dossier, company_name: str, side: Side, today: date) -> DossierRow:
    assert dossier.id is not None
    status = DossierStatus(dossier.statut)
    due = dossier.echeance if side is Side.CUSTOMS else dossier.echeance_demandeur
    return DossierRow(
        id=dossier.id,
        numero=dossier.numero or f"Brouillon n° {dossier.id}",
        entreprise=company_name,
        regime=dossier.regime,
        regime_label=REGIME_LABELS[Regime(dossier.regime)],
        type_demande=TYPE_DEMANDE_SHORT_LABELS[TypeDemande(dossier.type_demande)],
        statut=status.value,
        statut_label=STATUS_LABELS[status],
        bucket=bucket_of(status, side).value,
        updated_at=format_datetime(dossier.updated_at),
        echeance=format_date(due),
        overdue=due is not None and due < today and status not in FINAL_STATUSES,
        alerte=(dossier.alerte or "") if side is Side.CUSTOMS else "",
    )
