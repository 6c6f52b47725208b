"""The models and the Alembic migrations must describe the same schema."""

from soprano_app.cli import schema_drift


def test_models_and_migrations_do_not_drift() -> None:
    drift = schema_drift()
    assert drift == [], f"Run `python -m soprano_app.cli makemigration ...`: {drift}"
