"""Companies and representation mandates, as the administrator records them (guide §2.3).

A company's identifiers are checked (SIREN, SIRET and EORI valid and agreeing). A mandate lets a
representative act for a company between two dates, with the mandate document (PDF, checked like an
attachment, in the private storage); once it ends, the company leaves his choice (services/auth.py
reads the dates at every request)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from .. import app_clock
from ..db import session_scope
from ..domain import attachments as files
from ..domain.accounts import AdminAction
from ..domain.formatting import format_date
from ..domain.identifiers import check_company_identifiers, normalise_eori, normalise_siren, normalise_siret
from ..domain.roles import Role
from ..models import Company, Mandate, User
from . import revocations
from .attachments import IncomingFile
from .auth import SessionContext
from .journal import record
from .storage import storage

MANDATE_LIMITS = files.Limits(max_file_bytes=5 * 1024 * 1024, max_dossier_bytes=5 * 1024 * 1024)


class CompanyError(ValueError):
    """Refused, with the French reason."""


def _require_admin(ctx: SessionContext) -> None:
    if ctx.role is not Role.ADMIN:
        raise PermissionError("Réservé aux administrateurs.")


@dataclass(frozen=True)
class CompanyInput:
    raison_sociale: str
    siren: str
    siret: str
    eori: str
    rue: str = ""
    code_postal: str = ""
    ville: str = ""


@dataclass(frozen=True)
class CompanyRow:
    id: int
    raison_sociale: str
    siret: str
    eori: str
    ville: str
    operators: str  # their names


@dataclass(frozen=True)
class MandateRow:
    id: int
    representative: str
    company: str
    valid_from: str
    valid_to: str
    in_force: bool
    document: str  # the document's name, if any


def companies(ctx: SessionContext) -> list[CompanyRow]:
    _require_admin(ctx)
    with session_scope() as db:
        rows = db.exec(select(Company).order_by(col(Company.raison_sociale))).all()
        users = db.exec(select(User).where(User.role == Role.OPERATEUR.value)).all()
    names: dict[int, list[str]] = {}
    for user in users:
        if user.company_id is not None:
            names.setdefault(user.company_id, []).append(user.full_name)
    return [
        CompanyRow(
            c.id or 0, c.raison_sociale, c.siret, c.eori, c.ville, ", ".join(sorted(names.get(c.id or 0, [])))
        )
        for c in rows
    ]


def create_company(ctx: SessionContext, data: CompanyInput) -> int:
    _require_admin(ctx)
    name = data.raison_sociale.strip()
    if not name or len(name) > 70:
        raise CompanyError("Saisissez la raison sociale (70 caractères au plus).")
    problems = check_company_identifiers(data.siren, data.siret, data.eori)
    if problems:
        raise CompanyError(" ".join(problems))
    siren, siret, eori = normalise_siren(data.siren), normalise_siret(data.siret), normalise_eori(data.eori)
    if data.code_postal.strip() and not (
        data.code_postal.strip().isdigit() and len(data.code_postal.strip()) == 5
    ):
        raise CompanyError("Le code postal compte cinq chiffres.")
    with session_scope() as db:
        if (
            db.exec(select(Company.id).where((Company.siret == siret) | (Company.eori == eori))).first()
            is not None
        ):
            raise CompanyError("Une entreprise existe déjà avec ce SIRET ou cet EORI.")
        company = Company(
            raison_sociale=name,
            siren=siren,
            siret=siret,
            eori=eori,
            rue=data.rue.strip()[:70],
            code_postal=data.code_postal.strip(),
            ville=data.ville.strip()[:35],
        )
        db.add(company)
        db.flush()
        assert company.id is not None
        record(
            db, ctx, AdminAction.ENTREPRISE_CREEE, name, f"SIRET {siret}, EORI {eori}.", app_clock.real_now()
        )
        return company.id


def mandates(ctx: SessionContext, today: date | None = None) -> list[MandateRow]:
    _require_admin(ctx)
    today = today or app_clock.today()
    with session_scope() as db:
        rows = db.exec(
            select(Mandate, User, Company)
            .join(User, col(User.id) == Mandate.user_id)
            .join(Company, col(Company.id) == Mandate.company_id)
            .order_by(col(Company.raison_sociale), col(Mandate.valid_from))
        ).all()
    return [
        MandateRow(
            id=m.id or 0,
            representative=f"{u.full_name} ({u.email})",
            company=c.raison_sociale,
            valid_from=format_date(m.valid_from),
            valid_to=format_date(m.valid_to),
            in_force=m.valid_from <= today and (m.valid_to is None or m.valid_to >= today),
            document=m.document_name,
        )
        for m, u, c in rows
    ]


def record_mandate(
    ctx: SessionContext,
    user_id: int,
    company_id: int,
    valid_from: date | None,
    valid_to: date | None,
    document: IncomingFile | None = None,
) -> int:
    """A representative's mandate for a company; the document is a PDF checked like an attachment."""
    _require_admin(ctx)
    if valid_from is None:
        raise CompanyError("Indiquez la date de début du mandat (JJ/MM/AAAA).")
    if valid_to is not None and valid_to < valid_from:
        raise CompanyError("La fin du mandat ne peut précéder son début.")
    accepted = None
    if document is not None and (document.name or document.data):
        try:
            accepted = files.check_content(document.name, document.data, MANDATE_LIMITS, document.truncated)
        except files.RefusedFile as exc:
            raise CompanyError(f"Document de mandat refusé : {exc}") from exc
        if accepted.kind is not files.FileKind.PDF:
            raise CompanyError("Le document de mandat est attendu en PDF.")
    with session_scope() as db:
        user = db.get(User, user_id)
        company = db.get(Company, company_id)
        if user is None or user.role != Role.REPRESENTANT.value:
            raise CompanyError("Choisissez un représentant (un compte au rôle « Représentant »).")
        if company is None:
            raise CompanyError("Choisissez l'entreprise représentée.")
        if user.company_id == company_id:
            raise CompanyError("Un représentant n'a pas de mandat pour sa propre entreprise.")
        # In this transaction for the database store (the mandate and its document commit together).
        key = storage().put(document.data, db) if accepted is not None and document is not None else None
        mandate = Mandate(
            user_id=user_id,
            company_id=company_id,
            valid_from=valid_from,
            valid_to=valid_to,
            document_key=key,
            document_name=accepted.name if accepted else "",
        )
        db.add(mandate)
        db.flush()
        assert mandate.id is not None
        until = f" au {format_date(valid_to)}" if valid_to else ", sans date de fin"
        record(
            db,
            ctx,
            AdminAction.MANDAT_ENREGISTRE,
            f"{user.email} pour {company.raison_sociale}",
            f"Du {format_date(valid_from)}{until}." + (f" Document : {accepted.name}." if accepted else ""),
            app_clock.real_now(),
        )
        return mandate.id


