"""« Pilotage du service »: what a customs service's queue holds and how fast it moves.

Per open status: how many dossiers and how old (days since filing); the due dates of the next
7 days; the average days from filing to acceptance and to decision, per month over the last six;
the open dossiers each agent follows. Read from the service's own rows only.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select as select_columns  # more columns than sqlmodel's select types
from sqlmodel import col, select

from ..app_clock import now_utc
from ..db import session_scope
from ..domain.formatting import format_date, paris_today
from ..domain.statuses import FINAL_STATUSES, STATUS_LABELS, DossierStatus
from ..domain.workflow import Action
from ..models import Company, Dossier, DossierEvent, User
from .auth import SessionContext

MONTHS = 6
SOON_DAYS = 7
MONTH_NAMES = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
_DECISIONS = {DossierStatus.ACCORDEE.value, DossierStatus.REFUSEE.value}


@dataclass(frozen=True)
class StatusLine:
    status: str
    label: str
    count: int
    average_age: int  # days since filing
    oldest_age: int


@dataclass(frozen=True)
class DueSoon:
    dossier_id: int
    numero: str
    entreprise: str
    status_label: str
    due: str
    days_left: int


@dataclass(frozen=True)
class MonthLine:
    month: str  # « nov. 2026 »
    accept_days: float | None  # average days from filing to acceptance, None: no acceptance that month
    decide_days: float | None  # average days from filing to the decision (granted or refused)
    accepted: int
    decided: int


@dataclass(frozen=True)
class AgentLoad:
    name: str  # « Non suivis » for the dossiers nobody follows
    count: int


@dataclass(frozen=True)
class ServiceOverview:
    service: str
    open_total: int
    statuses: list[StatusLine]
    due_soon: list[DueSoon]
    months: list[MonthLine]
    workload: list[AgentLoad]


def _days(start: datetime | None, end: datetime) -> int:
    return max(0, (end - start).days) if start else 0


def _month_key(moment: datetime) -> tuple[int, int]:
    day = paris_today(moment)
    return day.year, day.month


def _last_months(today: date) -> list[tuple[int, int]]:
    keys, year, month = [], today.year, today.month
    for _ in range(MONTHS):
        keys.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(keys))


def overview(ctx: SessionContext) -> ServiceOverview | None:
    """None unless ``ctx`` is an agent of a customs service."""
    if not ctx.is_customs or ctx.service_id is None:
        return None
    now = now_utc()
    today = paris_today(now)
    open_statuses = [
        s.value for s in DossierStatus if s not in FINAL_STATUSES and s is not DossierStatus.BROUILLON
    ]
    since = now - timedelta(days=31 * MONTHS)
    with session_scope() as db:
        open_rows = db.exec(
            select_columns(  # type: ignore[call-overload,misc]
                Dossier.id,
                Dossier.numero,
                Dossier.statut,
                Dossier.submitted_at,
                Dossier.echeance,
                Dossier.assigned_to_id,
                Company.raison_sociale,
            )
            .join(Company, col(Company.id) == Dossier.company_id)
            .where(Dossier.service_id == ctx.service_id)
            .where(col(Dossier.statut).in_(open_statuses))
        ).all()
        steps = db.exec(
            select(
                DossierEvent.occurred_at, DossierEvent.action, DossierEvent.to_status, Dossier.submitted_at
            )
            .join(Dossier, col(Dossier.id) == DossierEvent.dossier_id)
            .where(Dossier.service_id == ctx.service_id)
            .where(col(DossierEvent.occurred_at) >= since)
            .where(
                (col(DossierEvent.action) == Action.ACCEPTER.value)
                | col(DossierEvent.to_status).in_(_DECISIONS)
            )
        ).all()
        followers = {
            u.id: u.full_name for u in db.exec(select(User).where(User.service_id == ctx.service_id)).all()
        }

    ages: dict[str, list[int]] = defaultdict(list)
    for row in open_rows:
        ages[row[2]].append(_days(row[3], now))
    statuses = [
        StatusLine(
            s.value,
            STATUS_LABELS[s],
            len(ages[s.value]),
            round(statistics.fmean(ages[s.value])),
            max(ages[s.value]),
        )
        for s in DossierStatus
        if ages.get(s.value)
    ]
    soon = sorted(
        (
            row
            for row in open_rows
            if row[4] is not None and today <= row[4] <= today + timedelta(days=SOON_DAYS)
        ),
        key=lambda row: (row[4], row[0]),
    )
    due_soon = [
        DueSoon(row[0] or 0, row[1] or "", row[6], STATUS_LABELS[DossierStatus(row[2])], format_date(row[4]),
                (row[4] - today).days)
        for row in soon[:50]
    ]  # fmt: skip

    accept: dict[tuple[int, int], list[int]] = defaultdict(list)
    decide: dict[tuple[int, int], list[int]] = defaultdict(list)
    for occurred_at, action, to_status, submitted_at in steps:
        if submitted_at is None:
            continue
        target = accept if action == Action.ACCEPTER.value else decide if to_status in _DECISIONS else None
        if target is not None:
            target[_month_key(occurred_at)].append(_days(submitted_at, occurred_at))
    months = [
        MonthLine(
            f"{MONTH_NAMES[m - 1]} {y}",
            round(statistics.fmean(accept[(y, m)]), 1) if accept[(y, m)] else None,
            round(statistics.fmean(decide[(y, m)]), 1) if decide[(y, m)] else None,
            len(accept[(y, m)]),
            len(decide[(y, m)]),
        )
        for y, m in _last_months(today)
    ]

    per_agent: dict[int | None, int] = defaultdict(int)
    for row in open_rows:
        per_agent[row[5]] += 1
    workload = sorted(
        (AgentLoad(followers.get(agent, "Agent d'un autre service") if agent else "Non suivis", n)
         for agent, n in per_agent.items()),
        key=lambda line: (-line.count, line.name),
    )  # fmt: skip
    return ServiceOverview(ctx.service_name, len(open_rows), statuses, due_soon, months, workload)
