"""« Documents de l'entreprise »: keep a company's recurring documents once (``domain/vault.py``)
and join a copy of one to a dossier through the attachments' own checks (content, quota, rights,
history). Only the company's operators and representatives, acting for it, see them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from ..app_clock import now_utc
from ..db import session_scope
from ..domain import attachments as rules
from ..domain.company_roles import Right
from ..domain.formatting import format_date, format_datetime, paris_today
from ..domain.vault import MAX_LABEL, VALIDITY_LABELS, refused_attachment, refused_validity, validity
from ..models import CompanyDocument
from . import attachments
from .access import AccessDenied, require_right
from .attachments import IncomingFile, UploadOutcome
from .auth import SessionContext
from .storage import storage


class VaultError(Exception):
    """A refusal, with its reason in French."""


@dataclass(frozen=True)
class DocumentRow:
    id: int
    type_code: str
    type_label: str
    label: str
    file_name: str
    size: str
    valid_until: str  # « 31/12/2027 », or « sans limite »
    validity: str  # domain.vault.Validity
    validity_label: str
    added_at: str
    added_by: str


def _company(ctx: SessionContext) -> int:
    if not ctx.acts_for_companies or ctx.company is None:
        raise VaultError("Choisissez d'abord l'entreprise pour laquelle vous agissez.")
    return ctx.company.id


def _row(doc: CompanyDocument, today: date) -> DocumentRow:
    state = validity(doc.valid_until, today)
    return DocumentRow(
        id=doc.id or 0,
        type_code=doc.type_code,
        type_label=rules.TYPE_LABELS.get(doc.type_code, doc.type_code),
        label=doc.label,
        file_name=doc.file_name,
        size=rules.format_size(doc.size),
        valid_until=format_date(doc.valid_until) if doc.valid_until else "sans limite",
        validity=state.value,
        validity_label=VALIDITY_LABELS[state],
        added_at=format_datetime(doc.added_at),
        added_by=doc.added_by_label,
    )


def list_documents(ctx: SessionContext) -> list[DocumentRow]:
    company_id = _company(ctx)
    today = paris_today(now_utc())
    with session_scope() as db:
        docs = db.exec(
            select(CompanyDocument)
            .where(CompanyDocument.company_id == company_id)
            .where(col(CompanyDocument.removed_at).is_(None))
            .order_by(col(CompanyDocument.type_code), col(CompanyDocument.added_at).desc())
        ).all()
    return [_row(doc, today) for doc in docs]


def _rights(ctx: SessionContext) -> None:
    try:
        require_right(ctx, Right.PREPARER)
    except AccessDenied as exc:
        raise VaultError(str(exc)) from exc


def add_document(
    ctx: SessionContext,
    type_code: str,
    label: str,
    valid_until: date | None,
    incoming: IncomingFile,
    now: datetime | None = None,
) -> int:
    company_id = _company(ctx)
    _rights(ctx)
    now = now or now_utc()
    if type_code not in rules.TYPE_LABELS:
        raise VaultError("Choisissez le type du document.")
    problem = refused_validity(valid_until, paris_today(now))
    if problem:
        raise VaultError(problem)
    checked, refused = attachments.check_files([incoming])
    if refused:
        raise VaultError(refused[0])
    _incoming, accepted = checked[0]
    with session_scope() as db:
        doc = CompanyDocument(
            company_id=company_id,
            type_code=type_code,
            label=" ".join(label.split())[:MAX_LABEL],
            file_name=accepted.name,
            media_type=accepted.media_type,
            size=accepted.size,
            sha256=hashlib.sha256(incoming.data).hexdigest(),
            storage_key=storage().put(incoming.data, db),
            valid_until=valid_until,
            added_at=now,
            added_by_label=ctx.full_name,
        )
        db.add(doc)
        db.flush()
        assert doc.id is not None
        return doc.id


def _document(db: Session, ctx: SessionContext, document_id: int) -> CompanyDocument:
    doc = db.get(CompanyDocument, document_id)
    if doc is None or doc.removed_at is not None or doc.company_id != _company(ctx):
        raise VaultError("Ce document est introuvable.")
    return doc


def remove_document(ctx: SessionContext, document_id: int, now: datetime | None = None) -> None:
    """The document leaves the vault (copies already joined to dossiers stay with them)."""
    _rights(ctx)
    with session_scope() as db:
        doc = _document(db, ctx, document_id)
        doc.removed_at = now or now_utc()
        db.add(doc)


def download(ctx: SessionContext, document_id: int) -> attachments.Download | None:
    try:
        with session_scope() as db:
            doc = _document(db, ctx, document_id)
            data = storage().read(doc.storage_key, db)
    except VaultError:
        return None
    if data is None:
        return None
    return attachments.Download(
        data, rules.download_name(doc.file_name, rules.kind_of_media_type(doc.media_type)), doc.media_type
    )


def attach(
    ctx: SessionContext, document_id: int, dossier_id: int, now: datetime | None = None
) -> UploadOutcome:
    """Join a copy of the document to a dossier of the company, as an upload would (same checks)."""
    now = now or now_utc()
    with session_scope() as db:
        doc = _document(db, ctx, document_id)
        data = storage().read(doc.storage_key, db)
    problem = refused_attachment(doc.valid_until, paris_today(now))
    if problem:
        raise VaultError(problem)
    if data is None:
        raise VaultError("Le fichier de ce document est introuvable.")
    label = doc.label or rules.TYPE_LABELS.get(doc.type_code, "")
    try:
        return attachments.add_files(
            ctx, dossier_id, doc.type_code, label, [IncomingFile(doc.file_name, data, False)], now
        )
    except attachments.AttachmentError as exc:
        raise VaultError(str(exc)) from exc
