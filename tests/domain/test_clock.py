"""Legal time limits (spec §3.4), on hand-computed dates."""

from datetime import date

import pytest

from soprano_app.domain.clock import (
    ClockEvent,
    Step,
    compute_clock,
    easter,
    is_working_day,
    period_end,
    public_holidays,
)
from soprano_app.domain.regimes import Regime

D = date


@pytest.mark.parametrize(
    ("year", "sunday"),
    [(2024, D(2024, 3, 31)), (2026, D(2026, 4, 5)), (2027, D(2027, 3, 28)), (2028, D(2028, 4, 16))],
)
def test_easter(year: int, sunday: date) -> None:
    assert easter(year) == sunday


def test_french_public_holidays_2027() -> None:
    holidays = public_holidays(2027)
    assert len(holidays) == 11
    assert {D(2027, 3, 29), D(2027, 5, 6), D(2027, 5, 17), D(2027, 7, 14), D(2027, 12, 25)} <= holidays
    assert not is_working_day(D(2027, 5, 6)) and is_working_day(D(2027, 5, 7))


@pytest.mark.parametrize(
    ("event", "days", "end", "why"),
    [
        (D(2026, 11, 2), 30, D(2026, 12, 2), "an ordinary Wednesday"),
        (D(2026, 11, 27), 30, D(2026, 12, 28), "27 December 2026 is a Sunday"),
        (D(2026, 11, 25), 30, D(2026, 12, 28), "25 December is a holiday, then the weekend"),
        (D(2027, 1, 31), 30, D(2027, 3, 2), "month end, February of a common year"),
        (D(2028, 1, 31), 30, D(2028, 3, 1), "leap year: 29 February counts"),
        (D(2027, 2, 27), 30, D(2027, 3, 30), "ends on Easter Monday"),
        (D(2027, 4, 6), 30, D(2027, 5, 7), "ends on Ascension Day"),
        (D(2027, 4, 8), 30, D(2027, 5, 10), "ends on Saturday 8 May (a holiday too)"),
    ],
)
def test_period_end(event: date, days: int, end: date, why: str) -> None:
    assert period_end(event, days) == end, why


def clock(regime: Regime, *events: ClockEvent, several: bool = False):  # type: ignore[no-untyped-def]
    return compute_clock(list(events), regime, several)


def test_acceptance_then_decision_by_regime() -> None:
    received = ClockEvent(D(2027, 1, 4), Step.DEPOT)
    c = clock(Regime.PA, received)
    assert (c.phase, c.due) == ("Acceptation de la demande", D(2027, 2, 3))
    accepted = ClockEvent(D(2027, 1, 20), Step.ACCEPTATION)
    assert clock(Regime.PA, received, accepted).due == D(2027, 2, 19)  # 30 days
    assert clock(Regime.ED, received, accepted).due == D(2027, 3, 22)  # 60 days: 21 March is a Sunday
    assert clock(Regime.AT, received, accepted, several=True).due == D(2027, 5, 20)  # 120 days


def test_missing_information_restarts_the_acceptance_period() -> None:
    c = clock(
        Regime.AT,
        ClockEvent(D(2027, 1, 4), Step.DEPOT),
        ClockEvent(D(2027, 1, 10), Step.COMPLEMENTS_DEMANDES, 15),
    )
    assert c.reply_due == D(2027, 1, 25) and c.reply_label.startswith("Réponse aux compléments")
    assert c.paused_since == D(2027, 1, 10) and c.days_left(D(2027, 1, 12)) is None
    c = clock(
        Regime.AT,
        ClockEvent(D(2027, 1, 4), Step.DEPOT),
        ClockEvent(D(2027, 1, 10), Step.COMPLEMENTS_DEMANDES, 15),
        ClockEvent(D(2027, 1, 20), Step.DEPOT),
    )
    assert (c.start, c.due, c.reply_due, c.paused_since) == (D(2027, 1, 20), D(2027, 2, 19), None, None)


def test_information_after_acceptance_extends_by_the_period_set() -> None:
    """RDC art. 13(1): the decision limit « est prorogé de cette durée », the period customs set
    (30 days at most), known at once and whatever time the answer takes."""
    base = [ClockEvent(D(2027, 1, 4), Step.DEPOT), ClockEvent(D(2027, 1, 6), Step.ACCEPTATION)]
    waiting = clock(Regime.PA, *base, ClockEvent(D(2027, 1, 10), Step.INFORMATIONS_DEMANDEES, 15))
    assert waiting.reply_due == D(2027, 1, 25) and waiting.paused_since is None
    assert waiting.due == D(2027, 2, 22)  # 5 Feb + 15 days = 20 Feb, a Saturday
    assert waiting.days_left(D(2027, 1, 12)) == 41
    answered_early = clock(
        Regime.PA,
        *base,
        ClockEvent(D(2027, 1, 10), Step.INFORMATIONS_DEMANDEES, 15),
        ClockEvent(D(2027, 1, 12), Step.INFORMATIONS_RECUES),
    )
    assert answered_early.due == waiting.due and answered_early.reply_due is None
    capped = clock(Regime.PA, *base, ClockEvent(D(2027, 1, 10), Step.INFORMATIONS_DEMANDEES, 45))
    assert capped.extensions[-1].days == 30 and capped.due == D(2027, 3, 8)  # 7 March is a Sunday


