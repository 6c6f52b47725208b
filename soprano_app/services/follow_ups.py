"""Avenants and renewals (guide §5, spec §3.5–§3.6): a new application started from an authorisation,
prefilled with the granted data, then processed like any application."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from ..app_clock import now_utc
from ..db import session_scope
from ..domain.authorisations import Validity, follow_up_answers, follow_up_refused
from ..domain.company_roles import Right
from ..domain.formatting import paris_today
from ..domain.forms import FormContext
from ..domain.forms.diff import Change, changes
from ..domain.history import EventKind
from ..domain.regimes import TYPE_DEMANDE_SHORT_LABELS, Regime, TypeDemande
from ..domain.statuses import FINAL_STATUSES, DossierStatus
from ..models import Authorisation, AuthorisationVersion, Dossier
from .access import AccessDenied, changed_in_lists, require_right, scoped_dossiers
from .auth import SessionContext
from .authorisations import status_in
from .drafts import DraftError, operator_company
from .history import record_event

KINDS = (TypeDemande.AVENANT, TypeDemande.RENOUVELLEMENT)
_OPEN = [s.value for s in DossierStatus if s not in FINAL_STATUSES]


@dataclass(frozen=True)
class FollowUp:
    """What the holder may start from an authorisation, or why not (with the open dossier, if any)."""

    kind: str
    label: str
    refused: str
    open_dossier_id: int


def _open_follow_up(db: Session, authorisation_id: int, kind: TypeDemande) -> Dossier | None:
    return db.exec(
        select(Dossier)
        .where(Dossier.authorisation_id == authorisation_id)
        .where(Dossier.type_demande == kind.value)
        .where(col(Dossier.statut).in_(_OPEN))
    ).first()


def _holders_authorisation(
    db: Session, ctx: SessionContext, authorisation_id: int, lock: bool = False
) -> Authorisation:
    query = select(Authorisation).where(Authorisation.id == authorisation_id)
    query = query.where(Authorisation.company_id == operator_company(ctx))
    found = db.exec(query.with_for_update() if lock else query).first()  # two clicks at once: one draft
    if found is None:
        raise DraftError("Cette autorisation est introuvable.")
    return found


def options(ctx: SessionContext, authorisation_id: int) -> list[FollowUp]:
    """The avenant and renewal buttons of the authorisation page (empty for customs)."""
    with session_scope() as db:
        try:
            authorisation = _holders_authorisation(db, ctx, authorisation_id)
        except (AccessDenied, DraftError):  # not the holder (customs, another company): no button
            return []
        status = status_in(db, authorisation, paris_today(now_utc()))
        result = []
        for kind in KINDS:
            pending = _open_follow_up(db, authorisation_id, kind)
            label = pending.numero or f"Brouillon n° {pending.id}" if pending else None
            result.append(
                FollowUp(
                    kind.value,
                    TYPE_DEMANDE_SHORT_LABELS[kind],
                    follow_up_refused(kind, status, Regime(authorisation.regime), label),
                    pending.id or 0 if pending else 0,
                )
            )
        return result


def start(ctx: SessionContext, authorisation_id: int, kind: TypeDemande) -> int:
    """The draft of an avenant or renewal, or DraftError with the reason in French."""
    try:
        require_right(ctx, Right.DEPOSER)  # asking for an avenant or a renewal: « Dépôt »
    except AccessDenied as exc:
        raise DraftError(str(exc)) from exc
    now = now_utc()
    with session_scope() as db:
        authorisation = _holders_authorisation(db, ctx, authorisation_id, lock=True)
        pending = _open_follow_up(db, authorisation_id, kind)
        status = status_in(db, authorisation, paris_today(now))
        label = (pending.numero or f"Brouillon n° {pending.id}") if pending else None
        refused = follow_up_refused(kind, status, Regime(authorisation.regime), label)
        if refused:
            raise DraftError(refused)
        answers = follow_up_answers(
            json.loads(authorisation.snapshot or "{}"),
            kind,
            authorisation.numero,
            Validity(authorisation.valid_from, authorisation.valid_to),
            paris_today(now),
        )
        dossier = Dossier(
            company_id=authorisation.company_id,
            created_by_id=ctx.user_id,
            regime=authorisation.regime,
            type_demande=kind.value,
            statut=DossierStatus.BROUILLON.value,
            answers=json.dumps(answers, ensure_ascii=False),
            created_at=now,
            updated_at=now,
            authorisation_id=authorisation_id,
        )
        db.add(dossier)
        db.flush()
        changed_in_lists(db, dossier)
        assert dossier.id is not None
        what = "Demande d'avenant" if kind is TypeDemande.AVENANT else "Demande de renouvellement"
        record_event(
            db,
            dossier.id,
            at=now,
            kind=EventKind.CREATION,
            actor_user_id=ctx.user_id,
            actor_label=ctx.full_name,
            to_status=DossierStatus.BROUILLON,
            message=f"{what} pour l'autorisation n° {authorisation.numero} (brouillon).",
        )
        return dossier.id


@dataclass(frozen=True)
class Origin:
    """An avenant or renewal seen from its dossier: the authorisation it starts from, and for an
    avenant what it changes in the version it amends."""

    kind_label: str
    authorisation_id: int
    authorisation_numero: str
    changes: list[Change]


def origin(ctx: SessionContext, dossier_id: int) -> Origin | None:
    """For both sides, within the session's scope; None for a first application."""
    with session_scope() as db:
        try:
            found = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
        except AccessDenied:
            return None
        if found is None or found[0].authorisation_id is None:
            return None
        dossier: Dossier = found[0]
        authorisation = db.get(Authorisation, dossier.authorisation_id)
        if authorisation is None or authorisation.id is None:
            return None
        kind = TypeDemande(dossier.type_demande)
        base = _amended_snapshot(db, authorisation, dossier) if kind is TypeDemande.AVENANT else None
    found_changes: list[Change] = []
    if base is not None:
        answers = json.loads(dossier.answers or "{}")
        context = FormContext(
            regime=Regime(dossier.regime),
            today=paris_today(now_utc()),
            type_entrepot=str(answers.get("type_entrepot", "")),
        )
        found_changes = changes(base, answers, context)
    return Origin(TYPE_DEMANDE_SHORT_LABELS[kind], authorisation.id, authorisation.numero, found_changes)


def _amended_snapshot(db: Session, authorisation: Authorisation, dossier: Dossier) -> dict[str, Any]:
    """The version this avenant amends: the current one, or once granted the one before it."""
    granted = db.exec(
        select(AuthorisationVersion)
        .where(AuthorisationVersion.authorisation_id == authorisation.id)
        .where(AuthorisationVersion.dossier_id == dossier.id)
    ).first()
    if granted is None:
        return dict(json.loads(authorisation.snapshot or "{}"))
    previous = db.exec(
        select(AuthorisationVersion)
        .where(AuthorisationVersion.authorisation_id == authorisation.id)
        .where(AuthorisationVersion.version == granted.version - 1)
    ).first()
    return dict(json.loads(previous.snapshot or "{}")) if previous else {}
