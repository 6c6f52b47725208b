from datetime import UTC, datetime, timedelta

from soprano_app.domain import lockout
from soprano_app.domain.lockout import Throttle

T0 = datetime(2026, 3, 13, 9, 0, tzinfo=UTC)


NEW = Throttle()


def fail(times: int, start: Throttle = NEW, at: datetime = T0) -> Throttle:
    state = start
    for _ in range(times):
        state = lockout.after_failure(state, at)
    return state


def test_four_failures_do_not_lock() -> None:
    state = fail(4)
    assert not lockout.is_locked(state, T0)


def test_fifth_failure_locks_for_fifteen_minutes() -> None:
    state = fail(5)
    assert lockout.is_locked(state, T0)
    assert lockout.is_locked(state, T0 + timedelta(minutes=14, seconds=59))
    assert not lockout.is_locked(state, T0 + timedelta(minutes=15))
    assert lockout.lock_minutes_left(state, T0) == 15
    assert lockout.lock_minutes_left(state, T0 + timedelta(minutes=14, seconds=30)) == 1


def test_count_starts_again_after_the_lock_expires() -> None:
    locked = fail(5)
    later = T0 + timedelta(minutes=16)
    state = lockout.after_failure(locked, later)
    assert state.failures == 1
    assert not lockout.is_locked(state, later)


def test_messages_are_french_and_say_the_duration() -> None:
    assert lockout.LOGIN_FAILED_MESSAGE == "Identifiant ou mot de passe incorrect."
    assert "verrouillé pendant 15 minutes" in lockout.locked_message(15)
    assert lockout.locked_message(1).endswith("Réessayez dans 1 minute.")
    assert lockout.locked_message(3).endswith("Réessayez dans 3 minutes.")
