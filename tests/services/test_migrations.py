"""The models and the Alembic migrations must describe the same schema."""

from soprano_app.cli import schema_drift


def test_models_and_migrations_do_not_drift(database: None) -> None:
    drift = schema_drift()
    assert drift == [], f"Run `python -m soprano_app.cli makemigration ...`: {drift}"


def _contents() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the chain, as tuples, in id order."""
    from sqlalchemy import inspect, text

    from soprano_app.db import get_engine
    from soprano_app.models import SQLModel

    found = {}
    with get_engine().connect() as connection:
        existing = set(inspect(connection).get_table_names())
        for table in SQLModel.metadata.sorted_tables:
            if table.name == "chainlink" or table.name not in existing:
                continue
            order = ", ".join(c.name for c in table.primary_key.columns)
            found[table.name] = [
                tuple(r) for r in connection.execute(text(f'SELECT * FROM "{table.name}" ORDER BY {order}'))
            ]
    return found


def test_the_chain_migration_keeps_every_row_and_chains_the_existing_history(database: None) -> None:
    """Upgrade a database filled by the previous release (demo data, a dossier taken through the
    decision phase, generated dossiers) and compare what it holds."""
    from sqlmodel import func, select

    from alembic import command
    from soprano_app.cli import alembic_config
    from soprano_app.db import session_scope
    from soprano_app.models import Attachment, AuthorisationVersion, ChainLink, DossierEvent
    from soprano_app.services import chain, integrity
    from soprano_app.services.demo import load_demo_data
    from tests.support import recreate_database, wipe_database

    try:
        wipe_database()
        command.upgrade(alembic_config(), "625f6a2d3aa0")  # the release before the chain
        with chain.suspended():
            load_demo_data()
            _generate_dossiers(40)
        before = _contents()
        assert len(before["dossierevent"]) > 40 and before["authorisationversion"]
        command.upgrade(alembic_config(), "head")
        after = _contents()
        assert {
            name: rows for name, rows in after.items() if name in before
        } == before  # nothing lost or changed
        with session_scope() as db:
            links = db.exec(select(func.count()).select_from(ChainLink)).one()
            chained = sum(
                db.exec(select(func.count()).select_from(model)).one()
                for model in (DossierEvent, Attachment, AuthorisationVersion)
            )
        assert links == chained
        reports = integrity.verify_all()
        assert reports and all(r.intact for r in reports), [r.label for r in reports if not r.intact]
    finally:
        recreate_database()


def _generate_dossiers(count: int) -> None:
    from sqlmodel import select

    from soprano_app.db import session_scope
    from soprano_app.models import Company, User
    from soprano_app.services import auth, drafts

    with session_scope() as db:
        durand = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        user = db.exec(select(User).where(User.email == "operateur@demo.fr")).one()
    assert durand.id is not None and user.id is not None
    token = auth.authenticate("operateur@demo.fr", "Demo-2026!").token
    ctx = auth.resolve_session(token or "")
    assert ctx is not None
    for n in range(count):
        drafts.create_draft(
            ctx, ("AT", "DP", "PA", "PP", "ED")[n % 5], type_entrepot="CW1", variante_pa="IM_EX"
        )
