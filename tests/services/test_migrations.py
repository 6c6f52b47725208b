"""Migrations: the models and the Alembic scripts describe the same schema, and upgrading a database
filled by an earlier release keeps every row it holds.

Each ``tests/releases/<revision>.json.gz`` was written by that release's own code (demo data, its
dossiers taken through their steps, forty drafts on top) with ``tests/releases/make_dump.py``; add one
when a release ships a migration."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, inspect, select, text

from soprano_app.cli import schema_drift

RELEASES = sorted((Path(__file__).parent.parent / "releases").glob("*.json.gz"))


def test_models_and_migrations_do_not_drift(database: None) -> None:
    drift = schema_drift()
    assert drift == [], f"Run `python -m soprano_app.cli makemigration ...`: {drift}"


def _typed(value: Any, python_type: type | None) -> Any:
    if value is None or python_type is None:
        return value
    if python_type is datetime:
        return datetime.fromisoformat(value)
    if python_type is date:
        return date.fromisoformat(value)
    if python_type is bytes:
        return bytes.fromhex(value)
    return value


def _python_type(column: Any) -> type | None:
    try:
        return column.type.python_type  # type: ignore[no-any-return]
    except NotImplementedError:
        return None


def _load(dump: dict[str, Any]) -> None:
    """The dump's rows, inserted as they were into a database at the dump's revision."""
    from soprano_app.db import get_engine

    engine = get_engine()
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            content = dump["tables"].get(table.name)
            if not content or not content["rows"]:
                continue
            types = {c.name: _python_type(c) for c in table.columns}
            rows = [
                {
                    name: _typed(value, types.get(name))
                    for name, value in zip(content["columns"], row, strict=True)
                }
                for row in content["rows"]
            ]
            connection.execute(table.insert(), rows)
            if engine.dialect.name == "postgresql" and "id" in table.columns:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), MAX(id)) FROM \"{table.name}\""
                    )
                )


def _plain(value: Any) -> Any:
    """Comparable whatever the database: aware date-times in UTC, naive ones taken as UTC."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return value


def _contents(columns: dict[str, list[str]]) -> dict[str, list[tuple[Any, ...]]]:
    """The given columns of the given tables, in primary-key order."""
    from soprano_app.db import get_engine

    engine = get_engine()
    metadata = MetaData()
    metadata.reflect(engine, only=list(columns))
    found = {}
    with engine.connect() as connection:
        for name, names in columns.items():
            table = metadata.tables[name]
            order = list(table.primary_key.columns) or [table.c[n] for n in names]
            query = select(*[table.c[n] for n in names]).order_by(*order)
            found[name] = [tuple(_plain(v) for v in row) for row in connection.execute(query)]
    return found


@pytest.mark.parametrize("dump_path", RELEASES, ids=[p.name.split(".")[0] for p in RELEASES])
def test_a_database_of_an_earlier_release_keeps_every_row(database: None, dump_path: Path) -> None:
    from alembic import command
    from soprano_app.cli import alembic_config
    from soprano_app.db import get_engine, session_scope
    from soprano_app.models import Attachment, AuthorisationVersion, ChainLink, Dossier, DossierEvent
    from soprano_app.services import integrity
    from tests.support import recreate_database, wipe_database

    with gzip.open(dump_path, "rt", encoding="utf-8") as source:
        dump = json.load(source)
    columns = {name: content["columns"] for name, content in dump["tables"].items()}
    try:
        wipe_database()
        command.upgrade(alembic_config(), dump["revision"])
        _load(dump)
        before = _contents(columns)
        assert (
            len(before["dossierevent"]) > 40
            and before["authorisationversion"]
            and len(before["dossier"]) > 40
        )
        command.upgrade(alembic_config(), "head")
        assert _contents(columns) == before  # nothing lost or changed
        assert set(inspect(get_engine()).get_table_names()) >= set(columns)
        from sqlmodel import func
        from sqlmodel import select as orm_select

        with session_scope() as db:  # the application reads what it holds
            assert db.exec(orm_select(func.count()).select_from(Dossier)).one() == len(before["dossier"])
            links = db.exec(orm_select(func.count()).select_from(ChainLink)).one()
            chained = sum(
                db.exec(orm_select(func.count()).select_from(model)).one()
                for model in (DossierEvent, Attachment, AuthorisationVersion)
            )
        assert links == chained  # the chain covers the history it found, or was built for it
        reports = integrity.verify_all()
        assert reports and all(r.intact for r in reports), [r.label for r in reports if not r.intact]
        _check_backfills(dump["revision"])
    finally:
        recreate_database()


def _check_backfills(revision: str) -> None:
    """What a migration computes for the rows it found (fe4e2b39efce: the applicant's due date, the
    notices of the decisions taken before notices were recorded), for the dumps older than it."""
    from alembic.script import ScriptDirectory

    from soprano_app.cli import alembic_config

    passed = ScriptDirectory.from_config(alembic_config()).iterate_revisions(revision, "base")
    if "fe4e2b39efce" in {r.revision for r in passed}:
        return  # that release recorded the notices as they happened
    from sqlmodel import col
    from sqlmodel import select as orm_select

    from soprano_app.db import session_scope
    from soprano_app.domain.notification import is_notified_decision
    from soprano_app.models import DecisionNotice, Dossier, DossierEvent

    with session_scope() as db:
        for dossier in db.exec(orm_select(Dossier)).all():
            assert dossier.echeance_demandeur == dossier.echeance, dossier.id
        decisions = [e for e in db.exec(orm_select(DossierEvent)).all() if is_notified_decision(e.action)]
        notices = {
            n.dossier_event_id: n
            for n in db.exec(
                orm_select(DecisionNotice).where(col(DecisionNotice.dossier_event_id).is_not(None))
            )
        }
    assert decisions, revision
    for event in decisions:
        notice = notices[event.id]
        assert notice.means == "reprise" and _plain(notice.notified_at) == _plain(event.occurred_at)
