"""« Documents de l'entreprise »: documents a company uses again and again (statuts, Kbis, mandat,
certificat AEO…), kept once with their validity date and joined to a dossier from there.

A document past its validity date is flagged and is no longer joined to a dossier; one that ends
within ``SOON_DAYS`` is flagged too, so that its next version can be asked for in time.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from .formatting import format_date

SOON_DAYS = 30
MAX_LABEL = 140


class Validity(StrEnum):
    VALID = "valide"
    SOON = "bientot"  # ends within SOON_DAYS
    EXPIRED = "expire"


VALIDITY_LABELS = {
    Validity.VALID: "Valide",
    Validity.SOON: "Expire bientôt",
    Validity.EXPIRED: "Expiré",
}


def validity(valid_until: date | None, today: date) -> Validity:
    if valid_until is None:
        return Validity.VALID
    if valid_until < today:
        return Validity.EXPIRED
    return Validity.SOON if (valid_until - today).days <= SOON_DAYS else Validity.VALID


def refused_validity(valid_until: date | None, today: date) -> str:
    """Why a document cannot be kept with this validity date (French), or ""."""
    if valid_until is not None and valid_until < today:
        return "La date de fin de validité est passée : enregistrez la version à jour du document."
    return ""


def refused_attachment(valid_until: date | None, today: date) -> str:
    """Why a kept document cannot be joined to a dossier today (French), or ""."""
    if validity(valid_until, today) is Validity.EXPIRED:
        assert valid_until is not None
        return f"Document expiré le {format_date(valid_until)} : enregistrez sa version à jour avant de le joindre."
    return ""
