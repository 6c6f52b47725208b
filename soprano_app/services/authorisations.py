"""« Mes autorisations »: the authorisations of the acting company (or of the officer's service)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, literal, nulls_last
from sqlalchemy import select as select_columns  # more columns than sqlmodel's select types
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from ..app_clock import now_utc
from ..db import session_scope
from ..domain.authorisation_workflow import LifeState, status_at
from ..domain.authorisations import (
    AVENANT_PENDING_LABEL,
    EXPIRY_WATCH_DAYS,
    STATUS_LABELS,
    AuthorisationStatus,
    close_monitoring_until,
)
from ..domain.formatting import format_date, format_datetime, paris_today
from ..domain.guarantee import stored_text
from ..domain.regimes import REGIME_LABELS, Regime, TypeDemande
from ..domain.roles import Role
from ..domain.statuses import FINAL_STATUSES, DossierStatus
from ..models import Authorisation, AuthorisationVersion, Company, Dossier
from . import list_counts
from .auth import SessionContext

# The renewal that replaces an authorisation, joined to it (its start date makes it « Remplacée »).
_Renewal = aliased(Authorisation)
_Avenant = aliased(Dossier)  # an avenant dossier of the authorisation (the list joins its own dossier)


def replaced_from(db: Session, authorisation_id: int) -> date | None:
    """The day the renewal of this authorisation takes effect, if one was granted."""
    return db.exec(
        select(col(Authorisation.valid_from)).where(Authorisation.replaces_id == authorisation_id)
    ).first()


def life_state(authorisation: Authorisation) -> LifeState:
    """What the steps after the grant left on the row (services/authorisation_workflow writes it)."""
    return LifeState(authorisation.suspended, authorisation.revoked_from, authorisation.annulled_on)


def status_of(
    authorisation: Authorisation, today: date, renewal_from: date | None = None
) -> AuthorisationStatus:
    return status_at(
        authorisation.valid_from, authorisation.valid_to, today, life_state(authorisation), renewal_from
    )


def status_sql(today: date) -> Any:
    """The same rule as ``domain.authorisation_workflow.status_at`` for today, in SQL, for lists that
    filter and count by status (a test checks that both agree)."""
    S = AuthorisationStatus
    in_force_or_coming = case(
        (col(Authorisation.valid_from) > today, literal(S.A_VENIR.value)),
        (col(_Renewal.valid_from) <= today, literal(S.REMPLACEE.value)),
        (col(Authorisation.valid_to) < today, literal(S.EXPIREE.value)),
        else_=literal(S.EN_VIGUEUR.value),
    )
    return case(
        (col(Authorisation.annulled_on).is_not(None), literal(S.ANNULEE.value)),
        (col(Authorisation.revoked_from) <= today, literal(S.REVOQUEE.value)),
        (
            and_(col(Authorisation.suspended), in_force_or_coming.in_([S.A_VENIR.value, S.EN_VIGUEUR.value])),
            literal(S.SUSPENDUE.value),
        ),
        else_=in_force_or_coming,
    )


_OPEN_STATUSES = [s.value for s in DossierStatus if s not in FINAL_STATUSES]


def _avenant_pending() -> Any:
    """An avenant dossier is open for the authorisation (the « avenant en cours » flag)."""
    return exists().where(
        col(_Avenant.authorisation_id) == Authorisation.id,
        col(_Avenant.type_demande) == TypeDemande.AVENANT.value,
        col(_Avenant.statut).in_(_OPEN_STATUSES),
    )


def status_in(db: Session, authorisation: Authorisation, today: date) -> AuthorisationStatus:
    assert authorisation.id is not None
    return status_of(authorisation, today, replaced_from(db, authorisation.id))


@dataclass(frozen=True)
class AuthorisationRow:
    id: int
    numero: str
    regime: str
    regime_label: str
    type_code: str
    valid_from: str
    valid_to: str
    status: str
    status_label: str
    dossier_id: int
    dossier_numero: str
    titulaire: str
    granted_at: str
    granted_by: str
    version: int = 0
    flag: str = ""  # « avenant en cours »
    company_id: int = 0  # the holder
    monitoring: str = ""  # customs only: « Surveillance étroite jusqu'au … » (UCC 23(5))


@dataclass(frozen=True)
class AuthorisationPage:
    rows: list[AuthorisationRow]
    total: int
    page: int
    page_count: int
    expiring_total: int = 0


PER_PAGE = 20


def _scope(ctx: SessionContext) -> Any:
    """(authorisation, dossier number, holder, start of its renewal, avenant pending, holder's
    establishment date) the session may see, or None."""
    query = _with_holder()
    if ctx.role is Role.AGENT and ctx.service_id is not None:
        return query.where(Authorisation.service_id == ctx.service_id)
    if ctx.role in (Role.OPERATEUR, Role.REPRESENTANT) and ctx.company is not None:
        return query.where(Authorisation.company_id == ctx.company.id)
    return None


def of_companies(company_ids: list[int], limit: int = 200) -> list[AuthorisationRow]:
    """The authorisations of several companies, ending soonest first (a representative's portfolio:
    the caller decides which companies the session may see)."""
    if not company_ids:
        return []
    query = (
        _with_holder()
        .where(col(Authorisation.company_id).in_(company_ids))
        .order_by(nulls_last(col(Authorisation.valid_to).asc()), col(Authorisation.id).desc())
        .limit(limit)
    )
    today = paris_today(now_utc())
    with session_scope() as db:
        return [_row(found, today) for found in db.exec(query).all()]


def _with_holder() -> Any:
    return (
        select_columns(  # type: ignore[call-overload]
            Authorisation,
            Dossier.numero,
            Company.raison_sociale,
            col(_Renewal.valid_from),
            _avenant_pending(),
            col(Company.established_on),
        )
        .join(Dossier, col(Dossier.id) == Authorisation.dossier_id)
        .join(Company, col(Company.id) == Authorisation.company_id)
        .outerjoin(_Renewal, col(_Renewal.replaces_id) == Authorisation.id)
    )


def _scope_key(ctx: SessionContext) -> str:
    """The scope of ``_scope`` in ``access.scope_key``'s terms (a grant changes that scope's lists)."""
    if ctx.role is Role.AGENT:
        return f"service:{ctx.service_id}"
    return f"company:{ctx.company.id}" if ctx.company is not None else ""


def _scope_filter(ctx: SessionContext) -> tuple[Any, ...]:
    """``_scope``'s condition on ``Authorisation`` alone (its caller checked the scope exists)."""
    if ctx.role is Role.AGENT:
        return (col(Authorisation.service_id) == ctx.service_id,)
    assert ctx.company is not None
    return (col(Authorisation.company_id) == ctx.company.id,)


