"""The one way an entry is added to a dossier's history (append-only, chained: ``services/chain.py``)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from ..domain.clock import Step
from ..domain.formatting import paris_today
from ..domain.history import EventKind
from ..domain.statuses import DossierStatus
from ..domain.workflow import Action
from ..models import DossierEvent


def record_event(
    db: Session,
    dossier_id: int,
    *,
    at: datetime,
    kind: EventKind,
    actor_label: str,
    actor_user_id: int | None = None,
    message: str = "",
    from_status: DossierStatus | None = None,
    to_status: DossierStatus | None = None,
    action: Action | None = None,
    step: Step | None = None,
    step_day: date | None = None,
    days: int | None = None,
    by_customs: bool = False,
    choice: str | None = None,
    grounds: str | None = None,
    confidential: bool = False,
) -> DossierEvent:
    """Add one history entry. A step that counts for the time limits is dated on ``step_day``
    (by default the Paris day of ``at``)."""
    event = DossierEvent(
        choice=choice or None,
        grounds=grounds or None,
        confidential=True if confidential else None,
        dossier_id=dossier_id,
        occurred_at=at,
        actor_user_id=actor_user_id,
        actor_label=actor_label,
        kind=kind.value,
        from_status=from_status.value if from_status else None,
        to_status=to_status.value if to_status else None,
        message=message,
        action=action.value if action else None,
        step=step.value if step else None,
        step_day=(step_day or paris_today(at)) if step else None,
        days=days,
        by_customs=by_customs,
    )
    db.add(event)
    return event
