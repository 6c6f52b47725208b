"""Reading one dossier and its history, within the session's scope."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col, select

from .. import routes
from ..db import session_scope
from ..domain.formatting import format_date, format_datetime
from ..domain.history import EVENT_KIND_LABELS, EventKind
from ..domain.letters import DOSSIER_LETTERS
from ..domain.regimes import REGIME_LABELS, TYPE_DEMANDE_LABELS, Regime, TypeDemande
from ..domain.statuses import FINAL_STATUSES, STATUS_LABELS, DossierStatus, bucket_of
from ..models import Authorisation, CustomsService, Dossier, DossierEvent
from .access import acting_side, scoped_dossiers
from .auth import SessionContext


@dataclass(frozen=True)
class HistoryEntry:
    date: str
    author: str
    kind: str
    kind_label: str
    change: str  # « Déposée → Acceptée — en cours d'instruction », or empty
    message: str
    status_at: str  # the dossier's status at that moment
    by_customs: bool
    letter_url: str = ""  # the decision letter (PDF) of this step, if it is a decision


@dataclass(frozen=True)
class DossierView:
    id: int
    numero: str
    entreprise: str
    service: str
    regime: str
    regime_label: str
    type_demande_label: str
    statut: str
    statut_label: str
    bucket: str
    created_at: str
    updated_at: str
    submitted_at: str
    echeance: str
    history: list[HistoryEntry]
    autorisation_id: int = 0  # the authorisation granted on this application, if any
    autorisation_numero: str = ""
    decision_date: str = ""  # when the application was closed (granted, refused, withdrawn…)
    decision_text: str = ""  # with its grounds and means of appeal


def get_dossier(ctx: SessionContext, dossier_id: int) -> DossierView | None:
    """The dossier if ``ctx`` may see it, else None (the caller shows « introuvable »)."""
    with session_scope() as db:
        found = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
        if found is None:
            return None
        dossier, company_name = found
        service = db.get(CustomsService, dossier.service_id) if dossier.service_id else None
        events = db.exec(
            select(DossierEvent)
            .where(DossierEvent.dossier_id == dossier_id)
            .order_by(col(DossierEvent.occurred_at).desc(), col(DossierEvent.id).desc())
        ).all()
        granted = db.exec(select(Authorisation).where(Authorisation.dossier_id == dossier_id)).first()
    assert dossier.id is not None
    status = DossierStatus(dossier.statut)
    return DossierView(
        id=dossier.id,
        numero=dossier.numero or f"Brouillon n° {dossier.id}",
        entreprise=company_name,
        service=service.name if service else "",
        regime=dossier.regime,
        regime_label=REGIME_LABELS[Regime(dossier.regime)],
        type_demande_label=TYPE_DEMANDE_LABELS[TypeDemande(dossier.type_demande)],
        statut=status.value,
        statut_label=STATUS_LABELS[status],
        bucket=bucket_of(status, acting_side(ctx)).value,
        created_at=format_datetime(dossier.created_at),
        updated_at=format_datetime(dossier.updated_at),
        submitted_at=format_datetime(dossier.submitted_at),
        echeance=format_date(dossier.echeance),
        history=_entries(events),
        autorisation_id=granted.id or 0 if granted else 0,
        autorisation_numero=granted.numero if granted else "",
        **_decision(events, status),
    )


def _decision(events_newest_first: Sequence[DossierEvent], status: DossierStatus) -> dict[str, str]:
    if status not in FINAL_STATUSES:
        return {}
    closing = next((e for e in events_newest_first if e.to_status == status.value), None)
    if closing is None:
        return {}
    return {"decision_date": format_datetime(closing.occurred_at), "decision_text": closing.message}


def _entries(events_newest_first: Sequence[DossierEvent]) -> list[HistoryEntry]:
    """Entries newest first, each with the status the dossier had at that moment."""
    entries = []
    status = DossierStatus.BROUILLON
    for event in reversed(events_newest_first):
        if event.to_status:
            status = DossierStatus(event.to_status)
        entries.append(_entry(event, STATUS_LABELS[status]))
    return entries[::-1]


def _entry(event: DossierEvent, status_at: str) -> HistoryEntry:
    kind = EventKind(event.kind)
    change = ""
    if event.to_status and kind is not EventKind.CREATION:
        before = STATUS_LABELS[DossierStatus(event.from_status)] if event.from_status else ""
        after = STATUS_LABELS[DossierStatus(event.to_status)]
        change = f"{before} → {after}" if before else after
    return HistoryEntry(
        date=format_datetime(event.occurred_at),
        author=event.actor_label,
        kind=kind.value,
        kind_label=EVENT_KIND_LABELS[kind],
        change=change,
        message=event.message,
        status_at=status_at,
        by_customs=event.by_customs,
        letter_url=routes.dossier_letter_path(event.dossier_id, event.id)
        if event.id is not None and (event.action or "") in DOSSIER_LETTERS
        else "",
    )
