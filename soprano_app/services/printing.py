"""The printed authorisation: each version as issued (rendered once, kept, and checked by its SHA-256
on the public verification page), or the authorisation as it stood on a chosen date (spec §3.2 B:
« Print/PDF shows the version in force at a chosen date »)."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from .. import routes
from ..app_clock import now_utc
from ..db import lock_row, session_scope
from ..domain import authorisation_workflow as life
from ..domain.authorisations import STATUS_LABELS, AuthorisationStatus
from ..domain.formatting import format_date, format_datetime, paris_today
from ..domain.forms import FormContext
from ..domain.forms.display import recap
from ..domain.guarantee import stored_text
from ..domain.regimes import REGIME_LABELS, Regime
from ..models import Authorisation, AuthorisationEvent, AuthorisationVersion, Company, Dossier
from ..pdf import authorisation as pdf
from ..settings import settings
from .auth import SessionContext
from .authorisations import get_authorisation, version_label
from .demo import demo_loaded
from .storage import storage


def verification_url(token: str) -> str:
    return f"{settings.public_url}{routes.verification_path(token)}"


def version_on(db: Session, authorisation_id: int, day: date) -> AuthorisationVersion | None:
    """The version in force on ``day``: the latest granted by then and applicable from then (the first
    decision before its start date)."""
    versions = db.exec(
        select(AuthorisationVersion)
        .where(AuthorisationVersion.authorisation_id == authorisation_id)
        .order_by(col(AuthorisationVersion.version))
    ).all()
    known = [v for v in versions if paris_today(v.granted_at) <= day]
    in_force = [v for v in known if v.version == 0 or v.effective_from <= day]
    return in_force[-1] if in_force else None


def status_on_day(db: Session, authorisation: Authorisation, day: date) -> AuthorisationStatus:
    """The status as it stood on ``day``: the steps decided by then, the version then in force, a
    renewal granted by then."""
    assert authorisation.id is not None
    events = db.exec(
        select(AuthorisationEvent).where(AuthorisationEvent.authorisation_id == authorisation.id)
    ).all()
    state = life.state_after(
        [life.LifeEvent(life.LifeAction(e.action), e.decided_on, e.effect_date) for e in events], day
    )
    version = version_on(db, authorisation.id, day)
    valid_to = version.valid_to if version is not None else authorisation.valid_to
    renewal = db.exec(select(Authorisation).where(Authorisation.replaces_id == authorisation.id)).first()
    renewal_from = renewal.valid_from if renewal and paris_today(renewal.granted_at) <= day else None
    return life.status_at(authorisation.valid_from, valid_to, day, state, renewal_from)


def _document(
    db: Session,
    authorisation: Authorisation,
    version: AuthorisationVersion,
    status: AuthorisationStatus,
    statement: str,
) -> pdf.AuthorisationDocument:
    snapshot: dict[str, Any] = json.loads(version.snapshot or "{}")
    company = db.get(Company, authorisation.company_id)
    dossier = db.get(Dossier, authorisation.dossier_id)
    regime = Regime(authorisation.regime)
    context = FormContext(
        regime=regime,
        today=paris_today(version.granted_at),
        type_entrepot=str(snapshot.get("type_entrepot", "")),
    )
    return pdf.AuthorisationDocument(
        numero=authorisation.numero,
        regime_label=REGIME_LABELS[regime],
        type_code=authorisation.type_code,
        titulaire=company.raison_sociale if company else "",
        titulaire_eori=str(snapshot.get("dem_eori", "")),
        valid_from=format_date(authorisation.valid_from),
        valid_to=format_date(version.valid_to) or "sans limite",
        granted_at=format_datetime(version.granted_at),
        granted_by=version.granted_by_label,
        dossier_numero=dossier.numero or "" if dossier else "",
        status_label=STATUS_LABELS[status],
        version_label=version_label(version.version)
        + (f" (applicable à compter du {format_date(version.effective_from)})" if version.version else ""),
        verify_url=verification_url(version.verify_token or ""),
        demo=demo_loaded(),
        rubriques=recap(snapshot, context),
        statement=statement,
        guarantee=stored_text(version.guarantee_kind, version.guarantee_amount, version.guarantee_reference),
    )


def issued_pdf(db: Session, authorisation: Authorisation, version: AuthorisationVersion) -> bytes:
    """The version as issued: rendered the first time it is asked for, then kept and served as is, so
    that its SHA-256 (shown on the verification page) matches every copy."""
    assert version.id is not None
    kept = storage().read(version.pdf_key, db) if version.pdf_key else None
    if kept is not None:
        return kept
    lock_row(db, AuthorisationVersion, version.id)  # two first prints at once: one document
    db.refresh(version)
    kept = storage().read(version.pdf_key, db) if version.pdf_key else None
    if kept is not None:
        return kept
    issued_on = paris_today(version.granted_at)
    status = status_on_day(db, authorisation, issued_on)
    data = pdf.render(_document(db, authorisation, version, status, ""))
    # In this transaction (the database store), under the row lock: on SQLite another connection would
    # wait for it.
    version.pdf_key, version.pdf_sha256 = storage().put(data, db), hashlib.sha256(data).hexdigest()
    db.add(version)
    return data


def printable(ctx: SessionContext, authorisation_id: int, on: date | None = None) -> tuple[str, bytes] | None:
    """The PDF (file name, bytes) if the session may see the authorisation: the current version as
    issued, or with ``on`` the authorisation as it stood that day (not before its grant)."""
    if get_authorisation(ctx, authorisation_id) is None:
        return None
    today = paris_today(now_utc())
    with session_scope() as db:
        authorisation = db.get(Authorisation, authorisation_id)
        assert authorisation is not None
        if on is None:
            version = db.exec(
                select(AuthorisationVersion)
                .where(AuthorisationVersion.authorisation_id == authorisation_id)
                .where(AuthorisationVersion.version == authorisation.version)
            ).one()
            return f"autorisation-{authorisation.numero}.pdf", issued_pdf(db, authorisation, version)
        day = min(on, today)
        version_then = version_on(db, authorisation_id, day)
        if version_then is None:
            return None
        status = status_on_day(db, authorisation, day)
        statement = f"Situation au {format_date(day)}, imprimée le {format_date(today)}"
        data = pdf.render(_document(db, authorisation, version_then, status, statement))
        return f"autorisation-{authorisation.numero}-au-{day.isoformat()}.pdf", data
