"""French display of dates and numbers (Europe/Paris time, JJ/MM/AAAA)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def to_paris(moment: datetime) -> datetime:
    return moment.astimezone(PARIS)


def format_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def format_datetime(moment: datetime | None) -> str:
    return to_paris(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def format_time(moment: datetime | None) -> str:
    return to_paris(moment).strftime("%H:%M") if moment else ""


def paris_today(now: datetime) -> date:
    return to_paris(now).date()
