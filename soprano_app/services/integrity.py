"""Verifying the dossiers' hash chains (``domain/integrity.py``), and the daily digest of their heads.

``python -m soprano_app.cli verify-history`` checks every chain; ``… digest`` writes the day's
digest under ``SOPRANO_DATA_DIR/digests``; the dossier page shows customs the verdict for its dossier.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, func, select

from ..db import session_scope
from ..domain.integrity import RecordKind, Report, digest_text, verify
from ..models import ChainLink, Dossier
from ..settings import settings
from .access import AccessDenied, scoped_dossiers
from .auth import SessionContext
from .chain import CHAINED, fields_of, link_of


def verify_dossier(db: Session, dossier_id: int) -> Report:
    links = [
        link_of(row)
        for row in db.exec(
            select(ChainLink).where(ChainLink.dossier_id == dossier_id).order_by(col(ChainLink.seq))
        )
    ]
    records: dict[tuple[RecordKind, int], dict[str, Any]] = {}
    for model, kind in CHAINED.items():
        for record in db.exec(select(model).where(model.dossier_id == dossier_id)).all():
            records[(kind, record.id)] = fields_of(kind, record)
    return verify(dossier_id, links, records)


def verify_all() -> list[Report]:
    """Every dossier's chain, in dossier order."""
    with session_scope() as db:
        ids = db.exec(select(Dossier.id).order_by(col(Dossier.id))).all()
        return [verify_dossier(db, dossier_id) for dossier_id in ids if dossier_id is not None]


def report_for(ctx: SessionContext, dossier_id: int) -> Report | None:
    """The verdict shown on the dossier page: for the customs service that handles the dossier."""
    if not ctx.is_customs:
        return None
    with session_scope() as db:
        try:
            visible = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
        except AccessDenied:
            return None
        return verify_dossier(db, dossier_id) if visible is not None else None


def chain_heads(db: Session) -> list[tuple[int, int, str]]:
    """(dossier, number of links, hash of the last link) for every chain."""
    last = (
        select(ChainLink.dossier_id, func.max(ChainLink.seq).label("seq"))
        .group_by(col(ChainLink.dossier_id))
        .subquery()
    )
    rows = db.exec(
        select(ChainLink.dossier_id, ChainLink.seq, ChainLink.link_hash).join(
            last, (col(ChainLink.dossier_id) == last.c.dossier_id) & (col(ChainLink.seq) == last.c.seq)
        )
    ).all()
    return [(int(d), int(s), str(h)) for d, s, h in rows]


def write_digest(day: date) -> Path:
    """The day's digest file (replaced if it exists): publish it, or have it timestamped."""
    with session_scope() as db:
        text = digest_text(day, chain_heads(db))
    folder = settings.data_dir / "digests"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{day.isoformat()}.txt"
    path.write_text(text, encoding="utf-8")
    return path
