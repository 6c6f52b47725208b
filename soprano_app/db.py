"""Database engine and sessions for the services, the CLI and the tests (no Reflex import)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import event, exc, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, create_engine

from .settings import settings

IDLE_IN_TRANSACTION_MS = 60_000  # no unit of work here waits a minute between two statements
MAX_ID = 2**63 - 1  # the largest id a database column holds (SQLite and PostgreSQL bigint)

# What a database that cannot be reached raises (server down, network cut, pool exhausted, disk
# locked): the callers that must survive an outage catch these, and only these.
DATABASE_DOWN: tuple[type[Exception], ...] = (
    exc.OperationalError,
    exc.InterfaceError,
    exc.DisconnectionError,
    exc.TimeoutError,
    ConnectionError,
)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the dashboard read while a draft is being saved; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@cache
def get_engine(url: str | None = None) -> Engine:
    url = url or settings.database_url
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # A transaction left open without work (a bug, a killed thread) would hold its row locks until
    # the process dies, and every writer of those rows would wait for ever: PostgreSQL ends it.
    options = f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}"
    return create_engine(
        url, pool_pre_ping=True, pool_size=10, max_overflow=20, connect_args={"options": options}
    )


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on error."""
    with Session(get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def lock_row(db: OrmSession, table: type[Any], row_id: int) -> None:
    """Hold ``row_id`` of ``table`` until the transaction ends, so that a read-check-write on it
    (a quota, a status) cannot interleave with another one, on SQLite as on PostgreSQL.

    PostgreSQL locks the row (``SELECT … FOR UPDATE``). SQLite ignores FOR UPDATE and only starts
    a transaction at the first write: a no-op UPDATE takes its write lock now, and other writers
    wait for our commit (busy timeout) before they read.
    """
    name = table.__tablename__
    if db.get_bind().dialect.name == "sqlite":
        db.execute(text(f"UPDATE {name} SET id = id WHERE id = :id"), {"id": row_id})
    else:
        db.execute(text(f"SELECT id FROM {name} WHERE id = :id FOR UPDATE"), {"id": row_id})
