"""Service timings of the decision phase on a large database: queues, dossier page, steps.

Fills a fresh database (a temporary SQLite file, or SOPRANO_DATABASE_URL) with the demo data plus
``--dossiers`` submitted applications spread over the three demo companies and services, each with a
short history, and one dossier with ``--events`` history entries. Then it times, in-process (no
browser, no websocket), what the pages call:
  * the customs queue and the operator dashboard, page 1 sorted by due date and page 50;
  * the dossier page of the long dossier (summary with history, and the decision view);
  * a comment and an extension of the time limit (``services.workflow.perform``).

    python -m bench.decision_scale --dossiers 20000 --events 300
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta


def _timed(label: str, call: Callable[[], object], repeat: int) -> None:
    call()  # warm caches (catalogue, nomenclature, connection pool)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print(f"{label:<58} p50 {statistics.median(samples):7.2f} ms   p95 {p95:7.2f} ms")


def _fill(dossiers: int, events: int) -> int:
    from sqlalchemy import insert
    from sqlmodel import select

    from soprano_app.db import session_scope
    from soprano_app.models import Company, CustomsService, Dossier, DossierEvent, User

    statuses = ["DEPOSEE", "EN_INSTRUCTION", "INCOMPLETE", "INFO_COMPLEMENTAIRE", "ACCORDEE", "REFUSEE"]
    today = date.today()
    now = datetime.now(UTC)
    with session_scope() as db:
        companies = [c.id for c in db.exec(select(Company)).all()]
        services = [s.id for s in db.exec(select(CustomsService)).all()]
        author = db.exec(select(User).where(User.email == "operateur@demo.fr")).one().id
    rows = [
        {
            "numero": f"RP-2025-{n:06d}",
            "company_id": companies[n % len(companies)],
            "service_id": services[n % len(services)],
            "created_by_id": author,
            "regime": "AT",
            "type_demande": "1",
            "statut": statuses[n % len(statuses)],
            "created_at": now - timedelta(days=n % 400),
            "updated_at": now - timedelta(days=n % 400),
            "submitted_at": now - timedelta(days=n % 400),
            "echeance": today + timedelta(days=(n % 90) - 30),
            "version": 1,
            "answers": "{}",
        }
        for n in range(dossiers)
    ]
    with session_scope() as db:
        for start in range(0, len(rows), 5000):
            db.execute(insert(Dossier), rows[start : start + 5000])
    with session_scope() as db:
        ids = [d for d in db.exec(select(Dossier.id).where(Dossier.numero.like("RP-2025-%"))).all()]  # type: ignore[union-attr]
        history = [
            {
                "dossier_id": dossier_id,
                "occurred_at": now,
                "actor_label": "Claire Durand",
                "kind": "transition",
                "from_status": "BROUILLON",
                "to_status": "DEPOSEE",
                "message": "Demande validée et transmise.",
                "by_customs": False,
            }
            for dossier_id in ids
        ]
        for start in range(0, len(history), 5000):
            db.execute(insert(DossierEvent), history[start : start + 5000])
        durand = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        long_one = db.exec(  # the demo's DP application under examination in Lyon
            select(Dossier.id)
            .where(Dossier.company_id == durand.id)
            .where(Dossier.statut == "EN_INSTRUCTION")
            .where(Dossier.numero.like("RP-2026-%"))  # type: ignore[union-attr]
        ).one()
        db.execute(
            insert(DossierEvent),
            [
                {
                    "dossier_id": long_one,
                    "occurred_at": now - timedelta(minutes=n),
                    "actor_label": "Claire Durand",
                    "kind": "commentaire",
                    "message": f"Commentaire n° {n} sur l'avancement du dossier.",
                    "by_customs": n % 2 == 0,
                }
                for n in range(events)
            ],
        )
    assert long_one is not None
    return int(long_one)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dossiers", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=300, help="history entries of the long dossier")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    if not os.environ.get("SOPRANO_DATABASE_URL"):
        os.environ["SOPRANO_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    os.environ.setdefault("SOPRANO_STORAGE_DIR", tempfile.mkdtemp())

    from soprano_app import cli
    from soprano_app.domain.statuses import Bucket
    from soprano_app.domain.workflow import Action
    from soprano_app.services import auth, dashboard, decision, dossiers
    from soprano_app.services.demo import DEMO_PASSWORD, reset_demo_data
    from soprano_app.services.workflow import ActionInput, perform

    cli.migrate()
    reset_demo_data()  # empties every table first: point SOPRANO_DATABASE_URL at a scratch database
    started = time.perf_counter()
    long_one = _fill(args.dossiers, args.events)
    print(f"{args.dossiers} dossiers and their history written in {time.perf_counter() - started:.1f} s")

    def session(email: str) -> auth.SessionContext:
        token = auth.authenticate(email, DEMO_PASSWORD).token
        assert token is not None
        ctx = auth.resolve_session(token)
        assert ctx is not None
        return ctx

    agent, operator = session("agent@demo.fr"), session("operateur@demo.fr")
    both = [Bucket.A_TRAITER, Bucket.EN_ATTENTE]
    queue = dashboard.list_dossiers(agent, both)
    print(f"customs queue: {queue.total} dossiers in « À traiter » and « En attente »")
    _timed("customs queue, page 1 by due date", lambda: dashboard.list_dossiers(agent, both), args.repeat)
    _timed("customs queue, page 50", lambda: dashboard.list_dossiers(agent, both, page=50), args.repeat)
    _timed(
        "customs queue, search by number",
        lambda: dashboard.list_dossiers(agent, both, search="RP-2025-0012"),
        args.repeat,
    )
    _timed("operator dashboard, page 1", lambda: dashboard.list_dossiers(operator, both), args.repeat)
    _timed(
        f"dossier page summary with {args.events + 1}+ history entries",
        lambda: dossiers.get_dossier(agent, long_one),
        args.repeat,
    )
    _timed(
        "decision view (clock, request, allowed steps)",
        lambda: decision.decision_view(agent, long_one),
        args.repeat,
    )
    _timed(
        "comment (step with history, notifications)",
        lambda: perform(operator, long_one, Action.COMMENTER, ActionInput("Point d'étape.")),
        args.repeat,
    )
    _timed(
        "extension of the decision period",
        lambda: perform(agent, long_one, Action.PROLONGER_DELAI, ActionInput("Analyse en cours.", days=1)),
        min(args.repeat, 10),
    )


if __name__ == "__main__":
    main()
