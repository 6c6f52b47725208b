"""Moving an installation from files on disk to the database store (``cli copy-files-to-database``):
each file under SOPRANO_STORAGE_DIR becomes a ``storedfile`` row under the same key, so that the rows
naming it find it once SOPRANO_STORAGE=database. Run it again after the switch: it only adds what is
missing (files written by the disk store in between)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import exc, insert
from sqlmodel import Session, col, select

from ..db import session_scope
from ..models import Attachment, AuthorisationVersion, Mandate, StoredFile, SupportTicket
from .storage import valid_key

# Every column that names a stored file: a key found in none of the stores is reported as missing.
KEY_COLUMNS = (
    Attachment.storage_key,
    Mandate.document_key,
    SupportTicket.screenshot_key,
    AuthorisationVersion.pdf_key,
)


@dataclass(frozen=True)
class CopyReport:
    copied: int  # new rows
    present: int  # already in the database (an earlier run)
    skipped: int  # not a stored file: a write cut short (``.part``), a stranger's file
    missing: int  # keys the database names that are in the database store nowhere


def _stored_keys(db: Session) -> set[str]:
    return set(db.exec(select(StoredFile.key)).all())


def _referenced_keys(db: Session) -> set[str]:
    keys: set[str] = set()
    for column in KEY_COLUMNS:
        keys.update(k for k in db.exec(select(column).where(col(column).is_not(None))).all() if k)
    return keys


def copy_disk_to_database(root: Path) -> CopyReport:
    """Copy the files under ``root`` (laid out by ``LocalStorage``) into the database store, one file
    per transaction (at most SOPRANO_MAX_FILE_MB in memory); the disk is left as it is."""
    with session_scope() as db:
        present = _stored_keys(db)
    copied = already = skipped = 0
    for path in sorted(root.glob("*/*")) if root.is_dir() else []:
        key = path.name
        if not path.is_file() or not valid_key(key) or path.parent.name != key[:2]:
            skipped += 1
            continue
        if key in present:
            already += 1
            continue
        data = path.read_bytes()
        # The file's own time, not the copy's: when its bytes were written.
        written_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        try:
            with session_scope() as db:
                db.execute(
                    insert(StoredFile).values(key=key, data=data, size=len(data), created_at=written_at)
                )
            copied += 1
        except exc.IntegrityError:  # another run copied it meanwhile
            already += 1
    with session_scope() as db:
        missing = len(_referenced_keys(db) - _stored_keys(db))
    return CopyReport(copied, already, skipped, missing)
