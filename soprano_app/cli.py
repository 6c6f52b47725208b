"""Command line: ``python -m soprano_app.cli <command>``.

migrate            apply the Alembic migrations (then load the demo data if demo mode is on)
reset-demo         delete everything and load the demo data again (demo instances only)
makemigration MSG  generate a migration from the model changes (developers)
check-migrations   exit 1 when the models and the migrations differ
scheduler run      one pass of the scheduler's jobs now (the scheduler process does it by itself)
time show|advance Nd|set AAAA-MM-JJ   the demo's simulated date (demo instances only)
verify-history     check every dossier's hash chain; exit 1 and name the first broken link if any
digest [AAAA-MM-JJ] write the day's digest of the chain heads (data/digests/), to publish elsewhere
copy-files-to-database  copy the files under SOPRANO_STORAGE_DIR into the database store (before and
                   after switching to SOPRANO_STORAGE=database; a second run adds only what is missing)
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from alembic import command

from . import models  # registers the tables
from .db import get_engine
from .settings import PROJECT_ROOT, settings


def alembic_config(database_url: str | None = None) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.attributes["database_url"] = database_url or settings.database_url
    config.attributes["configure_logging"] = False
    return config


def migrate(database_url: str | None = None) -> None:
    command.upgrade(alembic_config(database_url), "head")


def schema_drift(database_url: str | None = None) -> list[object]:
    """Differences between the migrated database and the models (empty when in sync)."""
    with get_engine(database_url).connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": models.described_by_models}
        )
        return list(compare_metadata(context, SQLModel.metadata))


def _time_command(args: list[str]) -> int:
    from . import app_clock
    from .domain.formatting import format_date
    from .services.time_machine import TimeMachineError, advance, move_to

    migrate()
    try:
        if args[:1] == ["advance"] and len(args) == 2 and args[1].rstrip("dj").isdigit():
            advance(None, int(args[1].rstrip("dj")))
        elif args[:1] == ["set"] and len(args) == 2:
            move_to(None, date.fromisoformat(args[1]))
        elif args[:1] != ["show"]:
            print("Usage : time show | time advance 31d | time set 2027-01-15")
            return 2
    except (TimeMachineError, ValueError) as exc:
        print(str(exc))
        return 1
    state = "simulée" if app_clock.is_simulated() else "réelle"
    print(f"Date de l'application : {format_date(app_clock.today())} ({state}).")
    return 0


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    name, args = argv[0], argv[1:]
    if name == "migrate":
        migrate()
        print(f"Base de données à jour ({_display_url()}).")
        if settings.demo_enabled:
            from .services.demo import load_demo_data

            loaded = load_demo_data()
            print("Données de démonstration chargées." if loaded else "Données de démonstration présentes.")
        return 0
    if name == "reset-demo":
        if not settings.demo_enabled:
            print("Le mode démonstration est désactivé (SOPRANO_DEMO=0 ou SOPRANO_ENV=production).")
            return 1
        from .services.demo import reset_demo_data

        migrate()
        reset_demo_data()
        print("Données de démonstration réinitialisées.")
        return 0
    if name == "makemigration":
        if not args:
            print("usage: makemigration MESSAGE")
            return 2
        migrate()
        command.revision(alembic_config(), message=" ".join(args), autogenerate=True)
        return 0
    if name == "check-migrations":
        migrate()
        drift = schema_drift()
        for diff in drift:
            print(diff)
        return 1 if drift else 0
    if name == "scheduler" and args[:1] == ["run"]:
        from .services.scheduling import run_pass

        migrate()
        done = run_pass()
        print(f"Passe du planificateur : {done.counts}" if done.ran else "Une autre passe est en cours.")
        return 0
    if name == "time":
        return _time_command(args)
    if name == "verify-history":
        from .services.integrity import verify_all

        migrate()
        reports = verify_all()
        broken = [r for r in reports if not r.intact]
        for report in broken:
            print(f"Dossier {report.dossier_id} : {report.label}")
        print(f"{len(reports)} historique(s) vérifié(s), {len(broken)} altéré(s).")
        return 1 if broken else 0
    if name == "digest":
        from .app_clock import now_utc
        from .domain.formatting import paris_today
        from .services.integrity import write_digest

        migrate()
        day = date.fromisoformat(args[0]) if args else paris_today(now_utc())
        print(f"Empreinte écrite : {write_digest(day)}")
        return 0
    if name == "copy-files-to-database":
        return _copy_files_to_database()
    print(__doc__)
    return 2


def _copy_files_to_database() -> int:
    from .services.storage_copy import copy_disk_to_database

    migrate()
    report = copy_disk_to_database(settings.storage_dir)
    print(
        f"Fichiers copiés de {settings.storage_dir} vers la base : {report.copied} copié(s), "
        f"{report.present} déjà présent(s), {report.skipped} ignoré(s)."
    )
    if report.missing:  # switching now would lose them: say so, and fail
        print(
            f"{report.missing} fichier(s) nommé(s) par la base introuvable(s) sur le disque comme dans la base."
        )
        return 1
    print("Tous les fichiers nommés par la base sont dans la base.")
    return 0


def _display_url() -> str:
    url = settings.database_url
    if url.startswith("sqlite:///"):
        return str(Path(url.removeprefix("sqlite:///")))
    return url.split("@")[-1]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
