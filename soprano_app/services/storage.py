"""Where the bytes of files live (attachments, mandates, screenshots, issued PDFs): files under a private
directory, or rows of the database, chosen by SOPRANO_STORAGE (README « Déploiement »). Callers only
put, read and delete bytes under a random key; files are capped (SOPRANO_MAX_FILE_MB), so whole
``bytes`` in memory are fine."""

from __future__ import annotations

import os
import re
import secrets
from functools import cache
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from ..app_clock import real_now
from ..db import session_scope
from ..models import StoredFile
from ..settings import settings

_KEY = re.compile(r"[0-9a-f]{40}")  # what new_key makes: never user input, never a path


def new_key() -> str:
    return secrets.token_hex(20)


def valid_key(key: str) -> bool:
    return isinstance(key, str) and _KEY.fullmatch(key) is not None


class Storage(Protocol):
    def put(self, data: bytes, db: Session | None = None) -> str:
        """Store the bytes under a new key and return it. Give ``db`` when a transaction is open:
        the database store then writes in it, so that the bytes commit or roll back with the rows
        naming them. Files on disk are written at once: the caller deletes them if it rolls back."""

    def read(self, key: str, db: Session | None = None) -> bytes | None:
        """The bytes, or None for an unknown or malformed key."""

    def delete(self, key: str) -> None:
        """Forget the bytes (nothing to do for an unknown key)."""


class LocalStorage:
    """Files under a private directory, named by random keys (never by user input)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _file(self, key: str) -> Path | None:
        return self.root / key[:2] / key if valid_key(key) else None

    def put(self, data: bytes, db: Session | None = None) -> str:
        key = new_key()
        target = self.root / key[:2] / key
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = target.with_suffix(".part")  # a crash mid-write never leaves a truncated file
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o600)
        temporary.replace(target)
        return key

    def read(self, key: str, db: Session | None = None) -> bytes | None:
        target = self._file(key)
        try:
            return target.read_bytes() if target is not None else None
        except FileNotFoundError:
            return None

    def delete(self, key: str) -> None:
        target = self._file(key)
        if target is not None:
            target.unlink(missing_ok=True)


class DatabaseStorage:
    """Rows of the ``storedfile`` table: all that several workers or machines sharing PostgreSQL need."""

    def put(self, data: bytes, db: Session | None = None) -> str:
        key = new_key()
        # A core INSERT, not db.add: it runs now (an error surfaces here) and the session does not
        # keep megabytes of bytes in its identity map until it closes.
        row = insert(StoredFile).values(key=key, data=data, size=len(data), created_at=real_now())
        if db is not None:
            # In the caller's transaction: on SQLite a second connection would wait for the write lock
            # the caller may hold (the dossier's quota lock) until the busy timeout.
            db.execute(row)
        else:
            with session_scope() as own:
                own.execute(row)
        return key

    def read(self, key: str, db: Session | None = None) -> bytes | None:
        if not valid_key(key):
            return None
        query = select(StoredFile.data).where(col(StoredFile.key) == key)
        if db is not None:
            found = db.exec(query).first()
        else:
            with session_scope() as own:
                found = own.exec(query).first()
        return bytes(found) if found is not None else None

    def delete(self, key: str) -> None:
        if valid_key(key):
            with session_scope() as own:
                own.execute(delete(StoredFile).where(col(StoredFile.key) == key))


@cache
def storage() -> Storage:
    return DatabaseStorage() if settings.storage == "database" else LocalStorage(settings.storage_dir)
