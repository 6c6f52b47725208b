"""Test environment, set before any application import (settings are read at import time).

SOPRANO_TEST_DATABASE_URL selects the database (PostgreSQL in CI); without it each pytest run
uses a fresh SQLite file in a temporary directory.
"""

from __future__ import annotations

import os
import tempfile

_TMP = tempfile.mkdtemp(prefix="soprano-tests-")
os.environ["SOPRANO_TEST_TMP"] = _TMP
os.environ["SOPRANO_DATABASE_URL"] = (
    os.environ.get("SOPRANO_TEST_DATABASE_URL") or f"sqlite:///{_TMP}/test.db"
)
os.environ["SOPRANO_ENV"] = "development"
os.environ["SOPRANO_DEMO"] = "1"
os.environ["SOPRANO_SECRET_KEY"] = "secret-for-tests-only"
os.environ["SOPRANO_STORAGE_DIR"] = f"{_TMP}/pieces"
os.environ["SOPRANO_DATA_DIR"] = f"{_TMP}/data"
os.environ["SOPRANO_MAX_FILE_MB"] = "1"  # small limits keep the size tests quick
os.environ["SOPRANO_MAX_DOSSIER_MB"] = "3"
# Argon2 at its cheapest: the cost parameters are stored in each hash, so this only speeds tests up.
os.environ["SOPRANO_ARGON2_MEMORY_KIB"] = "8192"
os.environ["SOPRANO_ARGON2_TIME_COST"] = "1"

# The database fixtures and helpers (tests/fixtures.py): requested by the suites that need them only.
pytest_plugins = ["tests.fixtures"]
