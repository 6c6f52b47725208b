"""Public verification of a printed authorisation (``/verification/<jeton>``, the QR code of the PDF):
what the printed document already shows, its status today and the SHA-256 of the document as
issued — nothing else, for anyone, without login, a limited number of times per address."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from ..app_clock import now_utc
from ..db import session_scope
from ..domain.authorisations import STATUS_LABELS, AuthorisationStatus
from ..domain.formatting import format_date, paris_today
from ..domain.regimes import REGIME_LABELS, Regime
from ..models import Authorisation, AuthorisationVersion, Company
from . import throttle
from .authorisations import replaced_from, status_of, version_label
from .printing import issued_pdf

TOKEN_MAX = 64
# Shown in red: the document no longer proves anything.
ALARMING = frozenset({AuthorisationStatus.REVOQUEE, AuthorisationStatus.ANNULEE})


@dataclass(frozen=True)
class Verified:
    numero: str
    titulaire: str
    regime_label: str
    version_label: str
    valid_from: str
    valid_to: str
    status: str
    status_label: str
    alarming: bool
    sha256: str
    newer_version: str  # « Avenant n° 2 » when the printed version has been superseded, else ""
    checked_on: str


class TooManyLookups(Exception):
    """The address has used up its verification lookups for now."""


def verify(token: str, source: str) -> Verified | None:
    """The authorisation behind a verification token, or None (unknown token: no hint of what exists)."""
    if not throttle.verification_allowed(source):
        raise TooManyLookups
    token = token.strip()
    if not token or len(token) > TOKEN_MAX:
        return None
    today = paris_today(now_utc())
    with session_scope() as db:
        version = db.exec(
            select(AuthorisationVersion).where(AuthorisationVersion.verify_token == token)
        ).first()
        if version is None:
            return None
        authorisation = db.get(Authorisation, version.authorisation_id)
        assert authorisation is not None and authorisation.id is not None
        company = db.get(Company, authorisation.company_id)
        issued_pdf(db, authorisation, version)  # its hash, kept from the first print
        status = status_of(authorisation, today, replaced_from(db, authorisation.id))
        newer = version_label(authorisation.version) if authorisation.version > version.version else ""
        return Verified(
            numero=authorisation.numero,
            titulaire=company.raison_sociale if company else "",
            regime_label=REGIME_LABELS[Regime(authorisation.regime)],
            version_label=version_label(version.version),
            valid_from=format_date(authorisation.valid_from),
            valid_to=format_date(version.valid_to) or "sans limite de durée",
            status=status.value,
            status_label=STATUS_LABELS[status],
            alarming=status in ALARMING,
            sha256=version.pdf_sha256 or "",
            newer_version=newer,
            checked_on=format_date(today),
        )