def test_the_commission_extends_by_one_year_at_most() -> None:
    base = [ClockEvent(D(2027, 1, 4), Step.DEPOT), ClockEvent(D(2027, 1, 6), Step.ACCEPTATION)]
    sent = clock(Regime.PA, *base, ClockEvent(D(2027, 1, 20), Step.EXAMEN_CE))
    assert sent.paused_since == D(2027, 1, 20) and sent.days_left(D(2027, 6, 1)) is None
    assert sent.paused_until == D(2028, 1, 20)
    assert sent.due == D(2028, 2, 7) and sent.days_left(D(2028, 1, 21)) == 17  # silent a year: it runs
    back = clock(
        Regime.PA,
        *base,
        ClockEvent(D(2027, 1, 20), Step.EXAMEN_CE),
        ClockEvent(D(2027, 3, 1), Step.RETOUR_CE),
    )
    assert back.extensions[-1].days == 40 and back.due == D(2027, 3, 17)
    late = clock(
        Regime.PA,
        *base,
        ClockEvent(D(2027, 1, 20), Step.EXAMEN_CE),
        ClockEvent(D(2028, 6, 1), Step.RETOUR_CE),
    )
    assert late.extensions[-1].days == 365


def test_extension_and_right_to_be_heard() -> None:
    base = [ClockEvent(D(2027, 1, 4), Step.DEPOT), ClockEvent(D(2027, 1, 6), Step.ACCEPTATION)]
    extended = clock(Regime.PA, *base, ClockEvent(D(2027, 2, 1), Step.PROLONGATION, 45))
    assert extended.extensions[0].days == 30 and extended.due == D(2027, 3, 8)  # capped at 30 days
    heard = clock(Regime.PA, *base, ClockEvent(D(2027, 1, 25), Step.PROJET_DEFAVORABLE))
    assert heard.reply_due == D(2027, 2, 24) and heard.due == D(2027, 3, 8)
    replied = clock(
        Regime.PA,
        *base,
        ClockEvent(D(2027, 1, 25), Step.PROJET_DEFAVORABLE),
        ClockEvent(D(2027, 2, 2), Step.OBSERVATIONS),
    )
    assert replied.reply_due is None and replied.due == D(2027, 3, 8)


def test_overdue_and_closed() -> None:
    c = clock(Regime.AT, ClockEvent(D(2027, 1, 4), Step.DEPOT))
    assert c.days_left(D(2027, 2, 1)) == 2 and not c.overdue(D(2027, 2, 1))
    assert c.overdue(D(2027, 2, 4))
    done = clock(Regime.AT, ClockEvent(D(2027, 1, 4), Step.DEPOT), ClockEvent(D(2027, 1, 10), Step.DECISION))
    assert done.closed and not done.overdue(D(2027, 6, 1))


def test_effects_reminders_and_working_days_of_the_scheduler() -> None:
    from datetime import UTC, datetime

    from soprano_app.domain import deadlines as rules

    # A period whose last day is 31/12/2026 acts at 01/01/2027 00:00 Paris (23:00 UTC the day before).
    assert rules.effect_moment(date(2026, 12, 31)).astimezone(UTC) == datetime(
        2026, 12, 31, 23, 0, tzinfo=UTC
    )
    assert rules.passed(date(2026, 12, 31), date(2027, 1, 1)) and not rules.passed(
        date(2026, 12, 31), date(2026, 12, 31)
    )
    end = date(2027, 6, 30)
    assert rules.reminder_due(end, date(2027, 3, 1), (90, 60, 30), set()) is None  # 121 days left
    assert rules.reminder_due(end, date(2027, 4, 1), (90, 60, 30), set()) == 90
    assert rules.reminder_due(end, date(2027, 4, 2), (90, 60, 30), {90}) is None
    assert (
        rules.reminder_due(end, date(2027, 6, 15), (90, 60, 30), set()) == 30
    )  # seen late: the nearest only
    assert rules.reminder_due(end, date(2027, 7, 1), (90, 60, 30), set()) is None  # over
    # Five working days before Monday 04/01/2027 skip the weekend, New Year's Day and Christmas.
    assert rules.working_days_before(date(2027, 1, 4), 5) == date(2026, 12, 24)
    assert rules.customs_reminder_due(date(2027, 1, 4), date(2026, 12, 24))
    assert not rules.customs_reminder_due(date(2027, 1, 4), date(2026, 12, 23))
    assert rules.draft_abandoned_day(date(2026, 1, 31)) == date(2027, 1, 31)
    assert rules.draft_reminder_day(date(2026, 1, 31)) == date(2026, 12, 31)


def test_an_investigation_extends_by_nine_months_at_most() -> None:
    from soprano_app.domain.clock import investigation_days_left

    base = [ClockEvent(D(2027, 1, 4), Step.DEPOT), ClockEvent(D(2027, 1, 6), Step.ACCEPTATION)]
    longer = clock(Regime.PA, *base, ClockEvent(D(2027, 1, 20), Step.ENQUETE, 90))
    assert longer.extensions[-1].days == 90 and longer.due == D(2027, 5, 7)  # 6 May 2027: Ascension
    assert investigation_days_left(None, 0, D(2027, 1, 20)) == 273  # 20 Jan → 20 Oct 2027
    assert investigation_days_left(D(2027, 1, 20), 200, D(2027, 3, 1)) == 73
    assert investigation_days_left(D(2027, 1, 20), 300, D(2027, 3, 1)) == 0
