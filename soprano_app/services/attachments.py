"""Attachments of a dossier: add, list, remove (soft), history, download — always within the
session's scope (``access.scoped_dossiers``): the operator's company and its representatives, or
the customs service handling the dossier."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, func, select

from ..app_clock import now_utc
from ..db import lock_row, session_scope
from ..domain import attachments as rules
from ..domain.company_roles import Right, allows, refused
from ..domain.formatting import format_datetime
from ..domain.history import EventKind
from ..domain.roles import Role
from ..domain.statuses import DossierStatus
from ..models import Attachment, Dossier
from ..settings import settings
from .access import AccessDenied, scoped_dossiers
from .auth import SessionContext
from .history import record_event
from .storage import storage

# The operator may join files while he has the hand: the draft, and the answers to customs requests.
ADDABLE = frozenset(
    {
        DossierStatus.BROUILLON.value,
        DossierStatus.INCOMPLETE.value,
        DossierStatus.INFO_COMPLEMENTAIRE.value,
        DossierStatus.DROIT_ETRE_ENTENDU.value,
    }
)


class AttachmentError(Exception):
    """A request that cannot be made (French message)."""


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    type_code: str
    type_label: str
    label: str
    file_name: str
    format: str
    size: str
    added_at: str
    added_by: str
    removed: bool


@dataclass(frozen=True)
class HistoryLine:
    date: str
    author: str
    action: str  # « Ajout » or « Suppression »
    type_label: str
    file_name: str


@dataclass
class UploadOutcome:
    stored: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, French reason)


@dataclass(frozen=True)
class IncomingFile:
    name: str  # as sent by the browser
    data: bytes  # at most the size limit + 1 byte
    truncated: bool  # the reader stopped at the limit: the file is bigger


def limits() -> rules.Limits:
    return rules.Limits(settings.max_file_bytes, settings.max_dossier_bytes)


def _dossier(db: Session, ctx: SessionContext, dossier_id: int) -> Dossier:
    try:
        found = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
    except AccessDenied:
        found = None
    if found is None:
        raise AttachmentError("Ce dossier est introuvable ou vous n'êtes pas habilité à le consulter.")
    dossier: Dossier = found[0]
    return dossier


def _right_for(dossier: Dossier) -> Right:
    """A draft's files are prepared; a filed dossier's go with a reply to customs."""
    return Right.PREPARER if dossier.statut == DossierStatus.BROUILLON.value else Right.DEPOSER


def may_add(ctx: SessionContext, dossier: Dossier) -> bool:
    return (
        ctx.role in (Role.OPERATEUR, Role.REPRESENTANT)
        and dossier.statut in ADDABLE
        and allows(ctx.company_role, _right_for(dossier))
    )


def may_remove(ctx: SessionContext, dossier: Dossier) -> bool:
    return (
        ctx.role in (Role.OPERATEUR, Role.REPRESENTANT)
        and dossier.statut == DossierStatus.BROUILLON.value
        and allows(ctx.company_role, Right.PREPARER)
    )


def _used_bytes(db: Session, dossier_id: int) -> int:
    total = db.exec(
        select(func.coalesce(func.sum(Attachment.size), 0))
        .where(Attachment.dossier_id == dossier_id)
        .where(col(Attachment.removed_at).is_(None))
    ).one()
    return int(total)


def _clean_label(label: str) -> str:
    return " ".join("".join(ch for ch in (label or "") if ch.isprintable()).split())[:140]


def add_files(
    ctx: SessionContext,
    dossier_id: int,
    type_code: str,
    label: str,
    files: list[IncomingFile],
    now: datetime | None = None,
) -> UploadOutcome:
    """Check each file (name, size, content, quota) and store the accepted ones; nothing else is kept."""
    if type_code not in rules.TYPE_LABELS:
        raise AttachmentError("Choisissez le type de la pièce jointe.")
    outcome = UploadOutcome()
    now = now or now_utc()
    # The files are judged before any lock is taken; only the quota is decided under the lock.
    checked: list[tuple[IncomingFile, rules.AcceptedFile]] = []
    for incoming in files:
        try:
            checked.append(
                (incoming, rules.check_content(incoming.name, incoming.data, limits(), incoming.truncated))
            )
        except rules.RefusedFile as exc:
            outcome.refused.append((_shown_name(incoming.name), str(exc)))
    written: list[str] = []
    try:
        with session_scope() as db:
            dossier = _dossier(db, ctx, dossier_id)
            if ctx.acts_for_companies and refused(ctx.company_role, _right_for(dossier)):
                raise AttachmentError(refused(ctx.company_role, _right_for(dossier)))
            if not may_add(ctx, dossier):
                raise AttachmentError(
                    "Vous ne pouvez pas ajouter de pièce jointe à ce dossier dans son état actuel."
                )
            store_checked(db, ctx, dossier_id, type_code, label, checked, now, outcome, written)
    except BaseException:
        for key in written:  # the rows were rolled back: no orphan file stays behind
            storage().delete(key)
        raise
    return outcome


def check_files(files: list[IncomingFile]) -> tuple[list[tuple[IncomingFile, rules.AcceptedFile]], list[str]]:
    """Judge each file's name, size and content (no database): the accepted ones, and the refusals
    as « name : reason »."""
    checked: list[tuple[IncomingFile, rules.AcceptedFile]] = []
    refused: list[str] = []
    for incoming in files:
        try:
            checked.append(
                (incoming, rules.check_content(incoming.name, incoming.data, limits(), incoming.truncated))
            )
        except rules.RefusedFile as exc:
            refused.append(f"{_shown_name(incoming.name)} : {exc}")
    return checked, refused


def store_checked(
    db: Session,
    ctx: SessionContext,
    dossier_id: int,
    type_code: str,
    label: str,
    checked: list[tuple[IncomingFile, rules.AcceptedFile]],
    now: datetime,
    outcome: UploadOutcome,
    written: list[str],
    authorisation_event_id: int | None = None,
) -> None:
    """Spend the dossier's quota under its row lock (two tabs uploading at once queue here) and store
    the files that fit; the caller deletes the ``written`` keys if its transaction fails."""
    lock_row(db, Dossier, dossier_id)
    used = _used_bytes(db, dossier_id)
    for incoming, accepted in checked:
        try:
            rules.check_quota(used, accepted.size, limits())
        except rules.RefusedFile as exc:
            outcome.refused.append((_shown_name(incoming.name), str(exc)))
            continue
        key = storage().put(incoming.data, db)  # the database store writes in this transaction
        written.append(key)
        _record_attachment(
            db, ctx, dossier_id, type_code, label, accepted, incoming.data, key, now, authorisation_event_id
        )
        used += accepted.size
        outcome.stored.append(accepted.name)


def _record_attachment(
    db: Session,
    ctx: SessionContext,
    dossier_id: int,
    type_code: str,
    label: str,
    accepted: rules.AcceptedFile,
    data: bytes,
    key: str,
    now: datetime,
    authorisation_event_id: int | None = None,
) -> None:
    db.add(
        Attachment(
            authorisation_event_id=authorisation_event_id,
            dossier_id=dossier_id,
            type_code=type_code,
            label=_clean_label(label),
            file_name=accepted.name,
            media_type=accepted.media_type,
            size=accepted.size,
            sha256=hashlib.sha256(data).hexdigest(),
            storage_key=key,
            added_at=now,
            added_by_id=ctx.user_id,
            added_by_label=ctx.full_name,
        )
    )
    record_event(
        db,
        dossier_id,
        at=now,
        kind=EventKind.PIECE_JOINTE,
        actor_user_id=ctx.user_id,
        actor_label=ctx.full_name,
        message=f"Pièce jointe ajoutée : {accepted.name} ({rules.TYPE_LABELS[type_code]}).",
    )


def _shown_name(raw: str) -> str:
    """A refused file's name, safe to show in a message."""
    return "".join(ch for ch in (raw or "") if ch.isprintable())[:80] or "(sans nom)"


