"""Logouts the database could not record yet (it was unreachable).

The browser's cookie is cleared anyway; the session's keyed hash is written to a small file under
``SOPRANO_DATA_DIR`` (shared by the server's processes, kept across restarts), refused by
``auth.resolve_session`` from then on, and closed in the database at the next chance.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from ..settings import settings

_lock = threading.Lock()
_cache: tuple[float, frozenset[str]] = (-1.0, frozenset())


def _path() -> Path:
    return settings.data_dir / "pending-logouts"


def remember(digest: str) -> None:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with _lock, open(path, "a", encoding="ascii") as handle:
        handle.write(digest + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def pending() -> frozenset[str]:
    """The digests waiting to be closed (re-read only when the file changed)."""
    global _cache
    try:
        modified = _path().stat().st_mtime
    except FileNotFoundError:
        return frozenset()
    if modified != _cache[0]:
        try:
            text = _path().read_text(encoding="ascii")
        except FileNotFoundError:
            return frozenset()
        _cache = (modified, frozenset(line for line in text.split() if line))
    return _cache[1]


def forget(closed: set[str]) -> None:
    """Drop the digests that are now closed in the database."""
    with _lock:
        left = pending() - closed
        path = _path()
        if left:
            temporary = path.with_suffix(".tmp")
            temporary.write_text("".join(d + "\n" for d in sorted(left)), encoding="ascii")
            temporary.replace(path)
        else:
            path.unlink(missing_ok=True)
