"""Login throttling: 5 failed attempts in a row lock the identifier for 15 minutes.

The counter is kept per login identifier, whether or not an account exists for it, so that the
answer never tells an attacker which e-mail addresses have an account. Each attempt is counted
*before* its password is checked (``reserve_attempt``, atomic in the service), so that parallel
attempts cannot check more than 5 passwords; a success wipes the count.

A second limit applies per source address (``SOPRANO_LOGIN_LIMITS_PER_SOURCE``, by default
10 failures in 10 minutes and 30 a day): one machine cannot lock account after account, since its
failures beyond the limit are refused before any account is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

MAX_FAILURES = 5
LOCK_DURATION = timedelta(minutes=15)


@dataclass(frozen=True)
class Throttle:
    failures: int = 0
    locked_until: datetime | None = None


def is_locked(throttle: Throttle, now: datetime) -> bool:
    return throttle.locked_until is not None and now < throttle.locked_until


def after_failure(throttle: Throttle, now: datetime) -> Throttle:
    """Count a failure; the fifth one in a row locks. An expired lock starts a fresh count."""
    failures = 0 if _lock_expired(throttle, now) else throttle.failures
    failures += 1
    if failures >= MAX_FAILURES:
        return Throttle(failures=failures, locked_until=now + LOCK_DURATION)
    return replace(throttle, failures=failures, locked_until=None)


def reserve_attempt(throttle: Throttle, now: datetime) -> Throttle | None:
    """The count with this attempt in it, or None when the identifier is locked (no check at all)."""
    if is_locked(throttle, now):
        return None
    return after_failure(throttle, now)


def just_locked(throttle: Throttle) -> bool:
    """This attempt is the one that locked the identifier (to tell the account holder once)."""
    return throttle.failures == MAX_FAILURES and throttle.locked_until is not None


def lock_minutes_left(throttle: Throttle, now: datetime) -> int:
    """Whole minutes left, rounded up, for the message « réessayez dans N minutes »."""
    if not is_locked(throttle, now):
        return 0
    assert throttle.locked_until is not None
    seconds = (throttle.locked_until - now).total_seconds()
    return max(1, int(-(-seconds // 60)))


def _lock_expired(throttle: Throttle, now: datetime) -> bool:
    return throttle.locked_until is not None and now >= throttle.locked_until


LOGIN_FAILED_MESSAGE = "Identifiant ou mot de passe incorrect."


def locked_message(minutes: int) -> str:
    plural = "s" if minutes > 1 else ""
    return (
        "Trop de tentatives infructueuses : le compte est verrouillé pendant 15 minutes. "
        f"Réessayez dans {minutes} minute{plural}."
    )


SOURCE_THROTTLED_MESSAGE = (
    "Trop de tentatives infructueuses depuis votre poste ou votre réseau : réessayez plus tard. "
    "Si vous avez oublié votre mot de passe, contactez l'administrateur."
)
