"""The application's clock: every date the app shows, compares or stores comes from here.

It is the real time, moved forward by the demo time machine (« Date simulée », demo instances only):
the offset lives in the database (``setting`` row ``simulated_offset_seconds``), so that the web
server, the scheduler and the command line share it. Time only moves forward; resetting the demo
data returns to the real date. In production the offset is always zero (``settings``).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from .domain.formatting import paris_today
from .settings import settings

OFFSET_KEY = "simulated_offset_seconds"
_REFRESH_SECONDS = 1.0  # the offset is read again at most once a second per process

_lock = threading.Lock()
_cached: tuple[float, float] = (-_REFRESH_SECONDS, 0.0)  # (monotonic time read, offset seconds)


def real_now() -> datetime:
    return datetime.now(UTC)


def real_epoch() -> float:
    """Real time in seconds since the epoch: short validities shared across processes (editing grants)."""
    return time.time()


def offset_seconds() -> float:
    """How far the demo time machine has moved the clock (0 outside demo mode)."""
    global _cached
    if not settings.demo_enabled:
        return 0.0
    read_at, offset = _cached
    if time.monotonic() - read_at < _REFRESH_SECONDS:
        return offset
    with _lock:
        offset = _read_offset()
        _cached = (time.monotonic(), offset)
    return offset


def _read_offset() -> float:
    from .db import get_engine  # the database module imports nothing of this one

    try:
        with get_engine().connect() as connection:
            value = connection.execute(
                text("SELECT value FROM setting WHERE key = :key"), {"key": OFFSET_KEY}
            ).scalar()
    except Exception:  # no table yet (before the migrations), or the database is down: real time
        return 0.0
    try:
        return max(0.0, float(value)) if value is not None else 0.0
    except ValueError:
        return 0.0


def now_utc() -> datetime:
    """Now, as the application sees it (aware, UTC)."""
    return real_now() + timedelta(seconds=offset_seconds())


def today() -> date:
    """Today in Paris, as the application sees it: the day that counts for the legal time limits."""
    return paris_today(now_utc())


def is_simulated() -> bool:
    return offset_seconds() > 0


def forget_cached_offset() -> None:
    """The next reading goes to the database (after the time machine moved, or in tests)."""
    global _cached
    _cached = (-_REFRESH_SECONDS, 0.0)
