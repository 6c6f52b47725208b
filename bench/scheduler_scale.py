"""One scheduler pass over a large database: does its cost follow what is due, not what is stored?

Fills a scratch database (a temporary SQLite file, or SOPRANO_DATABASE_URL) with the demo data plus
``--dossiers`` applications in every status (due dates spread around today, requests for the paused
ones) and ``--authorisations`` authorisations (ends spread over five years), then times:
  1. the first pass, which has work: the deadlines already passed, the reminders due today;
  2. a second pass the same day, which has nothing left to do (everything above is recorded);
  3. the same idle pass on a database ten times smaller, for the ratio.

    python -m bench.scheduler_scale --dossiers 100000 --authorisations 20000
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, date, datetime, timedelta


def _free_granted(limit: int):  # type: ignore[no-untyped-def]
    """Granted dossiers without an authorisation yet (the demo's have theirs)."""
    from sqlmodel import col, select

    from soprano_app.models import Authorisation, Dossier

    taken = select(Authorisation.dossier_id)
    return (
        select(Dossier.id)
        .where(Dossier.statut == "ACCORDEE", col(Dossier.id).not_in(taken))
        .order_by(col(Dossier.id))
        .limit(limit)
    )


def _fill(dossiers: int, authorisations: int, today: date, start: int = 0) -> None:
    """``start``: numbers already used by an earlier fill of the same database."""
    from sqlalchemy import insert
    from sqlmodel import select

    from soprano_app.db import session_scope
    from soprano_app.models import Authorisation, Company, CustomsService, Dossier, DossierRequest, User

    statuses = [
        "DEPOSEE",
        "EN_INSTRUCTION",
        "INCOMPLETE",
        "INFO_COMPLEMENTAIRE",
        "DROIT_ETRE_ENTENDU",
        "ACCORDEE",
        "REFUSEE",
        "BROUILLON",
    ]
    now = datetime.now(UTC)
    with session_scope() as db:
        companies = [c.id for c in db.exec(select(Company)).all()]
        services = [s.id for s in db.exec(select(CustomsService)).all()]
        author = db.exec(select(User).where(User.email == "operateur@demo.fr")).one().id
    # One dossier in 2,000 has a deadline passed a few days ago, the others are due later: what the
    # first pass handles is small and fixed, whatever the size of the database.
    rows = []
    for n in range(dossiers):
        status = statuses[n % len(statuses)]
        offset = -3 if n % 1999 == 0 else 10 + n % 400
        rows.append(
            {
                "numero": None if status == "BROUILLON" else f"RP-2025-{start + n:07d}",
                "company_id": companies[n % len(companies)],
                "service_id": services[n % len(services)],
                "created_by_id": author,
                "regime": "PA",
                "type_demande": "1",
                "statut": status,
                "created_at": now - timedelta(days=n % 300),
                "updated_at": now - timedelta(days=n % 300),  # drafts under 11 months: nothing due
                "submitted_at": None if status == "BROUILLON" else now - timedelta(days=n % 300),
                "echeance": None if status == "BROUILLON" else today + timedelta(days=offset),
                "version": 1,
                "answers": "{}",
            }
        )
    with session_scope() as db:
        for start in range(0, len(rows), 5000):
            db.execute(insert(Dossier), rows[start : start + 5000])
    with session_scope() as db:
        paused = db.exec(
            select(Dossier.id, Dossier.echeance).where(
                Dossier.statut.in_(["INCOMPLETE", "INFO_COMPLEMENTAIRE", "DROIT_ETRE_ENTENDU"])  # type: ignore[attr-defined]
            )
        ).all()
        requests = [
            {
                "dossier_id": dossier_id,
                "kind": "demander_complements",
                "message": "Joignez le plan.",
                "due_date": due or today,
                "created_at": now - timedelta(days=10),
                "created_by_label": "Pôle d'action économique",
                "status": "nouvelle",
                "reopened": "[]",
            }
            for dossier_id, due in paused
        ]
        for start in range(0, len(requests), 5000):
            db.execute(insert(DossierRequest), requests[start : start + 5000])
        granted = list(db.exec(_free_granted(authorisations)).all())
    while len(granted) < authorisations:  # more authorisations than granted dossiers: add dossiers
        with session_scope() as db:
            extra = [
                {**rows[0], "numero": f"RP-2024-{start + len(granted) + k:07d}", "statut": "ACCORDEE"}
                for k in range(5000)
            ]
            db.execute(insert(Dossier), extra)
            granted = list(db.exec(_free_granted(authorisations)).all())
    authorisation_rows = [
        {
            "numero": f"FRIPO2025{start + n:07d}",
            "dossier_id": dossier_id,
            "company_id": companies[n % len(companies)],
            "service_id": services[n % len(services)],
            "regime": "PA",
            "type_code": "IPO",
            "valid_from": today - timedelta(days=400 + n % 700),
            "valid_to": today + timedelta(days=100 + n % 1800) if n % 1000 else today + timedelta(days=29),
            "granted_at": now - timedelta(days=400),
            "granted_by_label": "Pôle d'action économique",
            "version": 0,
            "snapshot": "{}",
        }
        for n, dossier_id in enumerate(granted[:authorisations])
    ]
    with session_scope() as db:
        for start in range(0, len(authorisation_rows), 5000):
            db.execute(insert(Authorisation), authorisation_rows[start : start + 5000])


JOB_TIMES: dict[str, float] = {}


def _timing_jobs() -> None:
    """Wrap each job to record its duration in the last pass (JOB_TIMES)."""
    from soprano_app.services import deadlines

    def timed(name, job):  # type: ignore[no-untyped-def]
        def run(one_pass):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return job(one_pass)
            finally:
                JOB_TIMES[name] = time.perf_counter() - started

        return run

    deadlines.JOBS = tuple((name, label, timed(name, job)) for name, label, job in deadlines.JOBS)


def _measure(dossiers: int, authorisations: int) -> tuple[float, dict[str, int], float, float]:
    from soprano_app import app_clock, cli
    from soprano_app.services import deadlines
    from soprano_app.services.demo import reset_demo_data

    cli.migrate()
    reset_demo_data()  # empties every table first: point SOPRANO_DATABASE_URL at a scratch database
    started = time.perf_counter()
    _fill(dossiers, authorisations, app_clock.today())
    filled = time.perf_counter() - started
    started = time.perf_counter()
    first = deadlines.run_all()
    busy = time.perf_counter() - started
    idle = []
    for _ in range(5):
        started = time.perf_counter()
        again = deadlines.run_all()
        idle.append(time.perf_counter() - started)
        assert again.ran and sum(again.counts.values()) == 0, again.counts  # idempotent
    print("  idle pass per job: " + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in JOB_TIMES.items()))
    return filled, first.counts, busy, min(idle)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--authorisations", type=int, default=20_000)
    args = parser.parse_args()
    if not os.environ.get("SOPRANO_DATABASE_URL"):
        os.environ["SOPRANO_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    os.environ.setdefault("SOPRANO_STORAGE_DIR", tempfile.mkdtemp())
    os.environ.setdefault("SOPRANO_DATA_DIR", tempfile.mkdtemp())

    _timing_jobs()
    results = {}
    for scale in (10, 1):
        dossiers, authorisations = args.dossiers // scale, args.authorisations // scale
        filled, counts, busy, idle = _measure(dossiers, authorisations)
        results[scale] = idle
        print(
            f"{dossiers:>7} dossiers, {authorisations:>6} authorisations (written in {filled:5.1f} s): "
            f"first pass {busy * 1000:8.1f} ms ({sum(counts.values())} effects: "
            + ", ".join(f"{k} {v}" for k, v in counts.items() if v)
            + f"), pass with nothing due {idle * 1000:6.1f} ms"
        )
    print(f"pass with nothing due, 10× the rows: ×{results[1] / results[10]:.2f}")


if __name__ == "__main__":
    main()
