"""At most one scheduler pass at a time, whatever the number of processes (several web workers, a
restart overlapping the old process, an administrator's « Lancer maintenant »).

PostgreSQL: a session-level advisory lock, held on its own connection for the whole pass.
SQLite (one machine): an exclusive ``flock`` on a file beside the database's other server files.
Either way the lock is non-blocking: a second pass that finds it taken does nothing, and says so.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from ..db import get_engine
from ..settings import settings

ADVISORY_KEY = 7_726_040_001  # any constant: « the scheduler's pass »


@contextmanager
def exclusive() -> Iterator[bool]:
    """Yields True when this process holds the lock, False when another pass is running."""
    engine = get_engine()
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            held = bool(
                connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar()
            )
            connection.commit()  # the lock belongs to the session: no transaction left open meanwhile
            try:
                yield held
            finally:
                if held:
                    connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                connection.commit()
        return
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(settings.data_dir / "scheduler.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
