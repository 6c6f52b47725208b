"""Counts shown above the lists (per bucket, totals), kept briefly per scope.

Counting a service's or a company's dossiers grows with what it holds; the pages themselves are read
from the indexes (``dashboard``, ``authorisations``). So a count is kept for ``KEPT_SECONDS`` at most
and dropped as soon as one of the scope's dossiers comes, goes or changes status
(``access.changed_in_lists``): every worker hears of it (``revocations``), so the user who acted and
everyone else see the new figures at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from .. import app_clock
from . import revocations

T = TypeVar("T")

KEPT_SECONDS = 30.0
_MAX_ENTRIES = 5000

_lock = threading.Lock()
_kept: dict[tuple[str, str], tuple[float, tuple[int, int, int, int], object]] = {}


def cached(scope: str, key: str, count: Callable[[], T]) -> T:
    """``count()``'s result for (``scope``, ``key``), computed again when stale."""
    subject = revocations.dossiers_of(scope)
    now = app_clock.real_epoch()
    found = _kept.get((scope, key))
    if found and now - found[0] < KEPT_SECONDS and revocations.fresh(subject, found[1]):
        return found[2]  # type: ignore[return-value]
    seen = revocations.version(subject)  # before counting: a change meanwhile makes it stale
    value = count()
    with _lock:
        if len(_kept) >= _MAX_ENTRIES:
            _kept.clear()
        _kept[(scope, key)] = (now, seen, value)
    return value


def forget_all() -> None:
    with _lock:
        _kept.clear()
