"""Helpers shared by the unit and end-to-end suites."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import cast

from sqlalchemy import Integer, delete, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from soprano_app import cli
from soprano_app.db import get_engine, session_scope
from soprano_app.settings import settings


def recreate_database() -> None:
    """Empty database at the latest migration. Refuses anything that is not a test database."""
    wipe_database()
    cli.migrate()


def wipe_database() -> None:
    """No table at all (not even Alembic's). Refuses anything that is not a test database."""
    url = make_url(settings.database_url)
    engine = get_engine()
    if url.get_backend_name() == "postgresql":
        if "test" not in (url.database or ""):
            raise RuntimeError(f"Refusing to wipe a non-test database: {url.database}")
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    else:
        with engine.begin() as connection:
            for table in reversed(SQLModel.metadata.sorted_tables):
                connection.execute(text(f'DROP TABLE IF EXISTS "{table.name}"'))
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


Snapshot = list[tuple[str, list[dict[str, object]]]]


def take_snapshot() -> Snapshot:
    """Every row of every table (the demo data as loaded once per test run)."""
    with get_engine().connect() as connection:
        return [
            (table.name, [dict(row) for row in connection.execute(table.select()).mappings()])
            for table in SQLModel.metadata.sorted_tables
        ]


def restore_snapshot(snapshot: Snapshot) -> None:
    """Empty every table and put the snapshot's rows back (much quicker than replaying the demo)."""
    empty_tables()
    tables = {t.name: t for t in SQLModel.metadata.sorted_tables}
    with get_engine().begin() as connection:
        for name, rows in snapshot:
            if rows:
                connection.execute(tables[name].insert(), rows)
        if connection.dialect.name == "postgresql":  # the next ids follow the restored ones
            for name, _rows in snapshot:
                if "id" in tables[name].c and isinstance(tables[name].c.id.type, Integer):
                    connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                            f'COALESCE((SELECT MAX(id) FROM "{name}"), 0) + 1, false)'
                        )
                    )


def empty_tables() -> None:
    with session_scope() as db:
        for table in reversed(SQLModel.metadata.sorted_tables):
            db.execute(delete(table))


@dataclass
class Mailbox:
    """The messages an SMTP sink received, as parsed e-mails."""

    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    def wait_for(self, address: str, subject_part: str, timeout: float = 10) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.to(address):
                if subject_part in str(message["Subject"]):
                    return message
            time.sleep(0.1)
        subjects = [f"{m['To']}: {m['Subject']}" for m in self.messages]
        raise AssertionError(f"No e-mail to {address} about « {subject_part} »; received: {subjects}")


@contextmanager
def smtp_sink() -> Iterator[Mailbox]:
    """A local SMTP server (aiosmtpd) that keeps what it receives, for the notification tests."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox("127.0.0.1", 0)

    class Keep:
        async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
            mailbox.messages.append(
                cast(EmailMessage, BytesParser(policy=policy.default).parsebytes(envelope.content))
            )
            return "250 OK"

    with socket.socket() as probe:  # aiosmtpd needs a fixed port to check that it started
        probe.bind(("127.0.0.1", 0))
        mailbox.port = probe.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


@contextmanager
def database_down() -> Iterator[None]:
    """Every new database session of the services fails to connect, as when the server is down:
    a real connection attempt to a port where nothing listens (OperationalError)."""
    from unittest import mock

    from sqlmodel import create_engine

    from soprano_app import db

    dead = create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:9/absent", connect_args={"connect_timeout": 1}
    )
    with mock.patch.object(db, "get_engine", lambda url=None: dead):
        yield
    dead.dispose()
