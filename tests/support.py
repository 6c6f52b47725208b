"""Helpers shared by the unit and end-to-end suites."""

from __future__ import annotations

from sqlalchemy import delete, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from soprano_app import cli
from soprano_app.db import get_engine, session_scope
from soprano_app.settings import settings


def recreate_database() -> None:
    """Empty database at the latest migration. Refuses anything that is not a test database."""
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
    cli.migrate()


def empty_tables() -> None:
    with session_scope() as db:
        for table in reversed(SQLModel.metadata.sorted_tables):
            db.execute(delete(table))
