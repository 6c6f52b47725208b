"""The lists at volume: do the customs queue (with its filters and company search), the operator
dashboard and the authorisations lists stay flat when the database grows from 20,000 to 100,000
dossiers?

Fills a scratch database (a temporary SQLite file, or SOPRANO_DATABASE_URL: it is emptied) with the
demo data plus ``--dossiers`` / 5 applications in every status and as many authorisations / 5, times
what each list page calls (in-process, no browser), then grows the same database to ``--dossiers``
and times again: the ratio is printed per call.

    python -m bench.queue_scale --dossiers 100000 --authorisations 20000
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable


def _timed(call: Callable[[], object], repeat: int) -> tuple[float, float]:
    call()  # warm caches (connection pool, statistics)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def _timed_all(calls: dict[str, Callable[[], object]], repeat: int) -> dict[str, tuple[float, float]]:
    timings = {}
    for label, call in calls.items():
        timings[label] = _timed(call, repeat)
        print(f"  {label:<52} p50 {timings[label][0]:8.2f} ms", flush=True)
    return timings


def _calls() -> dict[str, Callable[[], object]]:
    from soprano_app.domain.statuses import Bucket
    from soprano_app.services import auth, authorisations, dashboard
    from soprano_app.services.demo import DEMO_PASSWORD

    def session(email: str) -> auth.SessionContext:
        token = auth.authenticate(email, DEMO_PASSWORD).token
        assert token is not None
        ctx = auth.resolve_session(token)
        assert ctx is not None
        return ctx

    agent, operator = session("agent@demo.fr"), session("operateur@demo.fr")
    both = [Bucket.A_TRAITER, Bucket.EN_ATTENTE]
    return {
        "customs queue, page 1 by due date": lambda: dashboard.list_dossiers(agent, both),
        "customs queue, page 50": lambda: dashboard.list_dossiers(agent, both, page=50),
        "customs queue, number prefix « RP-2025-00012 »": lambda: dashboard.list_dossiers(
            agent, both, search="RP-2025-00012"
        ),
        "customs queue, part of a number « 0012 »": lambda: dashboard.list_dossiers(
            agent, both, search="0012"
        ),
        "customs queue, régime PA": lambda: dashboard.list_dossiers(agent, both, regime="PA"),
        "customs queue, past due date": lambda: dashboard.list_dossiers(agent, both, overdue=True),
        "customs queue, « Mes dossiers »": lambda: dashboard.list_dossiers(agent, both, follow="moi"),
        "customs queue, company name « durand »": lambda: dashboard.list_dossiers(
            agent, both, search="durand"
        ),
        "customs queue, SIRET": lambda: dashboard.list_dossiers(agent, both, search="90012345600015"),
        "customs queue, a saved view's count (PA, past due)": lambda: dashboard.count_in_view(
            agent, dashboard.ListFilter(tuple(both), regime="PA", overdue=True)
        ),
        "operator dashboard, page 1": lambda: dashboard.list_dossiers(operator, both),
        "operator dashboard, every bucket": lambda: dashboard.list_dossiers(operator, list(Bucket)),
        "authorisations, customs, page 1": lambda: authorisations.list_authorisations(agent),
        "authorisations, holder, page 1": lambda: authorisations.list_authorisations(operator),
        "authorisations, ending within 90 days": lambda: authorisations.list_authorisations(
            agent, expiring=True
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--authorisations", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if not os.environ.get("SOPRANO_DATABASE_URL"):
        os.environ["SOPRANO_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    os.environ.setdefault("SOPRANO_STORAGE_DIR", tempfile.mkdtemp())
    os.environ.setdefault("SOPRANO_DATA_DIR", tempfile.mkdtemp())

    from bench.scheduler_scale import _fill
    from soprano_app import app_clock, cli
    from soprano_app.db import get_engine
    from soprano_app.services.demo import reset_demo_data

    cli.migrate()
    reset_demo_data()  # empties every table first: point SOPRANO_DATABASE_URL at a scratch database
    print(f"database: {get_engine().url.get_backend_name()}")
    small = (args.dossiers // 5, args.authorisations // 5)
    _fill(*small, app_clock.today())
    _analyse()
    calls = _calls()
    before = _timed_all(calls, args.repeat)
    _fill(args.dossiers - small[0], args.authorisations - small[1], app_clock.today(), start=small[0])
    _analyse()
    after = _timed_all(calls, args.repeat)
    print(f"{'call':<52} {small[0]:>7,} dossiers p50/p95   {args.dossiers:>7,} dossiers p50/p95   ratio p50")
    for label in calls:
        (b50, b95), (a50, a95) = before[label], after[label]
        print(f"{label:<52} {b50:8.2f} / {b95:6.2f} ms      {a50:8.2f} / {a95:6.2f} ms      ×{a50 / b50:.2f}")


def _analyse() -> None:
    """Fresh planner statistics on PostgreSQL, as autovacuum keeps them. SQLite runs as the app runs
    it, without ANALYZE (its statistics would count the many empty ``replaces_id`` as one value)."""
    from sqlalchemy import text

    from soprano_app.db import get_engine

    engine = get_engine()
    if engine.url.get_backend_name() == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))


if __name__ == "__main__":
    main()
