"""Private annotations: only the agents of the dossier's customs service read and write them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from ..app_clock import now_utc
from ..db import session_scope
from ..domain.dossier_notes import note_refused
from ..domain.formatting import format_datetime
from ..models import Dossier, DossierNote, User
from .access import AccessDenied, dossier_scope
from .auth import SessionContext


class NoteError(Exception):
    """A note refused, with its reason in French."""


@dataclass(frozen=True)
class NoteView:
    id: int
    author: str
    date: str
    text: str


def _service_dossier(db: Session, ctx: SessionContext, dossier_id: int) -> Dossier | None:
    """The dossier if ``ctx`` is an active agent of its service, else None."""
    if not ctx.is_customs or ctx.service_id is None:
        return None
    user = db.get(User, ctx.user_id)
    if user is None or not user.active or user.service_id != ctx.service_id:
        return None
    try:
        return db.exec(select(Dossier).where(Dossier.id == dossier_id).where(*dossier_scope(ctx))).first()
    except AccessDenied:
        return None


def notes_of(ctx: SessionContext, dossier_id: int) -> list[NoteView] | None:
    """The notes, newest first; None when ``ctx`` may not read them (the page shows no panel)."""
    with session_scope() as db:
        if _service_dossier(db, ctx, dossier_id) is None:
            return None
        notes = db.exec(
            select(DossierNote)
            .where(DossierNote.dossier_id == dossier_id)
            .order_by(col(DossierNote.created_at).desc(), col(DossierNote.id).desc())
        ).all()
    return [NoteView(n.id or 0, n.author_label, format_datetime(n.created_at), n.text) for n in notes]


def add_note(ctx: SessionContext, dossier_id: int, text: str, now: datetime | None = None) -> None:
    problem = note_refused(text)
    if problem:
        raise NoteError(problem)
    with session_scope() as db:
        if _service_dossier(db, ctx, dossier_id) is None:
            raise NoteError("Réservé aux agents du service qui traite ce dossier.")
        db.add(
            DossierNote(
                dossier_id=dossier_id,
                author_user_id=ctx.user_id,
                author_label=ctx.full_name,
                created_at=now or now_utc(),
                text=text.strip(),
            )
        )