def _row(item: Attachment) -> AttachmentRow:
    assert item.id is not None
    kind = rules.kind_of_media_type(item.media_type)
    return AttachmentRow(
        id=item.id,
        type_code=item.type_code,
        type_label=rules.TYPE_LABELS.get(item.type_code, item.type_code),
        label=item.label,
        file_name=item.file_name,
        format=rules.KIND_LABELS[kind] if kind else item.media_type,
        size=rules.format_size(item.size),
        added_at=format_datetime(item.added_at),
        added_by=item.added_by_label,
        removed=item.removed_at is not None,
    )


def _present(db: Session, dossier_id: int) -> list[Attachment]:
    """The dossier's files not removed, in the order they were added."""
    return list(
        db.exec(
            select(Attachment)
            .where(Attachment.dossier_id == dossier_id)
            .where(col(Attachment.removed_at).is_(None))
            .order_by(col(Attachment.added_at), col(Attachment.id))
        ).all()
    )


def list_attachments(ctx: SessionContext, dossier_id: int) -> tuple[list[AttachmentRow], bool, bool]:
    """The present files, and whether the session may add and remove files on this dossier."""
    with session_scope() as db:
        dossier = _dossier(db, ctx, dossier_id)
        items = _present(db, dossier_id)
        return [_row(i) for i in items], may_add(ctx, dossier), may_remove(ctx, dossier)


