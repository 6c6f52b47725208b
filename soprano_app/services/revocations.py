"""Editing rights cached per tab, and their invalidation across processes (also used by the lists'
cached counts: ``dossiers_of``).

A keystroke in the form must not wait for the database. The full check (session alive, acts for the
company, company role, the dossier still editable) runs when the form opens, at every autosave and at
submission; in between, the tab keeps an ``EditGrant``: valid for ``GRANT_SECONDS`` at most (never
beyond the session's idle expiry), and only while none of its subjects has been revoked.

A revocation names subjects — a session, a user, a company, a dossier, or everything — and is
announced after the commit that made it (logout, company switch, end of a mandate, a role change, a
deactivation, a status change, the time machine). It reaches:
  * this process at once (counters in memory);
  * the other workers through Redis pub/sub when ``REFLEX_REDIS_URL`` is set;
  * without Redis, a single web worker hears the other processes (scheduler, command line) through
    a stamp file in the data directory whose change invalidates every grant.
A grant is trusted only by the process that issued it, and, with Redis, only while this process is
subscribed (a lost subscription may have missed messages: every grant is then refused until the
subscription is back, and grants from before it are void).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from .. import app_clock
from ..settings import settings

logger = logging.getLogger(__name__)

GRANT_SECONDS = 30.0
CHANNEL = "soprano:revocations"
WORKER_ID = uuid.uuid4().hex  # a grant is only trusted by the process that issued it

Subject = tuple[str, str]  # ("session", token digest) | ("user", id) | ("company", id) | ("dossier", id)
EVERYTHING: Subject = ("all", "")

_lock = threading.Lock()
_counters: dict[Subject, int] = {}
_serving = False  # True in a web worker (``serve``): it listens rather than stamps
_subscribed = False  # with Redis: the listener is subscribed (no message can have been missed since)
_subscription = 0  # bumped at each (re)subscription: grants from an earlier one are void
_sequence = 0  # bumped at every announcement heard, whatever its subjects (``mark``)


def session(digest: str) -> Subject:
    return ("session", digest)


def user(user_id: int) -> Subject:
    return ("user", str(user_id))


def company(company_id: int) -> Subject:
    return ("company", str(company_id))


def dossier(dossier_id: int) -> Subject:
    return ("dossier", str(dossier_id))


def dossiers_of(scope: str) -> Subject:
    """The dossiers of a scope (``access.scope_key``) changed: a list's cached counts are stale."""
    return ("dossiers", scope)


def version(subject: Subject) -> tuple[int, int, int, int]:
    """What a cache keyed on ``subject`` compares to know it is still fresh (same rules as grants)."""
    counters = _snapshot((subject,))
    return counters[0], counters[1], _subscription, _stamp() if not _redis_url() else 0


def fresh(subject: Subject, seen: tuple[int, int, int, int]) -> bool:
    if _redis_url() and not _subscribed:
        return False
    return version(subject) == seen


@dataclass(frozen=True)
class EditGrant:
    subjects: tuple[Subject, ...]
    counters: tuple[int, ...]
    expires_at: float  # real epoch seconds
    worker: str
    subscription: int
    stamp: int  # the stamp file's mtime_ns when issued (no Redis)


def _redis_url() -> str:
    return os.environ.get("REFLEX_REDIS_URL", "").strip()


def _stamp_path() -> Path:
    return settings.data_dir / "revocations.stamp"


def _stamp() -> int:
    try:
        return int(_stamp_path().stat().st_mtime_ns)
    except OSError:
        return 0


def _snapshot(subjects: tuple[Subject, ...]) -> tuple[int, ...]:
    return tuple(_counters.get(s, 0) for s in (*subjects, EVERYTHING))


def begin(subjects: tuple[Subject, ...]) -> tuple[tuple[int, ...], int, int]:
    """Taken *before* the full check: a revocation that lands during the check voids the grant."""
    return _snapshot(subjects), _subscription, _stamp() if not _redis_url() else 0


def grant(
    subjects: tuple[Subject, ...], taken: tuple[tuple[int, ...], int, int], session_expires_at: float
) -> EditGrant | None:
    """A grant after a successful full check, or None when caching is not safe right now."""
    if _redis_url() and not _subscribed:
        return None
    counters, subscription, stamp = taken
    expires = min(app_clock.real_epoch() + GRANT_SECONDS, session_expires_at)
    return EditGrant(subjects, counters, expires, WORKER_ID, subscription, stamp)