def end_mandate(ctx: SessionContext, mandate_id: int, on: date | None = None) -> None:
    """The mandate ends (the last day it counts is ``on``, by default yesterday: it stops today)."""
    _require_admin(ctx)
    last_day = on or date.fromordinal(app_clock.today().toordinal() - 1)
    with session_scope() as db:
        mandate = db.get(Mandate, mandate_id)
        if mandate is None:
            raise CompanyError("Ce mandat n'existe pas.")
        if last_day < mandate.valid_from:
            last_day = mandate.valid_from
        mandate.valid_to = last_day
        db.add(mandate)
        revocations.revoke_after_commit(db, revocations.user(mandate.user_id))
        user, company = db.get(User, mandate.user_id), db.get(Company, mandate.company_id)
        record(
            db,
            ctx,
            AdminAction.MANDAT_TERMINE,
            f"{user.email if user else '?'} pour {company.raison_sociale if company else '?'}",
            f"Dernier jour : {format_date(last_day)}.",
            app_clock.real_now(),
        )


def mandate_document(ctx: SessionContext, mandate_id: int) -> tuple[bytes, str] | None:
    """The mandate's document, for the administrator and the representative it names."""
    with session_scope() as db:
        mandate = db.get(Mandate, mandate_id)
    if mandate is None or not mandate.document_key:
        return None
    if ctx.role is not Role.ADMIN and ctx.user_id != mandate.user_id:
        return None
    data = storage().read(mandate.document_key)
    return (
        (data, files.download_name(mandate.document_name, files.FileKind.PDF)) if data is not None else None
    )