def _count_all(db: Session, ctx: SessionContext) -> int:
    return int(db.exec(select(func.count()).select_from(Authorisation).where(*_scope_filter(ctx))).one())


def _row(found: Any, today: date, customs: bool = False) -> AuthorisationRow:
    item, dossier_numero, titulaire, renewal_from, avenant_pending, established_on = found
    assert item.id is not None
    status = status_of(item, today, renewal_from)
    watch_until = close_monitoring_until(established_on, item.valid_from)
    monitoring = (
        f"Surveillance étroite jusqu'au {format_date(watch_until)}"
        if customs
        and watch_until is not None
        and today <= watch_until
        and status is not AuthorisationStatus.ANNULEE
        else ""
    )
    return AuthorisationRow(
        id=item.id,
        numero=item.numero,
        regime=item.regime,
        regime_label=REGIME_LABELS[Regime(item.regime)],
        type_code=item.type_code,
        valid_from=format_date(item.valid_from),
        valid_to=format_date(item.valid_to) or "sans limite",
        status=status,
        status_label=STATUS_LABELS[status],
        dossier_id=item.dossier_id,
        dossier_numero=dossier_numero or "",
        titulaire=titulaire,
        version=item.version,
        granted_at=format_datetime(item.granted_at),
        granted_by=item.granted_by_label,
        flag=AVENANT_PENDING_LABEL if avenant_pending else "",
        monitoring=monitoring,
        company_id=item.company_id,
    )


def _expiring(query: Any, today: date) -> Any:
    """In force (or suspended), ending within EXPIRY_WATCH_DAYS, and not renewed yet."""
    return query.where(
        status_sql(today).in_([AuthorisationStatus.EN_VIGUEUR.value, AuthorisationStatus.SUSPENDUE.value]),
        col(Authorisation.valid_to) <= today + timedelta(days=EXPIRY_WATCH_DAYS),
        col(_Renewal.id).is_(None),
    )


def expiring_count(ctx: SessionContext) -> int:
    """How many authorisations the session sees end within EXPIRY_WATCH_DAYS, not renewed yet."""
    query = _scope(ctx)
    if query is None:
        return 0
    watched = _expiring(query, paris_today(now_utc()))
    with session_scope() as db:
        return int(db.exec(select(func.count()).select_from(watched.subquery())).one())


