"""Reading one dossier and its history, within the session's scope."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from .. import routes
from ..db import session_scope
from ..domain.formatting import format_date, format_datetime
from ..domain.history import EVENT_KIND_LABELS, EventKind
from ..domain.letters import DOSSIER_LETTERS
from ..domain.notification import describe as describe_notice
from ..domain.notification import is_notified_decision
from ..domain.regimes import REGIME_LABELS, TYPE_DEMANDE_LABELS, Regime, TypeDemande
from ..domain.statuses import FINAL_STATUSES, STATUS_LABELS, DossierStatus, Side, bucket_of
from ..models import Authorisation, CustomsService, Dossier, DossierEvent
from . import notices
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
    notice: str = ""  # when the decision reached the applicant (domain/notification.py)
    appeal: str = ""  # the last day to appeal, counted from the notification
    effect: str = ""  # the day it takes effect
    confidential: bool = False  # kept from the applicant (customs only see it)
    internal: bool = False  # the service's own organisation (« Suivi par »): never the applicant's


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
    decision_notice: str = ""  # when it was notified, when it takes effect, until when it may be appealed


def get_dossier(ctx: SessionContext, dossier_id: int) -> DossierView | None:
    """The dossier if ``ctx`` may see it, else None (the caller shows « introuvable »). The applicant's
    side opening it notifies its decisions (services/notices.py), and never sees what customs kept
    from it (RDC art. 13(3))."""
    side = acting_side(ctx)
    for_applicant = side is Side.OPERATOR
    with session_scope() as db:
        found = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
        if found is None:
            return None
        dossier, company_name = found
        if for_applicant and dossier.statut != DossierStatus.BROUILLON.value:
            notices.record_opening(db, "dossier", dossier_id, ctx.user_id or None)
        service = db.get(CustomsService, dossier.service_id) if dossier.service_id else None
        query = select(DossierEvent).where(DossierEvent.dossier_id == dossier_id)
        if for_applicant:
            query = query.where(col(DossierEvent.confidential).is_not(True))
        events = db.exec(
            query.order_by(col(DossierEvent.occurred_at).desc(), col(DossierEvent.id).desc())
        ).all()
        noticed = notices.notices_of(db, "dossier", [e.id for e in events if e.id is not None])
        granted = db.exec(select(Authorisation).where(Authorisation.dossier_id == dossier_id)).first()
    assert dossier.id is not None
    status = DossierStatus(dossier.statut)
    start = granted.valid_from if granted else None
    history = _entries(events, noticed, start)
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
        echeance=format_date(dossier.echeance_demandeur if for_applicant else dossier.echeance),
        history=history,
        autorisation_id=granted.id or 0 if granted else 0,
        autorisation_numero=granted.numero if granted else "",
        **_decision(events, status, history),
    )


def _decision(
    events_newest_first: Sequence[DossierEvent], status: DossierStatus, history: list[HistoryEntry]
) -> dict[str, str]:
    if status not in FINAL_STATUSES:
        return {}
    found = next(
        ((e, h) for e, h in zip(events_newest_first, history, strict=True) if e.to_status == status.value),
        None,
    )
    if found is None:
        return {}
    closing, entry = found
    notice = " ".join(part for part in (entry.notice, entry.effect, entry.appeal) if part)
    return {
        "decision_date": format_datetime(closing.occurred_at),
        "decision_text": closing.message,
        "decision_notice": notice,
    }


def _entries(
    events_newest_first: Sequence[DossierEvent], noticed: dict[int, notices.Notice], start: date | None
) -> list[HistoryEntry]:
    """Entries newest first, each with the status the dossier had at that moment."""
    entries = []
    status = DossierStatus.BROUILLON
    for event in reversed(events_newest_first):
        if event.to_status:
            status = DossierStatus(event.to_status)
        entries.append(_entry(event, STATUS_LABELS[status], noticed, start))
    return entries[::-1]


def _notice_facts(
    event: DossierEvent, noticed: dict[int, notices.Notice], start: date | None
) -> dict[str, str]:
    action = event.action or ""
    if event.id is None or not is_notified_decision(action):
        return {}
    notice = noticed.get(event.id)
    facts = describe_notice(
        action,
        notice.notified_at if notice else None,
        notice.means if notice else "",
        adverse=DOSSIER_LETTERS[action].adverse,
        set_date=start if action == "accorder" else None,
    )
    return {"notice": facts.notified, "appeal": facts.appeal, "effect": facts.effect}


def _entry(
    event: DossierEvent, status_at: str, noticed: dict[int, notices.Notice], start: date | None
) -> HistoryEntry:
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
        confidential=bool(event.confidential) and kind is not EventKind.SUIVI,
        internal=kind is EventKind.SUIVI,
        **_notice_facts(event, noticed, start),
    )
