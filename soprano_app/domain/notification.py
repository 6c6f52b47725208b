"""Notification of decisions: when a decision reached the applicant, and the dates that follow from it.

A decision takes effect on the day the applicant receives it, unless it sets a later date (UCC art.
22(4)); the time limits of appeal run from the same day (UCC art. 44; two months, code de justice
administrative art. R421-1). The service records, once per decision, the first of: the applicant's
side opening it in the service, or the mail server accepting the e-mail that announces it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from .clock import add_months, next_working_day
from .formatting import format_date, format_datetime, paris_today
from .letters import AUTHORISATION_LETTERS, DOSSIER_LETTERS

APPEAL_MONTHS = 2


class Means(StrEnum):
    OUVERTURE = "ouverture"  # first opening by the operator's side (dossier, authorisation or letter)
    COURRIEL = "courriel"  # the e-mail accepted by the mail server
    REPRISE = "reprise"  # a decision taken before notices were recorded: its own date stands


MEANS_LABELS = {
    Means.OUVERTURE: "première consultation par le demandeur",
    Means.COURRIEL: "courriel accepté par le serveur de messagerie",
    Means.REPRISE: "date de la décision (antérieure à l'enregistrement des notifications)",
}

_MEANS_VALUES = frozenset(m.value for m in Means)

# Decisions whose effect date is their notification (or a later date they set).
_EFFECT_ON_NOTIFICATION = frozenset(
    {"accorder", "suspendre", "prolonger_suspension", "revoquer", "modifier_office"}
)


def is_notified_decision(action: str | None, *, on_authorisation: bool = False) -> bool:
    """Decisions that are notified: the ones that carry a decision letter (domain/letters.py)."""
    return (action or "") in (AUTHORISATION_LETTERS if on_authorisation else DOSSIER_LETTERS)


def appeal_until(notified_on: date) -> date:
    """Last day to lodge an appeal: two months counted as a « délai franc » (neither the day of
    notification nor the day it ends count), carried to the next working day."""
    return next_working_day(add_months(notified_on, APPEAL_MONTHS) + timedelta(days=1))


def takes_effect_on(notified_on: date, set_date: date | None = None) -> date:
    """The notification day, or the later date the decision sets (an effect date, a validity start)."""
    return max(notified_on, set_date) if set_date else notified_on


@dataclass(frozen=True)
class NoticeFacts:
    """What the history shows under a notified decision."""

    notified: str  # « Notifiée le 01/12/2026 à 15:04 (première consultation par le demandeur) »
    appeal: str = ""  # « Recours possible jusqu'au 03/02/2027 »
    effect: str = ""  # « Prend effet le 01/12/2026 (date de notification) »


def describe(
    action: str,
    notified_at: datetime | None,
    means: str,
    *,
    adverse: bool,
    set_date: date | None = None,
) -> NoticeFacts:
    if notified_at is None:
        return NoticeFacts("Pas encore notifiée : le demandeur ne l'a pas encore consultée.")
    day = paris_today(notified_at)
    label = MEANS_LABELS[Means(means)] if means in _MEANS_VALUES else means
    notified = f"Notifiée le {format_datetime(notified_at)} ({label})."
    appeal = f"Recours possible jusqu'au {format_date(appeal_until(day))} inclus." if adverse else ""
    effect = ""
    if action in _EFFECT_ON_NOTIFICATION:
        start = takes_effect_on(day, set_date)
        why = "date de notification" if start == day else "date fixée par la décision"
        effect = f"Prend effet le {format_date(start)} ({why}, art. 22, paragraphe 4, CDU)."
    return NoticeFacts(notified, appeal, effect)