def list_authorisations(
    ctx: SessionContext,
    page: int = 1,
    per_page: int = PER_PAGE,
    expiring: bool = False,
    status: str = "",
) -> AuthorisationPage:
    """The newest first, or with ``expiring`` those ending soonest within EXPIRY_WATCH_DAYS, with a
    status filter (``status``: an AuthorisationStatus value, "" for all), one page at a time (counted and
    cut in SQL). ``expiring_total`` counts the expiring ones either way."""
    query = _scope(ctx)
    if query is None:
        return AuthorisationPage([], 0, 1, 1)
    today = paris_today(now_utc())
    with session_scope() as db:
        watched = _expiring(query, today)
        expiring_total = int(db.exec(select(func.count()).select_from(watched.subquery())).one())
        if expiring:
            query = watched.order_by(col(Authorisation.valid_to), col(Authorisation.id))
        else:
            query = query.order_by(col(Authorisation.granted_at).desc(), col(Authorisation.id).desc())
        if status in set(AuthorisationStatus):
            query = query.where(status_sql(today) == status)
        if expiring or status in set(AuthorisationStatus):
            total = int(db.exec(select(func.count()).select_from(query.subquery())).one())
        else:  # every authorisation of the scope: counted from its index, kept briefly
            total = list_counts.cached(_scope_key(ctx), "authorisations", lambda: _count_all(db, ctx))
        page_count = max(1, -(-total // per_page))
        page = min(max(1, page), page_count)
        offset = (page - 1) * per_page
        if not expiring and status not in set(AuthorisationStatus):
            # Newest first: the page's ids from the scope's index alone, then their details.
            newest = (col(Authorisation.granted_at).desc(), col(Authorisation.id).desc())
            ids = select(Authorisation.id).where(*_scope_filter(ctx)).order_by(*newest)
            query = query.where(col(Authorisation.id).in_(db.exec(ids.offset(offset).limit(per_page)).all()))
            offset = 0
        rows = db.exec(query.offset(offset).limit(per_page)).all()
    customs = ctx.role is Role.AGENT
    return AuthorisationPage(
        [_row(found, today, customs) for found in rows], total, page, page_count, expiring_total
    )


def get_authorisation(
    ctx: SessionContext, authorisation_id: int
) -> tuple[AuthorisationRow, dict[str, Any]] | None:
    """The authorisation and the data granted (its snapshot), if the session may see it."""
    query = _scope(ctx)
    if query is None:
        return None
    with session_scope() as db:
        found = db.exec(query.where(Authorisation.id == authorisation_id)).first()
    if found is None:
        return None
    return _row(found, paris_today(now_utc()), ctx.role is Role.AGENT), json.loads(found[0].snapshot or "{}")


@dataclass(frozen=True)
class VersionRow:
    label: str  # « Décision initiale », « Avenant n° 2 »
    objet: str
    effective_from: str
    valid_to: str
    granted_at: str
    granted_by: str
    dossier_id: int
    dossier_numero: str
    guarantee: str = ""  # domain/guarantee.py: what the decision requires


@dataclass(frozen=True)
class Lineage:
    """The versions of an authorisation, and the authorisations it renews or that renew it."""

    versions: list[VersionRow]
    replaces: dict[str, str]  # {"id", "numero"} or empty
    replaced_by: dict[str, str]


def version_label(version: int) -> str:
    return "Décision initiale" if version == 0 else f"Avenant n° {version}"


def lineage(ctx: SessionContext, authorisation_id: int) -> Lineage | None:
    query = _scope(ctx)
    if query is None:
        return None
    with session_scope() as db:
        found = db.exec(query.where(Authorisation.id == authorisation_id)).first()
        if found is None:
            return None
        current: Authorisation = found[0]
        rows = db.exec(
            select(AuthorisationVersion, Dossier.numero)
            .join(Dossier, col(Dossier.id) == AuthorisationVersion.dossier_id)
            .where(AuthorisationVersion.authorisation_id == authorisation_id)
            .order_by(col(AuthorisationVersion.version).desc())
        ).all()
        before = db.get(Authorisation, current.replaces_id) if current.replaces_id else None
        after = db.exec(select(Authorisation).where(Authorisation.replaces_id == authorisation_id)).first()
    # A renewal can be seen by whoever sees this authorisation: same holder, same service.
    return Lineage(
        [
            VersionRow(
                version_label(v.version),
                v.objet,
                format_date(v.effective_from),
                format_date(v.valid_to) or "sans limite",
                format_datetime(v.granted_at),
                v.granted_by_label,
                v.dossier_id,
                numero or "",
                stored_text(v.guarantee_kind, v.guarantee_amount, v.guarantee_reference),
            )
            for v, numero in rows
        ],
        {"id": str(before.id), "numero": before.numero} if before else {},
        {"id": str(after.id), "numero": after.numero} if after else {},
    )
