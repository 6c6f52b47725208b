"""Where attachment bytes live. A small interface, so that an object store can replace the disk."""

from __future__ import annotations

import os
import secrets
from functools import cache
from pathlib import Path
from typing import Protocol

from ..settings import settings


class Storage(Protocol):
    def put(self, data: bytes) -> str:
        """Store the bytes under a new generated key and return the key."""

    def path(self, key: str) -> Path | None:
        """A local path to stream the file from, or None if the key is unknown."""

    def delete(self, key: str) -> None: ...


class LocalStorage:
    """Files under a private directory, named by random keys (never by user input)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _file(self, key: str) -> Path:
        if not key.isalnum() or len(key) != 40:
            raise ValueError("invalid storage key")
        return self.root / key[:2] / key

    def put(self, data: bytes) -> str:
        key = secrets.token_hex(20)
        target = self._file(key)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = target.with_suffix(".part")
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o600)
        temporary.replace(target)
        return key

    def path(self, key: str) -> Path | None:
        try:
            target = self._file(key)
        except ValueError:
            return None
        return target if target.is_file() else None

    def delete(self, key: str) -> None:
        target = self.path(key)
        if target is not None:
            target.unlink()


@cache
def storage() -> Storage:
    return LocalStorage(settings.storage_dir)
