"""Legal time limits of the decision phase (spec §3.4), in calendar days.

A period starts the day after its triggering event and ends on its last day; if that day is a
Saturday, a Sunday or a French public holiday, the period ends on the next working day
(Regulation (EEC, Euratom) No 1182/71, art. 3(4)).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from .regimes import REGIMES, Regime

ACCEPTANCE_DAYS = 30  # UCC art. 22(2)
DECISION_DAYS = {regime: info.decision_days for regime, info in REGIMES.items()}  # RDC art. 171
MULTI_STATE_DECISION_DAYS = 120  # UCC art. 22(3)
RIGHT_TO_BE_HEARD_DAYS = 30  # UCC art. 22(6), RDC art. 8
RTBH_EXTENSION_DAYS = 30  # the decision limit is extended by the hearing period
MAX_CUSTOMS_EXTENSION_DAYS = 30  # UCC art. 22(3), 2nd subparagraph
# RDC art. 13(1): customs set « un délai raisonnable, qui ne dépasse pas 30 jours » for the information
# asked after acceptance, and « le délai pour arrêter la décision […] est prorogé de cette durée »: the
# extension is the period set, known at once, whatever time the answer takes.
MAX_INFORMATION_DAYS = 30
MAX_COMMISSION_DAYS = 365  # RDC art. 171: the examination extends the limit by one year at most
MAX_INVESTIGATION_MONTHS = 9  # RDC art. 13(3): « cette prorogation ne dépasse pas neuf mois »
DEFAULT_REPLY_DAYS = 30


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year: int) -> frozenset[date]:
    """French public holidays (the eleven days of the Labour Code, art. L3133-1)."""
    sunday = easter(year)
    return frozenset(
        {
            date(year, 1, 1),
            sunday + timedelta(days=1),  # lundi de Pâques
            date(year, 5, 1),
            date(year, 5, 8),
            sunday + timedelta(days=39),  # Ascension
            sunday + timedelta(days=50),  # lundi de Pentecôte
            date(year, 7, 14),
            date(year, 8, 15),
            date(year, 11, 1),
            date(year, 11, 11),
            date(year, 12, 25),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def period_end(event_day: date, days: int) -> date:
    """Last day of a period of ``days`` calendar days triggered on ``event_day``."""
    return next_working_day(event_day + timedelta(days=days))


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def investigation_days_left(first_day: date | None, used: int, today: date) -> int:
    """What is left of the nine months an investigation may add (counted from its first extension)."""
    start = first_day or today
    return max(0, (add_months(start, MAX_INVESTIGATION_MONTHS) - start).days - used)


def days_left(due: date, today: date) -> int:
    return (due - today).days


# --- the clock of one dossier -------------------------------------------------------------------


class Step(StrEnum):
    """What happened, as far as the time limits are concerned."""

    DEPOT = "depot"  # receipt of the application (or of the missing information before acceptance)
    COMPLEMENTS_DEMANDES = "complements_demandes"
    ACCEPTATION = "acceptation"
    INFORMATIONS_DEMANDEES = "informations_demandees"
    INFORMATIONS_RECUES = "informations_recues"
    PROLONGATION = "prolongation"  # customs cannot meet the limit (days given)
    ENQUETE = "enquete"  # investigation of a suspected infringement (days given, RDC art. 13(3))
    AJUSTEMENTS = "ajustements"  # agreed period for the applicant's adjustments (days given)
    EXAMEN_CE = "examen_ce"  # transmission to the Commission
    RETOUR_CE = "retour_ce"
    PROJET_DEFAVORABLE = "projet_defavorable"
    OBSERVATIONS = "observations"  # the operator's reply to the adverse draft decision
    DECISION = "decision"  # granted, refused, not accepted, withdrawn, closed


@dataclass(frozen=True)
class ClockEvent:
    day: date
    step: Step
    days: int = 0  # extension length, or the reply period set by customs


@dataclass(frozen=True)
class Extension:
    day: date
    days: int
    reason: str


@dataclass
class Clock:
    """The running time limit, as shown to both sides."""

    phase: str = ""  # « Acceptation de la demande », « Décision »…
    start: date | None = None
    due: date | None = None
    extensions: list[Extension] = field(default_factory=list)
    paused_since: date | None = None  # waiting for the missing information, or for the Commission
    paused_until: date | None = None  # the pause cannot last beyond (the Commission: one year)
    reply_due: date | None = None  # the operator's deadline for the open request
    reply_label: str = ""
    closed: bool = False

    def days_left(self, today: date) -> int | None:
        waiting = self.paused_since is not None and (self.paused_until is None or today <= self.paused_until)
        return days_left(self.due, today) if self.due and not waiting else None

    def overdue(self, today: date) -> bool:
        left = self.days_left(today)
        return left is not None and left < 0 and not self.closed


def decision_days(regime: Regime, several_member_states: bool) -> int:
    return MULTI_STATE_DECISION_DAYS if several_member_states else DECISION_DAYS[regime]


def compute_clock(events: list[ClockEvent], regime: Regime, several_member_states: bool) -> Clock:
    """Replay the dossier's events, oldest first, into the current time limit."""
    clock = Clock()
    decision_base: date | None = None
    extra = 0
    examining = False  # with the Commission: the limit is the one a silent year would give
    for event in sorted(events, key=lambda e: e.day):
        if event.step is Step.DEPOT:
            # Receipt, or receipt of the last missing information: the acceptance period starts again.
            clock.phase, clock.start = "Acceptation de la demande", event.day
            clock.due = period_end(event.day, ACCEPTANCE_DAYS)
            clock.reply_due, clock.reply_label, clock.paused_since = None, "", None
        elif event.step is Step.COMPLEMENTS_DEMANDES:
            # The acceptance period waits for the missing information, then starts again (DEPOT).
            clock.paused_since = event.day
            clock.reply_due = period_end(event.day, event.days or DEFAULT_REPLY_DAYS)
            clock.reply_label = "Réponse aux compléments demandés"
        elif event.step is Step.ACCEPTATION:
            decision_base, extra = event.day, 0
            clock.phase, clock.start = "Décision", event.day
            clock.extensions = []
            clock.due = period_end(event.day, decision_days(regime, several_member_states))
            clock.reply_due, clock.reply_label = None, ""
        elif event.step is Step.INFORMATIONS_DEMANDEES:
            period = min(event.days or DEFAULT_REPLY_DAYS, MAX_INFORMATION_DAYS)
            clock.reply_due = period_end(event.day, period)
            clock.reply_label = "Réponse aux informations demandées"
            clock.extensions.append(
                Extension(
                    event.day,
                    period,
                    "Délai fixé pour fournir les informations demandées (art. 13, paragraphe 1, RDC)",
                )
            )
            extra += period
        elif event.step is Step.INFORMATIONS_RECUES:
            clock.reply_due, clock.reply_label = None, ""
        elif event.step is Step.PROLONGATION:
            days = min(event.days, MAX_CUSTOMS_EXTENSION_DAYS)
            clock.extensions.append(
                Extension(
                    event.day, days, "Prolongation notifiée par le service (art. 22, paragraphe 3, CDU)"
                )
            )
            extra += days
        elif event.step is Step.ENQUETE:
            clock.extensions.append(
                Extension(
                    event.day,
                    event.days,
                    "Enquête sur une infraction présumée à la législation douanière (art. 13, paragraphe 3, RDC)",
                )
            )
            extra += event.days
        elif event.step is Step.AJUSTEMENTS:
            clock.extensions.append(
                Extension(
                    event.day, event.days, "Délai accordé pour les ajustements (art. 22, paragraphe 3, CDU)"
                )
            )
            extra += event.days
        elif event.step is Step.EXAMEN_CE:
            clock.paused_since, examining = event.day, True
            clock.paused_until = event.day + timedelta(days=MAX_COMMISSION_DAYS)
        elif event.step is Step.RETOUR_CE and clock.paused_since is not None:
            examining, clock.paused_until = False, None
            paused = min((event.day - clock.paused_since).days, MAX_COMMISSION_DAYS)
            clock.extensions.append(
                Extension(
                    event.day, paused, "Examen des conditions économiques par la Commission (art. 171 RDC)"
                )
            )
            extra += paused
            clock.paused_since = None
        elif event.step is Step.PROJET_DEFAVORABLE:
            clock.reply_due = period_end(event.day, RIGHT_TO_BE_HEARD_DAYS)
            clock.reply_label = "Droit d'être entendu : vos observations"
            clock.extensions.append(
                Extension(event.day, RTBH_EXTENSION_DAYS, "Droit d'être entendu (art. 22, paragraphe 6, CDU)")
            )
            extra += RTBH_EXTENSION_DAYS
        elif event.step is Step.OBSERVATIONS:
            clock.reply_due, clock.reply_label = None, ""
        elif event.step is Step.DECISION:
            clock.closed = True
            clock.reply_due, clock.reply_label, clock.paused_since, clock.paused_until = None, "", None, None
        if decision_base is not None and event.step is not Step.DECISION:
            waited = MAX_COMMISSION_DAYS if examining else 0
            clock.due = period_end(
                decision_base, decision_days(regime, several_member_states) + extra + waited
            )
    return clock
