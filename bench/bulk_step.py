"""A bulk step of the customs queue: « Accepter la demande » on 200 dossiers at once.

Fills a scratch database (a temporary SQLite file, or SOPRANO_DATABASE_URL: it is emptied) with the
demo data plus generated applications in every status, then times, in-process:
  * one acceptance taken alone (``workflow.perform``), as the dossier page does;
  * ``bulk.bulk_step`` on ``--size`` DEPOSEE dossiers of the service (each one checked, locked,
    written with its history entry and notification as if taken alone);
  * ``bulk.bulk_follow`` (« Prendre en charge ») on the same dossiers.

    python -m bench.bulk_step --size 200
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--dossiers", type=int, default=20_000)
    args = parser.parse_args()
    if not os.environ.get("SOPRANO_DATABASE_URL"):
        os.environ["SOPRANO_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    os.environ.setdefault("SOPRANO_STORAGE_DIR", tempfile.mkdtemp())
    os.environ.setdefault("SOPRANO_DATA_DIR", tempfile.mkdtemp())

    from sqlmodel import col, select

    from bench.scheduler_scale import _fill
    from soprano_app import app_clock, cli
    from soprano_app.db import get_engine, session_scope
    from soprano_app.domain.assignment import Move
    from soprano_app.domain.workflow import Action
    from soprano_app.models import Dossier
    from soprano_app.services import auth, bulk, workflow
    from soprano_app.services.demo import DEMO_PASSWORD, reset_demo_data

    cli.migrate()
    reset_demo_data()
    _fill(args.dossiers, 0, app_clock.today())
    token = auth.authenticate("agent@demo.fr", DEMO_PASSWORD).token
    assert token is not None
    agent = auth.resolve_session(token)
    assert agent is not None
    with session_scope() as db:
        ids = list(
            db.exec(
                select(Dossier.id)
                .where(Dossier.service_id == agent.service_id)
                .where(Dossier.statut == "DEPOSEE")
                .order_by(col(Dossier.id))
                .limit(args.size + 1)
            ).all()
        )
    assert len(ids) == args.size + 1, "not enough DEPOSEE dossiers: raise --dossiers"
    print(f"database: {get_engine().url.get_backend_name()}, {args.dossiers:,} generated dossiers")

    started = time.perf_counter()
    workflow.perform(agent, ids[0], Action.ACCEPTER)
    single = (time.perf_counter() - started) * 1000
    print(f"one acceptance alone                 {single:8.1f} ms")

    started = time.perf_counter()
    results = bulk.bulk_step(agent, [i for i in ids[1:] if i is not None], Action.ACCEPTER)
    elapsed = time.perf_counter() - started
    done = sum(r.done for r in results)
    print(
        f"bulk acceptance of {len(results)} dossiers      {elapsed * 1000:8.1f} ms  "
        f"({elapsed * 1000 / len(results):.1f} ms per dossier, {done} done)"
    )
    started = time.perf_counter()
    taken = bulk.bulk_follow(agent, [i for i in ids[1:] if i is not None], Move.TAKE)
    elapsed = time.perf_counter() - started
    print(
        f"bulk « Prendre en charge » of {len(taken)}     {elapsed * 1000:8.1f} ms  "
        f"({elapsed * 1000 / len(taken):.1f} ms per dossier, {sum(r.done for r in taken)} done)"
    )


if __name__ == "__main__":
    main()
