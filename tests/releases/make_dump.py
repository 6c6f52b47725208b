"""Fill a database with a release of the application, then dump every row to a JSON file.

Run it from a checkout of that release (``git worktree add /tmp/release <commit>``), so that the
rows are written by that release's own code, with the schema of its last migration:

    cd /tmp/release && SOPRANO_DATABASE_URL=sqlite:////tmp/release.db SOPRANO_DATA_DIR=/tmp/release-data \\
        python /path/to/tests/releases/make_dump.py /path/to/tests/releases/<revision>.json.gz

``tests/services/test_migrations.py`` loads each dump at its revision, upgrades to the head and
checks that nothing was lost or changed. Only the standard library, SQLAlchemy and the release's
own services are used.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from datetime import date, datetime
from typing import Any

sys.path.insert(0, os.getcwd())  # the release's code, not this checkout's

from sqlalchemy import MetaData, select


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def _fill() -> None:
    from soprano_app import cli
    from soprano_app.services import auth, drafts
    from soprano_app.services.demo import load_demo_data

    cli.migrate()
    load_demo_data()
    token = auth.authenticate("operateur@demo.fr", "Demo-2026!").token
    ctx = auth.resolve_session(token or "")
    assert ctx is not None
    for n in range(40):  # what users add on top of the demo
        drafts.create_draft(
            ctx, ("AT", "DP", "PA", "PP", "ED")[n % 5], type_entrepot="CW1", variante_pa="IM_EX"
        )


def _dump(path: str) -> None:
    from soprano_app.db import get_engine

    engine = get_engine()
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
        tables = {}
        for table in metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows = connection.execute(select(table).order_by(*order)).all()
            tables[table.name] = {
                "columns": [c.name for c in table.columns],
                "rows": [[_plain(v) for v in row] for row in rows],
            }
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump({"revision": revision, "tables": tables}, out, ensure_ascii=False)
    print(f"{path}: revision {revision}, {sum(len(t['rows']) for t in tables.values())} rows")


if __name__ == "__main__":
    _fill()
    _dump(sys.argv[1])