def mark() -> tuple[int, int, int]:
    """Where the announcements stand (any subject): taken before a full check made for other reasons
    (the form's load), so that ``grant_since`` can trust that check if nothing was revoked since."""
    return _sequence, _subscription, _stamp() if not _redis_url() else 0


def grant_since(
    since: tuple[int, int, int], subjects: tuple[Subject, ...], session_expires_at: float
) -> EditGrant | None:
    """A grant from a full check that started at ``since``, if no revocation at all came since."""
    if mark() != since:
        return None
    return grant(subjects, begin(subjects), session_expires_at)


def epoch_of(moment: datetime) -> float:
    """A stored time as epoch seconds (SQLite gives them back without their UTC zone)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def still_valid(grant: EditGrant | None) -> bool:
    """The cheap check of a keystroke: no database, no network."""
    if grant is None or grant.worker != WORKER_ID or app_clock.real_epoch() >= grant.expires_at:
        return False
    if _redis_url():
        if not _subscribed or grant.subscription != _subscription:
            return False
    elif grant.stamp != _stamp():
        return False
    return _snapshot(grant.subjects) == grant.counters


# --- announcing -------------------------------------------------------------------------------------


def _bump(subjects: list[Subject]) -> None:
    global _sequence
    with _lock:
        for subject in subjects:
            _counters[subject] = _counters.get(subject, 0) + 1
        _sequence += 1


def revoke(*subjects: Subject) -> None:
    """Announce now (after the commit). Never raises: a grant also expires by itself."""
    if not subjects:
        return
    _bump(list(subjects))
    url = _redis_url()
    try:
        if url:
            message = json.dumps({"from": WORKER_ID, "subjects": [list(s) for s in subjects]})
            _publisher(url).publish(CHANNEL, message)
        elif not _serving:
            path = _stamp_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
            os.utime(path)  # now
    except Exception:  # the grants of other processes expire within GRANT_SECONDS
        logger.exception("revocation not announced to the other processes")


def revoke_after_commit(db: OrmSession, *subjects: Subject) -> None:
    """Announce once the caller's transaction has committed (nothing if it rolls back): a tab that
    checks again in between must already see the change."""
    db.info.setdefault("revocations", set()).update(subjects)


@event.listens_for(OrmSession, "after_commit")
def _announce(db: OrmSession) -> None:
    subjects = db.info.pop("revocations", None)
    if subjects:
        revoke(*sorted(subjects))


@event.listens_for(OrmSession, "after_rollback")
def _drop(db: OrmSession) -> None:
    db.info.pop("revocations", None)


# --- Redis ---------------------------------------------------------------------------------------------

_publishers: dict[str, Any] = {}


def _publisher(url: str) -> Any:
    client = _publishers.get(url)
    if client is None:
        import redis

        client = _publishers[url] = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    return client


def serve() -> None:
    """Called once by each web worker: listen to the other processes' revocations."""
    global _serving
    if _serving:
        return
    _serving = True
    url = _redis_url()
    if url:
        threading.Thread(target=_listen, args=(url,), name="revocations", daemon=True).start()


def _listen(url: str) -> None:
    global _subscribed, _subscription
    import redis

    while True:
        try:
            client = redis.Redis.from_url(url, socket_connect_timeout=2, health_check_interval=10)
            pubsub = client.pubsub(ignore_subscribe_messages=False)  # type: ignore[no-untyped-call]
            pubsub.subscribe(CHANNEL)
            for message in pubsub.listen():
                if message["type"] == "subscribe":
                    with _lock:
                        _subscription += 1
                    _subscribed = True
                elif message["type"] == "message":
                    _receive(message["data"])
        except Exception:  # keep listening; grants are refused meanwhile
            logger.warning("revocations: Redis subscription lost, retrying", exc_info=True)
        _subscribed = False
        time.sleep(1.0)


def _receive(data: bytes | str) -> None:
    try:
        message = json.loads(data)
        if message.get("from") == WORKER_ID:
            return
        subjects = [(str(k), str(v)) for k, v in message["subjects"]][:1000]
    except (ValueError, KeyError, TypeError):
        return
    _bump(subjects)


def reset_for_tests() -> None:
    global _serving, _subscribed
    with _lock:
        _counters.clear()
    _serving = _subscribed = False
