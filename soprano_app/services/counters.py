"""Gap-free named counters, safe under concurrent submissions (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session


def next_value(db: Session, name: str) -> int:
    """Increment and return the counter ``name`` inside the caller's transaction."""
    db.execute(
        text("INSERT INTO counter (name, value) VALUES (:name, 0) ON CONFLICT (name) DO NOTHING"),
        {"name": name},
    )
    value = db.execute(
        text("UPDATE counter SET value = value + 1 WHERE name = :name RETURNING value"),
        {"name": name},
    ).scalar_one()
    return int(value)
