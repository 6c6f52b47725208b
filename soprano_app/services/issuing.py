"""Granting writes the authorisation: a new one (first application, renewal) or the next version of
the one amended (avenant). Used by the decision step and by the demo data, in their transaction."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from ..domain.authorisations import Validity
from ..domain.formatting import format_date
from ..domain.guarantee import Guarantee
from ..domain.numbering import authorisation_counter, authorisation_number
from ..domain.regimes import REGIMES, Regime, TypeDemande
from ..models import Authorisation, AuthorisationVersion, Dossier
from .counters import next_value


@dataclass(frozen=True)
class Issued:
    authorisation: Authorisation
    version: int
    message: str  # « Autorisation n° … accordée, valable du … »


def current_validity(db: Session, dossier: Dossier) -> Validity | None:
    """The first day and the end of the authorisation an avenant or renewal starts from."""
    if dossier.authorisation_id is None:
        return None
    found = db.get(Authorisation, dossier.authorisation_id)
    return Validity(found.valid_from, found.valid_to) if found else None


def issue(
    db: Session,
    dossier: Dossier,
    start: date,
    end: date | None,
    at: datetime,
    by: str,
    guarantee: Guarantee | None = None,
) -> Issued:
    assert dossier.id is not None
    answers = json.loads(dossier.answers or "{}")
    kind = TypeDemande(dossier.type_demande)
    if kind is TypeDemande.AVENANT:
        return _amend(db, dossier, answers, start, end, at, by, guarantee)
    type_code = (
        str(answers.get("code_type_decision", "")) or REGIMES[Regime(dossier.regime)].decision_type_code
    )
    numero = authorisation_number(
        type_code, at.year, next_value(db, authorisation_counter(type_code, at.year))
    )
    authorisation = Authorisation(
        numero=numero,
        dossier_id=dossier.id,
        company_id=dossier.company_id,
        service_id=dossier.service_id,
        regime=dossier.regime,
        type_code=type_code,
        valid_from=start,
        valid_to=end,
        granted_at=at,
        granted_by_label=by,
        snapshot=dossier.answers,
        replaces_id=dossier.authorisation_id if kind is TypeDemande.RENOUVELLEMENT else None,
    )
    db.add(authorisation)
    db.flush()
    _add_version(db, authorisation, dossier, start, at, by, "", guarantee)
    until = f" au {format_date(end)}" if end else " (sans limite de durée)"
    message = f"Autorisation n° {numero} accordée, valable du {format_date(start)}{until}."
    if guarantee is not None:
        message += f" {guarantee.describe()}."
    if kind is TypeDemande.RENOUVELLEMENT:
        previous = db.get(Authorisation, dossier.authorisation_id) if dossier.authorisation_id else None
        message += f" Elle renouvelle l'autorisation n° {previous.numero}." if previous else ""
    return Issued(authorisation, 0, message)


def _amend(
    db: Session,
    dossier: Dossier,
    answers: dict[str, Any],
    start: date,
    end: date | None,
    at: datetime,
    by: str,
    guarantee: Guarantee | None = None,
) -> Issued:
    authorisation = db.exec(
        select(Authorisation).where(Authorisation.id == dossier.authorisation_id).with_for_update()
    ).one()
    authorisation.version += 1
    authorisation.snapshot = dossier.answers
    authorisation.valid_to = end
    db.add(authorisation)
    _add_version(db, authorisation, dossier, start, at, by, str(answers.get("avenant_objet", "")), guarantee)
    until = f" ; fin de validité : {format_date(end)}" if end else ""
    message = (
        f"Avenant n° {authorisation.version} à l'autorisation n° {authorisation.numero} accordé, "
        f"applicable à compter du {format_date(start)}{until}."
    )
    if guarantee is not None:
        message += f" {guarantee.describe()}."
    return Issued(authorisation, authorisation.version, message)


def _add_version(
    db: Session,
    authorisation: Authorisation,
    dossier: Dossier,
    start: date,
    at: datetime,
    by: str,
    objet: str,
    guarantee: Guarantee | None = None,
) -> None:
    assert authorisation.id is not None and dossier.id is not None
    db.add(
        AuthorisationVersion(
            authorisation_id=authorisation.id,
            version=authorisation.version,
            dossier_id=dossier.id,
            effective_from=start,
            valid_to=authorisation.valid_to,
            granted_at=at,
            granted_by_label=by,
            objet=objet,
            snapshot=dossier.answers,
            verify_token=new_verify_token(),
            guarantee_kind=guarantee.kind.value if guarantee else None,
            guarantee_amount=str(guarantee.amount) if guarantee and guarantee.amount is not None else None,
            guarantee_reference=(guarantee.reference or None) if guarantee else None,
        )
    )


def new_verify_token() -> str:
    """The public check of a printed version (/verification/<token>): unguessable, not the id."""
    return secrets.token_urlsafe(24)
