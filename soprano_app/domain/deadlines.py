"""What time does (spec §3.3 rows 6 and 18, §3.4, §3.6): which deadline is passed, which reminder is
due, on which legal date an effect takes place. Pure functions of dates; the scheduler's jobs
(``services/deadlines.py``) read the records and apply them.

An effect is dated on the legal date, not on the day the scheduler happened to run: a period whose
last day is D has its consequence at the first moment of D + 1 (Paris time), even if the scheduler
was stopped then and catches up later.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta

from .clock import add_months, is_working_day
from .formatting import PARIS

# Reminders (days before the deadline; each is sent once).
AUTHORISATION_REMINDER_DAYS = (90, 60, 30)  # to the holder, before the end of validity
REPLY_REMINDER_DAYS = (7, 2)  # to the operator, before the end of a reply period
CUSTOMS_REMINDER_WORKING_DAYS = 5  # to customs, before the acceptance and decision deadlines
# Drafts nobody touches (spec §3.2 A): a reminder at 11 months, « sans suite » at 12.
DRAFT_REMINDER_MONTHS = 11
DRAFT_ABANDONED_MONTHS = 12


def effect_moment(last_day: date) -> datetime:
    """The first moment after a period whose last day is ``last_day`` (aware, Paris midnight)."""
    return datetime.combine(last_day + timedelta(days=1), time(0, 0), tzinfo=PARIS)


def passed(last_day: date | None, today: date) -> bool:
    """Is the period over (its last day is before today)?"""
    return last_day is not None and last_day < today


def reminder_due(
    deadline: date | None, today: date, thresholds: tuple[int, ...], sent: Collection[int]
) -> int | None:
    """The reminder to send today, as its threshold in days before ``deadline``, or None.

    One per threshold; a deadline first seen inside several thresholds (the scheduler was down, the
    record is new) gets only the nearest; none once the deadline has passed."""
    if deadline is None or deadline < today:
        return None
    left = (deadline - today).days
    reached = [days for days in thresholds if left <= days]
    if not reached:
        return None
    nearest = min(reached)
    return None if nearest in sent else nearest


def working_days_before(day: date, count: int) -> date:
    """The date ``count`` working days before ``day`` (weekends and French public holidays skipped)."""
    current = day
    left = count
    while left > 0:
        current -= timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current


def customs_reminder_due(deadline: date | None, today: date) -> bool:
    """Customs are reminded from 5 working days before a deadline until it passes."""
    if deadline is None or deadline < today:
        return False
    return today >= working_days_before(deadline, CUSTOMS_REMINDER_WORKING_DAYS)


def draft_reminder_day(last_change: date) -> date:
    return add_months(last_change, DRAFT_REMINDER_MONTHS)


def draft_abandoned_day(last_change: date) -> date:
    """The day an untouched draft is classed « sans suite »."""
    return add_months(last_change, DRAFT_ABANDONED_MONTHS)
