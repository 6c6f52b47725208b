"""Writes the links of each dossier's hash chain (``domain/integrity.py``), whatever code adds the
record: a session hook sees every new history entry, attachment and authorisation version when it
is flushed, and appends its link in the same transaction, under the dossier's row lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction
from sqlmodel import col, select

from ..db import lock_row
from ..domain.integrity import CHAINED_FIELDS, LATER_FIELDS, Link, RecordKind, content_hash, next_link
from ..models import Attachment, AuthorisationVersion, ChainLink, Dossier, DossierEvent

CHAINED: dict[type[Any], RecordKind] = {
    DossierEvent: RecordKind.EVENT,
    Attachment: RecordKind.ATTACHMENT,
    AuthorisationVersion: RecordKind.VERSION,
}
_TIME_FIELD = {
    RecordKind.EVENT: "occurred_at",
    RecordKind.ATTACHMENT: "added_at",
    RecordKind.VERSION: "granted_at",
}
_PENDING = "soprano_chain_pending"
_HEADS = "soprano_chain_heads"


def fields_of(kind: RecordKind, record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in (*CHAINED_FIELDS[kind], *LATER_FIELDS.get(kind, ()))}


def link_of(row: ChainLink) -> Link:
    return Link(
        row.dossier_id,
        row.seq,
        RecordKind(row.record_kind),
        row.record_id,
        row.content_hash,
        row.prev_hash,
        row.link_hash,
    )


def _head(session: Session, dossier_id: int) -> Link | None:
    heads: dict[int, Link | None] = session.info.setdefault(_HEADS, {})
    if dossier_id not in heads:
        with session.no_autoflush:
            row = session.execute(
                select(ChainLink)
                .where(ChainLink.dossier_id == dossier_id)
                .order_by(col(ChainLink.seq).desc())
                .limit(1)
            ).scalar_one_or_none()
        heads[dossier_id] = link_of(row) if row is not None else None
    return heads[dossier_id]


_suspended = False


@contextmanager
def suspended() -> Iterator[None]:
    """No links while the schema has no chain table yet: filling a database at an older revision
    (the migration tests). Nothing in the application uses it."""
    global _suspended
    _suspended = True
    try:
        yield
    finally:
        _suspended = False


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: UOWTransaction) -> None:
    if _suspended:
        return
    new = [record for record in session.new if type(record) in CHAINED]
    if new:
        session.info.setdefault(_PENDING, []).extend(new)


@event.listens_for(Session, "after_flush_postexec")
def _append_links(session: Session, _context: UOWTransaction) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return

    def order(record: Any) -> tuple[Any, ...]:
        kind = CHAINED[type(record)]
        return (getattr(record, _TIME_FIELD[kind]), list(RecordKind).index(kind), record.id)

    by_dossier: dict[int, list[Any]] = {}
    for record in sorted(pending, key=order):
        by_dossier.setdefault(record.dossier_id, []).append(record)
    for dossier_id, records in sorted(by_dossier.items()):
        lock_row(session, Dossier, dossier_id)  # one writer of the chain at a time
        previous = _head(session, dossier_id)
        for record in records:
            kind = CHAINED[type(record)]
            link = next_link(
                dossier_id, previous, kind, record.id, content_hash(kind, fields_of(kind, record))
            )
            session.add(
                ChainLink(
                    dossier_id=dossier_id,
                    seq=link.seq,
                    record_kind=kind.value,
                    record_id=record.id,
                    content_hash=link.content_hash,
                    prev_hash=link.prev_hash,
                    link_hash=link.link_hash,
                )
            )
            previous = link
        session.info[_HEADS][dossier_id] = previous


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_heads(session: Session) -> None:
    session.info.pop(_HEADS, None)
    session.info.pop(_PENDING, None)
