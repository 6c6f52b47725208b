"""Filing an application: create the draft, load it, save it, submit it (transitions 1–3 of spec §3.3).

Every function takes the session context and works inside its scope; the answers are sanitised and
re-checked here, whatever the browser sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from ..app_clock import now_utc
from ..db import lock_row, session_scope
from ..domain.catalogue import CATALOGUE
from ..domain.catalogue.model import Kind
from ..domain.company_roles import Right, refused
from ..domain.directory import competent_index, departement_of
from ..domain.formatting import format_time, paris_today
from ..domain.forms import FormContext, blocking, check_dossier, submitted_answers
from ..domain.forms.duplicate import copied_answers
from ..domain.forms.engine import Finding, sanitize
from ..domain.forms.prefill import Filer, Party, derive, initial_answers
from ..domain.history import EventKind
from ..domain.numbering import dossier_counter, dossier_number
from ..domain.regimes import Regime, TypeEntrepot
from ..domain.roles import Role
from ..domain.statuses import DossierStatus
from ..domain.workflow import Action
from ..models import (
    Attachment,
    Authorisation,
    ChainLink,
    Company,
    CustomsService,
    Dossier,
    DossierEvent,
    Notification,
    User,
)
from . import revocations
from .access import AccessDenied, changed_in_lists, scoped_dossiers
from .attachments import present_types
from .auth import SessionContext
from .counters import next_value
from .history import record_event
from .storage import storage

# Answers the operator never edits: chosen on « Déposer un nouveau dossier » or computed.
_SYSTEM_FIELDS = frozenset(f.id for f in CATALOGUE.all_fields() if f.readonly or f.kind is Kind.COMPUTED)


class DraftError(Exception):
    """A request the operator cannot make (French message for the screen)."""


@dataclass(frozen=True)
class FormData:
    dossier_id: int
    numero: str
    regime: Regime
    type_entrepot: str
    status: DossierStatus
    answers: dict[str, Any]
    version: int
    updated_at: datetime
    is_representative: bool
    attachment_types: frozenset[str] = frozenset()

    @property
    def editable(self) -> bool:
        return self.status is DossierStatus.BROUILLON

    def context(self, today: Any = None) -> FormContext:
        return FormContext(
            regime=self.regime,
            today=today or paris_today(now_utc()),
            type_entrepot=self.type_entrepot,
            is_representative=self.is_representative,
            attachment_types=self.attachment_types,
        )


@dataclass(frozen=True)
class SaveResult:
    ok: bool
    version: int
    saved_at: str = ""  # « 14:32 »
    message: str = ""
    conflict: bool = False  # stored meanwhile by another tab or user
    retry: bool = False  # the database could not be reached: the same answers can be sent again


@dataclass(frozen=True)
class SubmitResult:
    ok: bool
    numero: str = ""
    findings: list[Finding] = field(default_factory=list)
    message: str = ""


def operator_company(ctx: SessionContext) -> int:
    if ctx.role not in (Role.OPERATEUR, Role.REPRESENTANT) or ctx.company is None:
        raise AccessDenied("Seul un opérateur ou son représentant peut déposer une demande.")
    return ctx.company.id


def _require_preparer(ctx: SessionContext) -> None:
    """Drafts are created, edited and deleted by « Préparation » and « Dépôt » (company_roles)."""
    problem = refused(ctx.company_role, Right.PREPARER)
    if problem:
        raise DraftError(problem)


def _party(company: Company) -> Party:
    return Party(
        raison_sociale=company.raison_sociale,
        siret=company.siret,
        eori=company.eori,
        rue=company.rue,
        complement=company.complement,
        code_postal=company.code_postal,
        ville=company.ville,
        pays=company.pays,
    )


def _filer(db: Session, ctx: SessionContext, applicant_id: int) -> Filer:
    user = db.get(User, ctx.user_id)
    assert user is not None
    firm = None
    if ctx.role is Role.REPRESENTANT and user.company_id is not None and user.company_id != applicant_id:
        own = db.get(Company, user.company_id)
        firm = _party(own) if own else None
    return Filer(user.first_name, user.last_name, user.email, firm)


def create_draft(
    ctx: SessionContext,
    regime: str,
    type_entrepot: str = "",
    variante_pa: str = "",
    now: datetime | None = None,
) -> int:
    """Transition 1: a new draft, prefilled from the acting company (and the representative's firm)."""
    company_id = operator_company(ctx)
    _require_preparer(ctx)
    try:
        chosen = Regime(regime)
    except ValueError as exc:
        raise DraftError("Choisissez le régime particulier sollicité.") from exc
    if chosen is Regime.ED and type_entrepot not in TypeEntrepot._value2member_map_:
        raise DraftError("Choisissez le type d'entrepôt douanier.")
    if chosen is Regime.PA and variante_pa not in ("IM_EX", "EX_IM", "LES_DEUX"):
        raise DraftError("Choisissez la variante du perfectionnement actif.")
    now = now or now_utc()
    with session_scope() as db:
        company = db.get(Company, company_id)
        assert company is not None
        filer = _filer(db, ctx, company_id)
        answers = initial_answers(chosen, _party(company), filer, type_entrepot, variante_pa)
        return _insert_draft(db, ctx, company_id, chosen, answers, now, "Dossier créé (brouillon).")


def duplicate_draft(ctx: SessionContext, dossier_id: int, now: datetime | None = None) -> int:
    """« Dupliquer »: a new draft of the acting company, prefilled with the answers of one of its
    dossiers, whatever its status (``domain/forms/duplicate.py``: neither its dates nor its validation;
    its attachments stay with it)."""
    company_id = operator_company(ctx)
    _require_preparer(ctx)
    now = now or now_utc()
    with session_scope() as db:
        found = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
        if found is None:
            raise DraftError("Ce dossier est introuvable ou vous n'êtes pas habilité à le consulter.")
        source: Dossier = found[0]
        stored = json.loads(source.answers or "{}")
        regime = Regime(source.regime)
        company = db.get(Company, company_id)
        assert company is not None
        filer = _filer(db, ctx, company_id)
        fresh = initial_answers(
            regime,
            _party(company),
            filer,
            str(stored.get("type_entrepot", "")),
            str(stored.get("variante_pa", "")),
        )
        label = source.numero or f"brouillon n° {source.id}"
        message = f"Dossier créé (brouillon), copie de la demande {label}."
        return _insert_draft(db, ctx, company_id, regime, copied_answers(stored, fresh), now, message)


def _insert_draft(
    db: Session,
    ctx: SessionContext,
    company_id: int,
    regime: Regime,
    answers: dict[str, Any],
    now: datetime,
    message: str,
) -> int:
    dossier = Dossier(
        company_id=company_id,
        created_by_id=ctx.user_id,
        regime=regime.value,
        statut=DossierStatus.BROUILLON.value,
        answers=json.dumps(answers, ensure_ascii=False),
        created_at=now,
        updated_at=now,
    )
    db.add(dossier)
    changed_in_lists(db, dossier)
    db.flush()
    assert dossier.id is not None
    record_event(
        db,
        dossier.id,
        at=now,
        kind=EventKind.CREATION,
        actor_user_id=ctx.user_id,
        actor_label=ctx.full_name,
        to_status=DossierStatus.BROUILLON,
        message=message,
    )
    return dossier.id


def _form_data(dossier: Dossier, is_representative: bool) -> FormData:
    answers = json.loads(dossier.answers or "{}")
    assert dossier.id is not None
    return FormData(
        dossier_id=dossier.id,
        numero=dossier.numero or f"Brouillon n° {dossier.id}",
        regime=Regime(dossier.regime),
        type_entrepot=str(answers.get("type_entrepot", "")),
        status=DossierStatus(dossier.statut),
        answers=answers,
        version=dossier.version,
        updated_at=dossier.updated_at,
        is_representative=is_representative,
        attachment_types=present_types(dossier.id),
    )


def load_form(ctx: SessionContext, dossier_id: int) -> FormData | None:
    """The dossier's answers if the session may see it (operators: their company; customs: their service)."""
    with session_scope() as db:
        found = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
        if found is None:
            return None
        dossier, _name = found
        return _form_data(dossier, _filed_by_representative(db, dossier))


def _filed_by_representative(db: Session, dossier: Dossier) -> bool:
    author = db.get(User, dossier.created_by_id)
    return author is not None and author.role == Role.REPRESENTANT.value


def _editable_draft(db: Session, ctx: SessionContext, dossier_id: int) -> Dossier:
    company_id = operator_company(ctx)
    _require_preparer(ctx)
    dossier = db.get(Dossier, dossier_id)
    if dossier is None or dossier.company_id != company_id:
        raise DraftError("Ce dossier est introuvable.")
    if dossier.statut != DossierStatus.BROUILLON.value:
        raise DraftError("Ce dossier a été déposé : il ne peut plus être modifié.")
    return dossier


def _merge(stored: dict[str, Any], incoming: dict[str, Any], regime: Regime) -> dict[str, Any]:
    """The operator's answers over the stored ones; system fields keep their stored values."""
    merged = sanitize(incoming)
    for key in _SYSTEM_FIELDS:
        if key in stored:
            merged[key] = stored[key]
        else:
            merged.pop(key, None)
    return derive(merged, regime)


def save_draft(
    ctx: SessionContext,
    dossier_id: int,
    answers: dict[str, Any],
    expected_version: int,
    now: datetime | None = None,
) -> SaveResult:
    """« Sauvegarder » and autosave: stores the draft whatever its errors (optimistic lock on version)."""
    now = now or now_utc()
    with session_scope() as db:
        dossier = _editable_draft(db, ctx, dossier_id)
        stored = json.loads(dossier.answers or "{}")
        merged = _merge(stored, answers, Regime(dossier.regime))
        result = db.execute(
            update(Dossier)
            .where(col(Dossier.id) == dossier_id)
            .where(col(Dossier.version) == expected_version)
            .where(col(Dossier.statut) == DossierStatus.BROUILLON.value)
            .values(
                answers=json.dumps(merged, ensure_ascii=False), version=expected_version + 1, updated_at=now
            )
        )
        if getattr(result, "rowcount", 0) != 1:
            return SaveResult(
                False,
                dossier.version,
                conflict=True,
                message="Ce brouillon a été modifié ailleurs (autre onglet ou autre utilisateur) : rechargez la page "
                "pour reprendre la dernière version.",
            )
    return SaveResult(True, expected_version + 1, format_time(now))


def competent_service(db: Session, answers: dict[str, Any]) -> CustomsService | None:
    """The service competent for the place of the main accounts (UCC art. 22(1)), by département."""
    if answers.get("cpt_lieu_identique") == "non" and answers.get("cpt_lieu_code_postal"):
        postcode = str(answers.get("cpt_lieu_code_postal", ""))
    else:
        postcode = str(answers.get("dem_adresse_code_postal", ""))
    services = db.exec(select(CustomsService).order_by(col(CustomsService.id))).all()
    index = competent_index(departement_of(postcode), [s.departements for s in services])
    if index is not None:
        return services[index]
    return services[0] if services else None  # no service covers it: the first one routes it


def submit(
    ctx: SessionContext, dossier_id: int, expected_version: int, now: datetime | None = None
) -> SubmitResult:
    """Transition 2 « Valider »: full checks again, number, date, service, then DEPOSEE through the
    workflow (``services.workflow.apply``) — once, even if clicked twice."""
    from .workflow import ActionInput, apply

    problem = refused(ctx.company_role, Right.DEPOSER) if ctx.acts_for_companies else ""
    if problem:
        return SubmitResult(False, message=problem)
    now = now or now_utc()
    with session_scope() as db:
        company_id = operator_company(ctx)
        lock_row(db, Dossier, dossier_id)  # a second click waits here, then sees it filed
        dossier = db.get(Dossier, dossier_id)
        if dossier is None or dossier.company_id != company_id:
            return SubmitResult(False, message="Ce dossier est introuvable.")
        if dossier.statut != DossierStatus.BROUILLON.value:
            # Already submitted (double click, replayed event): the same outcome, no second submission.
            return SubmitResult(
                dossier.numero is not None, numero=dossier.numero or "", message="Demande déjà déposée."
            )
        if dossier.version != expected_version:
            return SubmitResult(
                False, message="Le brouillon a changé entre-temps : rechargez la page puis validez."
            )
        data = _form_data(dossier, _filed_by_representative(db, dossier))
        context = data.context(paris_today(now))
        findings = check_dossier(data.answers, context)
        if blocking(findings):
            return SubmitResult(
                False, findings=findings, message="La demande comporte des erreurs à corriger."
            )
        previous = db.get(Authorisation, dossier.authorisation_id) if dossier.authorisation_id else None
        # An avenant or a renewal goes to the service that issued the authorisation.
        service = (
            db.get(CustomsService, previous.service_id)
            if previous and previous.service_id
            else competent_service(db, data.answers)
        )
        dossier.numero = dossier_number(now.year, next_value(db, dossier_counter(now.year)))
        dossier.submitted_at = now
        dossier.service_id = service.id if service else None
        dossier.answers = json.dumps(
            submitted_answers(data.answers, context) | {"val_date": context.today.isoformat()},
            ensure_ascii=False,
        )
        dossier.version = expected_version + 1
        message = f"Demande validée et transmise au service des douanes{' (' + service.name + ')' if service else ''}."
        apply(db, ctx, dossier, Action.DEPOSER, ActionInput(message=message), now)
        return SubmitResult(True, numero=dossier.numero)


def delete_draft(ctx: SessionContext, dossier_id: int) -> str:
    """Transition 3 « Supprimer le brouillon »: a draft goes, with its own history, its files and its
    notifications, for its company only. Returns what the user may call it (« Brouillon n° 12 »)."""
    with session_scope() as db:
        lock_row(db, Dossier, dossier_id)
        dossier = _editable_draft(db, ctx, dossier_id)
        keys = db.exec(select(Attachment.storage_key).where(Attachment.dossier_id == dossier_id)).all()
        # The one removal of history rows allowed (they refuse ORM updates and deletes, models.py):
        # a draft was never filed, so nobody else ever saw it.
        for table in (ChainLink, Attachment, Notification, DossierEvent):
            db.execute(delete(table).where(col(table.dossier_id) == dossier_id))
        db.delete(dossier)
        revocations.revoke_after_commit(db, revocations.dossier(dossier_id))
        changed_in_lists(db, dossier)
    for key in keys:  # after the commit: a failed deletion keeps the files of the draft it keeps
        storage().delete(key)
    return f"Brouillon n° {dossier_id}"
