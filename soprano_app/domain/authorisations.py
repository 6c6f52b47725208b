"""Life of an issued authorisation (spec §3.2 B, §3.5, §3.6): its status, and when the holder may
ask for an avenant or a renewal. Pure functions; the services enforce them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from .clock import add_months
from .formatting import format_date
from .regimes import REGIMES, Regime, TypeDemande, max_validity_months


class AuthorisationStatus(StrEnum):
    A_VENIR = "A_VENIR"
    EN_VIGUEUR = "EN_VIGUEUR"
    SUSPENDUE = "SUSPENDUE"
    REVOQUEE = "REVOQUEE"
    ANNULEE = "ANNULEE"
    EXPIREE = "EXPIREE"
    REMPLACEE = "REMPLACEE"


STATUS_LABELS = {
    AuthorisationStatus.A_VENIR: "Délivrée — prise d'effet à venir",
    AuthorisationStatus.EN_VIGUEUR: "En vigueur",
    AuthorisationStatus.SUSPENDUE: "Suspendue",
    AuthorisationStatus.REVOQUEE: "Révoquée",
    AuthorisationStatus.ANNULEE: "Annulée",
    AuthorisationStatus.EXPIREE: "Expirée",
    AuthorisationStatus.REMPLACEE: "Remplacée",
}
# The flag of spec §3.2 B (not a status): an avenant dossier is open for the authorisation.
AVENANT_PENDING_LABEL = "avenant en cours"

# Customs watch the authorisations that end within this many days (« Fin de validité proche »).
EXPIRY_WATCH_DAYS = 90
# UCC 23(5): close monitoring during the first year when the holder is established for less than 3 years.
NEWLY_ESTABLISHED_YEARS = 3
CLOSE_MONITORING_MONTHS = 12

# Answers that describe the application itself, not the authorisation: never carried into an avenant or a
# renewal, never listed as modifications.
APPLICATION_ONLY = frozenset(
    {"type_demande", "ref_autorisation", "avenant_objet", "val_date", "val_attestation"}
)
# The wished start date is asked again with each application: an avenant's date is not a change.
NOT_COMPARED = APPLICATION_ONLY | {"date_effet"}


@dataclass(frozen=True)
class Validity:
    """What customs sets when granting: for an avenant, ``start`` is the day the change takes effect."""

    start: date | None
    end: date | None


def close_monitoring_until(established_on: date | None, valid_from: date) -> date | None:
    """The last day of close monitoring of an authorisation (UCC 23(5)), or None when not required."""
    if established_on is None or established_on <= add_months(valid_from, -12 * NEWLY_ESTABLISHED_YEARS):
        return None
    return add_months(valid_from, CLOSE_MONITORING_MONTHS) - timedelta(days=1)


def status_on(
    valid_from: date, valid_to: date | None, today: date, replaced_from: date | None = None
) -> AuthorisationStatus:
    """From the validity dates and, for a renewed authorisation, the day its renewal takes effect
    (``replaced_from``): « Remplacée » from that day. Suspension, revocation… come with their steps."""
    if valid_from > today:
        return AuthorisationStatus.A_VENIR
    if replaced_from is not None and replaced_from <= today:
        return AuthorisationStatus.REMPLACEE
    if valid_to is not None and valid_to < today:
        return AuthorisationStatus.EXPIREE
    return AuthorisationStatus.EN_VIGUEUR


def follow_up_refused(
    kind: TypeDemande, status: AuthorisationStatus, regime: Regime, open_numero: str | None
) -> str:
    """Why the holder may not start this avenant or renewal now, or an empty string.

    ``open_numero`` is the number (or draft label) of an application of the same kind for this
    authorisation that is still open: one at a time (§3.5)."""
    label = "avenant" if kind is TypeDemande.AVENANT else "renouvellement"
    if kind is TypeDemande.PREMIERE:
        return "Une première demande ne part pas d'une autorisation existante."
    if open_numero:
        return f"Une demande d'{label} est déjà en cours pour cette autorisation : dossier {open_numero}."
    if status is AuthorisationStatus.EXPIREE:
        return "L'autorisation a expiré : déposez une nouvelle demande d'autorisation."
    if status is AuthorisationStatus.REMPLACEE:
        return "L'autorisation a été remplacée par son renouvellement : partez de la nouvelle autorisation."
    if status in (AuthorisationStatus.REVOQUEE, AuthorisationStatus.ANNULEE):
        return f"L'autorisation est {STATUS_LABELS[status].lower()} : déposez une nouvelle demande d'autorisation."
    if kind is TypeDemande.RENOUVELLEMENT and not REGIMES[regime].renewable:
        return "Une autorisation d'entrepôt douanier n'a pas de date de fin : elle ne se renouvelle pas."
    return ""


def follow_up_answers(
    snapshot: dict[str, Any], kind: TypeDemande, numero: str, current: Validity, today: date
) -> dict[str, Any]:
    """The draft of an avenant or renewal: the granted data, with the new application's own fields.

    The wished start date is the applicant's to give again for an avenant; a renewal proposes the day
    after the current authorisation ends."""
    answers = {k: v for k, v in snapshot.items() if k not in APPLICATION_ONLY and k != "date_effet"}
    if kind is TypeDemande.RENOUVELLEMENT and current.end is not None:
        answers["date_effet"] = max(today, current.end + timedelta(days=1)).isoformat()
    return answers | {"type_demande": kind.value, "ref_autorisation": numero}


def validity_refused(
    kind: TypeDemande,
    regime: Regime,
    annex_71_02_goods: bool,
    chosen: Validity,
    today: date,
    current: Validity | None = None,
) -> str:
    """Why these dates cannot be granted, or an empty string (spec §3.5–§3.8).

    ``current`` is the authorisation amended or renewed (its first day and its end)."""
    if chosen.start is None:
        return "Indiquez la date de prise d'effet."
    earliest = today
    if kind is TypeDemande.RENOUVELLEMENT and current is not None and current.end is not None:
        # RDC art. 172: a renewal granted late may take effect from the end of the previous authorisation.
        earliest = min(today, current.end + timedelta(days=1))
    if chosen.start < earliest:
        return "La date de prise d'effet ne peut pas être passée (art. 22, paragraphe 4, CDU)."
    months = max_validity_months(regime, annex_71_02_goods)
    first_day = current.start if kind is TypeDemande.AVENANT and current and current.start else chosen.start
    if months is None:
        return "L'autorisation d'entrepôt douanier n'a pas de date de fin." if chosen.end is not None else ""
    if chosen.end is None or chosen.end <= chosen.start:
        return "Indiquez une date de fin de validité postérieure à la date de prise d'effet."
    last_day = last_day_of(first_day, months)
    if chosen.end > last_day:
        return (
            f"La validité est de {months} mois au plus à compter de la prise d'effet : dernier jour possible "
            f"le {format_date(last_day)} (art. 173 RDC)."
        )
    return ""


def last_day_of(first_day: date, months: int) -> date:
    """The last day of a validity of ``months`` months from ``first_day`` inclusive: five years from
    1 December 2026 end on 30 November 2031, not on 1 December (which would be five years and a day)."""
    return add_months(first_day, months) - timedelta(days=1)


def proposed_validity(
    kind: TypeDemande,
    regime: Regime,
    wished_start: date | None,
    wished_months: int | None,
    today: date,
    current: Validity | None = None,
) -> Validity:
    """What the grant dialog proposes to the officer, who may change it (checked by ``validity_refused``).

    A first application or a renewal: the wished start (not before today) and duration (36 months by
    default); an avenant: from the wished date, the authorisation keeping its end; ED: no end."""
    start = max(wished_start or today + timedelta(days=1), today)
    if kind is TypeDemande.AVENANT and current is not None:
        return Validity(start, current.end)
    if kind is TypeDemande.RENOUVELLEMENT and current is not None and current.end is not None:
        start = max(
            wished_start or current.end + timedelta(days=1), min(today, current.end + timedelta(days=1))
        )
    if REGIMES[regime].max_validity_months is None:
        return Validity(start, None)
    return Validity(start, last_day_of(start, wished_months or 36))