def history(ctx: SessionContext, dossier_id: int) -> list[HistoryLine]:
    """Every addition and removal, newest first, removed files included."""
    with session_scope() as db:
        _dossier(db, ctx, dossier_id)
        items = db.exec(select(Attachment).where(Attachment.dossier_id == dossier_id)).all()
    events: list[tuple[datetime, HistoryLine]] = []
    for item in items:
        type_label = rules.TYPE_LABELS.get(item.type_code, item.type_code)
        line = HistoryLine(
            format_datetime(item.added_at), item.added_by_label, "Ajout", type_label, item.file_name
        )
        events.append((item.added_at, line))
        if item.removed_at is not None:
            removal = HistoryLine(
                format_datetime(item.removed_at),
                item.removed_by_label,
                "Suppression",
                type_label,
                item.file_name,
            )
            events.append((item.removed_at, removal))
    return [line for _at, line in sorted(events, key=lambda e: e[0], reverse=True)]


def remove(ctx: SessionContext, dossier_id: int, attachment_id: int) -> str:
    """Soft delete: the file leaves the dossier, the history keeps it. Drafts only."""
    now = now_utc()
    with session_scope() as db:
        dossier = _dossier(db, ctx, dossier_id)
        if ctx.acts_for_companies and refused(ctx.company_role, Right.PREPARER):
            raise AttachmentError(refused(ctx.company_role, Right.PREPARER))
        if not may_remove(ctx, dossier):
            raise AttachmentError("Les pièces jointes d'un dossier déposé ne peuvent plus être supprimées.")
        item = db.get(Attachment, attachment_id)
        if item is None or item.dossier_id != dossier_id or item.removed_at is not None:
            raise AttachmentError("Cette pièce jointe est introuvable.")
        item.removed_at, item.removed_by_id, item.removed_by_label = now, ctx.user_id, ctx.full_name
        db.add(item)
        record_event(
            db,
            dossier_id,
            at=now,
            kind=EventKind.PIECE_JOINTE,
            actor_user_id=ctx.user_id,
            actor_label=ctx.full_name,
            message=f"Pièce jointe supprimée : {item.file_name}.",
        )
        return item.file_name


def present_types(dossier_id: int) -> frozenset[str]:
    """Types of the files present on a dossier (for the form's checks; no scope: internal use)."""
    with session_scope() as db:
        codes = db.exec(
            select(Attachment.type_code)
            .where(Attachment.dossier_id == dossier_id)
            .where(col(Attachment.removed_at).is_(None))
        ).all()
    return frozenset(codes)


@dataclass(frozen=True)
class Download:
    data: bytes
    file_name: str
    media_type: str


def for_download(ctx: SessionContext, attachment_id: int) -> Download | None:
    """The file if the session may see its dossier and it has not been removed; None otherwise."""
    with session_scope() as db:
        item = db.get(Attachment, attachment_id)
        if item is None or item.removed_at is not None:
            return None
        try:
            visible = db.exec(scoped_dossiers(ctx).where(Dossier.id == item.dossier_id)).first()
        except AccessDenied:
            return None
        if visible is None:
            return None
        return _download(db, item)


def _download(db: Session, item: Attachment) -> Download | None:
    data = storage().read(item.storage_key, db)
    if data is None:
        return None
    # Never the uploaded name as such: a clean base name and the detected format's extension.
    name = rules.download_name(item.file_name, rules.kind_of_media_type(item.media_type))
    return Download(data, name, item.media_type)


def present_files(ctx: SessionContext, dossier_id: int) -> list[Download]:
    """Every present file of a dossier the session may see, in the order they were added (one
    scope check for all of them). Raises AttachmentError when the dossier is out of reach."""
    with session_scope() as db:
        _dossier(db, ctx, dossier_id)
        items = _present(db, dossier_id)
        found = [_download(db, item) for item in items]
    return [f for f in found if f is not None]
