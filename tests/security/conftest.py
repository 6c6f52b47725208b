"""The security suite runs beside the unit suite, on the same fixtures (a real database)."""

from tests.unit.conftest import _database, db, demo, now, root_state  # noqa: F401  (fixtures)
