"""Dossier lists of the two dashboards: filtering, sorting and pagination done in SQL.

The scope comes from the session only: an operator sees the dossiers of the company he acts for,
a customs officer the non-draft dossiers of his service. No argument from the browser can widen it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, nulls_last, or_
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from ..app_clock import now_utc
from ..db import get_engine, session_scope
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
from ..models import Company, Dossier, User
from . import list_counts
from .access import acting_side, dossier_scope, scope_key
from .auth import SessionContext

PAGE_SIZES = (10, 20, 50)
NUMBER_START = re.compile(r"^[A-Z]{2}-")  # « RP-2026-… »: the beginning of a dossier number
NARROW_PREFIX = len("RP-2026-0")  # from the first digit of the sequence on, few numbers match


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
    suivi_par: str = ""  # customs only: the agent who follows it


@dataclass(frozen=True)
class DossierPage:
    rows: list[DossierRow]
    total: int
    page: int
    page_count: int
    counts: dict[str, int]  # per bucket, whatever the filter, for the checkbox labels


# « Suivi par » filter of the customs queue: every dossier of the service, mine, or nobody's.
FOLLOW_FILTERS = ("", "moi", "aucun")


def _following(ctx: SessionContext, follow: str) -> tuple[Any, ...]:
    if not ctx.is_customs or follow not in FOLLOW_FILTERS or not follow:
        return ()
    if follow == "moi":
        return (col(Dossier.assigned_to_id) == ctx.user_id,)
    return (col(Dossier.assigned_to_id).is_(None),)


def statuses_of(buckets: Iterable[Bucket], side: Side) -> set[str]:
    selected: set[str] = set()
    for bucket in buckets:
        selected |= {s.value for s in statuses_in_bucket(bucket, side)}
    return selected


@dataclass(frozen=True)
class ListFilter:
    """What the list shows: the same for a page on screen and for an export of the view."""

    buckets: tuple[Bucket, ...]
    search: str = ""
    follow: str = ""  # customs: FOLLOW_FILTERS
    sort: str = "echeance"
    descending: bool = False
    regime: str = ""  # a Regime value, or every régime
    type_demande: str = ""  # a TypeDemande value, or every type
    overdue: bool = False  # only the open dossiers past their due date

    def variant(self, ctx: SessionContext) -> str:
        """Names what narrows the scope, for the cached counts (« mine » is one agent's)."""
        mine = f":{ctx.user_id}" if self.follow == "moi" else ""
        return (
            f"{self.search.strip()[:40]}|{self.follow}{mine}|{self.regime}|{self.type_demande}|{self.overdue}"
        )


def list_filter(
    statuses: Iterable[Any],
    *,
    search: Any = "",
    follow: Any = "",
    sort: Any = "",
    order: Any = "",
    regime: Any = "",
    type_demande: Any = "",
    overdue: bool = False,
) -> ListFilter:
    """A view's filters from untrusted values (an export link, a saved view): anything unknown is
    dropped, texts are bounded; the list checks régime and type again when it uses them."""
    wanted = {str(s) for s in statuses}
    return ListFilter(
        buckets=tuple(b for b in Bucket if b.value in wanted),
        search=str(search)[:40],
        follow=str(follow) if str(follow) in FOLLOW_FILTERS else "",
        sort=str(sort) if str(sort) in SORTABLE else "echeance",
        descending=order == "desc",
        regime=str(regime)[:2],
        type_demande=str(type_demande)[:1],
        overdue=overdue,
    )


def _narrowing(ctx: SessionContext, chosen: ListFilter) -> tuple[Any, ...]:
    """The scope, the search and the filters of a view (not its statuses)."""
    conditions = [
        *dossier_scope(ctx),
        *_matching(chosen.search.strip()[:40]),
        *_following(ctx, chosen.follow),
    ]
    if chosen.regime in Regime._value2member_map_:
        conditions.append(col(Dossier.regime) == chosen.regime)
    if chosen.type_demande in TypeDemande._value2member_map_:
        conditions.append(col(Dossier.type_demande) == chosen.type_demande)
    if chosen.overdue:
        due = col(Dossier.echeance) if acting_side(ctx) is Side.CUSTOMS else col(Dossier.echeance_demandeur)
        conditions += [
            due < paris_today(now_utc()),
            col(Dossier.statut).not_in([s.value for s in FINAL_STATUSES]),
        ]
    return tuple(conditions)


def export_rows(ctx: SessionContext, chosen: ListFilter, limit: int = 20_000) -> Iterator[DossierRow]:
    """Every dossier of the view in its order (at most ``limit``), read from the database in batches."""
    side = acting_side(ctx)
    wanted = (*_narrowing(ctx, chosen), col(Dossier.statut).in_(statuses_of(chosen.buckets, side)))
    today = paris_today(now_utc())
    batch = 500
    with session_scope() as db:
        for offset in range(0, limit, batch):
            if chosen.sort == "echeance" and not chosen.descending:
                rows = _by_due_date(db, side, wanted, offset, min(batch, limit - offset))
            else:
                rows = _sorted(
                    db, side, wanted, chosen.sort, chosen.descending, offset, min(batch, limit - offset)
                )
            followers = _names(db, {d.assigned_to_id for d, _ in rows if d.assigned_to_id})
            for dossier, company_name in rows:
                yield dossier_row(
                    dossier, company_name, side, today, followers.get(dossier.assigned_to_id or 0, "")
                )
            if len(rows) < batch:
                return


def count_in_view(ctx: SessionContext, chosen: ListFilter) -> int:
    """How many dossiers a view holds (its statuses too), from the counts kept per scope."""
    side = acting_side(ctx)
    statuses = statuses_of(chosen.buckets, side)
    with session_scope() as db:
        per_status = _per_status(db, ctx, _narrowing(ctx, chosen), chosen.variant(ctx))
    return sum(per_status.get(s, 0) for s in statuses)


def list_dossiers(
    ctx: SessionContext,
    buckets: Iterable[Bucket],
    sort: str = "echeance",
    descending: bool = False,
    page: int = 1,
    page_size: int = 10,
    search: str = "",
    follow: str = "",
    regime: str = "",
    type_demande: str = "",
    overdue: bool = False,
) -> DossierPage:
    side = acting_side(ctx)
    buckets = list(buckets)
    page_size = page_size if page_size in PAGE_SIZES else PAGE_SIZES[0]
    chosen = ListFilter(tuple(buckets), search, follow, sort, descending, regime, type_demande, overdue)
    matching = _narrowing(ctx, chosen)
    statuses = statuses_of(buckets, side)

    with session_scope() as db:
        per_status = _per_status(db, ctx, matching, chosen.variant(ctx))
        counts = {
            bucket.value: sum(per_status.get(s.value, 0) for s in statuses_in_bucket(bucket, side))
            for bucket in Bucket
        }
        total = sum(per_status.get(s, 0) for s in statuses)
        page_count = max(1, -(-total // page_size))
        page = min(max(1, page), page_count)
        wanted = (*matching, col(Dossier.statut).in_(statuses))
        offset = (page - 1) * page_size
        if sort == "echeance" and not descending:
            rows = _by_due_date(db, side, wanted, offset, page_size)
        else:
            rows = _sorted(db, side, wanted, sort, descending, offset, page_size)
        followers = (
            _names(db, {d.assigned_to_id for d, _ in rows if d.assigned_to_id})
            if side is Side.CUSTOMS
            else {}
        )
    today = paris_today(now_utc())
    return DossierPage(
        rows=[
            dossier_row(dossier, company_name, side, today, followers.get(dossier.assigned_to_id or 0, ""))
            for dossier, company_name in rows
        ],
        total=total,
        page=page,
        page_count=page_count,
        counts=counts,
    )


def _matching(needle: str) -> tuple[Any, ...]:
    """The search: part of the number, or the company. A number's beginning (« RP-2026-00 ») is read from the
    number's index; any other part is a trigram index search on PostgreSQL, a scan of the scope on
    SQLite."""
    if not needle:
        return ()
    upper = needle.upper()
    if NUMBER_START.match(upper):
        if get_engine().dialect.name == "postgresql":  # the trigram index serves LIKE 'RP-…%'
            prefix: tuple[Any, ...] = (col(Dossier.numero).like(f"{escape_like(upper)}%", escape="\\"),)
        else:  # SQLite compares bytes: the range is read from the number's index
            prefix = (col(Dossier.numero) >= upper, col(Dossier.numero) < upper + "\uffff")
        if len(upper) < NARROW_PREFIX:  # « RP-2026 »: most of the scope matches; read the scope
            return prefix
        # Few numbers match: find them in the number's index first (the planner would otherwise walk
        # the scope's index and test each number).
        return (col(Dossier.id).in_(select(Dossier.id).where(*prefix)),)
    # Any other text: part of the number, or the company (part of its name, its SIRET, its EORI).
    companies = select(Company.id).where(
        or_(
            col(Company.raison_sociale).ilike(f"%{escape_like(needle)}%", escape="\\"),
            col(Company.siret) == needle.replace(" ", ""),
            col(Company.eori) == upper.replace(" ", ""),
        )
    )
    return (
        or_(
            col(Dossier.numero).ilike(f"%{escape_like(needle)}%", escape="\\"),
            col(Dossier.company_id).in_(companies),
        ),
    )


# --- counts ---------------------------------------------------------------------------------------


def _per_status(db: Session, ctx: SessionContext, matching: tuple[Any, ...], variant: str) -> dict[str, int]:
    """Dossiers per status in the session's scope (and search), counted from the index alone and kept
    briefly for every user of the scope (``list_counts``)."""

    def count() -> dict[str, int]:
        query = select(Dossier.statut, func.count()).where(*matching).group_by(col(Dossier.statut))
        return {str(status): int(n) for status, n in db.exec(query).all()}

    return list_counts.cached(scope_key(ctx), f"statuses:{variant}", count)


# --- pages ----------------------------------------------------------------------------------------


def _page_query(wanted: tuple[Any, ...]) -> Any:
    return (
        select(Dossier, Company.raison_sociale)
        .join(Company, col(Company.id) == Dossier.company_id)
        .where(*wanted)
        .options(defer(Dossier.answers))  # type: ignore[arg-type]  # the form's answers: not for a list
    )


def _by_due_date(db: Session, side: Side, wanted: tuple[Any, ...], offset: int, size: int) -> list[Any]:
    """The default order read from the index in segments: for customs, what time has acted on
    (``alerte``) first; then the dossiers with a due date, soonest first; then those without one.
    Each segment reads at most ``offset + size`` rows of its index: a page costs what its depth
    costs, not what the scope holds."""
    due = col(Dossier.echeance) if side is Side.CUSTOMS else col(Dossier.echeance_demandeur)
    newest = col(Dossier.id).desc()
    segments: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = []
    plain: tuple[Any, ...] = ()
    if side is Side.CUSTOMS:
        segments.append(((col(Dossier.alerte).is_not(None),), (nulls_last(due.asc()), newest)))
        plain = (col(Dossier.alerte).is_(None),)
    segments.append(((*plain, due.is_not(None)), (due.asc(), newest)))
    segments.append(((*plain, due.is_(None)), (newest,)))
    rows: list[Any] = []
    for conditions, order in segments:
        query = _page_query((*wanted, *conditions)).order_by(*order).limit(offset + size - len(rows))
        rows += db.exec(query).all()
        if len(rows) >= offset + size:
            break
    return rows[offset : offset + size]


def _sorted(
    db: Session, side: Side, wanted: tuple[Any, ...], sort: str, descending: bool, offset: int, size: int
) -> list[Any]:
    """Any other order chosen in the table's header."""
    sort_column = SORTABLE.get(sort, SORTABLE["echeance"])
    if sort_column is SORTABLE["echeance"] and side is not Side.CUSTOMS:
        sort_column = col(Dossier.echeance_demandeur)  # what the applicant was told (RDC art. 13(3))
    order = sort_column.desc() if descending else sort_column.asc()
    pinned = [col(Dossier.alerte).is_(None)] if side is Side.CUSTOMS and sort == "echeance" else []
    query = _page_query(wanted).order_by(*pinned, nulls_last(order), col(Dossier.id).desc())
    return list(db.exec(query.offset(offset).limit(size)).all())


def _names(db: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    users = db.exec(select(User).where(col(User.id).in_(user_ids))).all()
    return {u.id or 0: u.full_name for u in users}


def dossier_row(
    dossier: Dossier, company_name: str, side: Side, today: date, follower: str = ""
) -> DossierRow:
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
        suivi_par=follower if side is Side.CUSTOMS else "",
    )
