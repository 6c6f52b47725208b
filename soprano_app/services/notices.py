"""Proof of notification (domain/notification.py): recorded once per decision, whichever comes first —
the applicant's side opening the dossier, the authorisation or the letter, or the mail server
accepting the e-mail that announces the decision."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from ..app_clock import now_utc
from ..db import DATABASE_DOWN, session_scope
from ..domain.notification import Means, is_notified_decision
from ..models import AuthorisationEvent, DecisionNotice, DossierEvent

logger = logging.getLogger(__name__)

On = Literal["dossier", "authorisation"]


@dataclass(frozen=True)
class NoticeKey:
    """The decision an e-mail announces: a dossier's or an authorisation's history entry."""

    on: On
    event_id: int


def _column(on: On) -> str:
    return "dossier_event_id" if on == "dossier" else "authorisation_event_id"


def _insert_new(
    db: Session, on: On, event_ids: Iterable[int], at: datetime, means: Means, **who: object
) -> None:
    """One notice per decision; a decision already notified keeps its first notice."""
    rows = [
        {_column(on): event_id, "notified_at": at, "means": means.value, "recipient": "", **who}
        for event_id in event_ids
    ]
    if not rows:
        return
    insert = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    db.execute(insert(DecisionNotice).values(rows).on_conflict_do_nothing(index_elements=[_column(on)]))


def _unnotified(db: Session, on: On, parent_id: int) -> list[int]:
    """The decisions of a dossier or an authorisation that have no notice yet."""
    if on == "dossier":
        rows = db.exec(
            select(DossierEvent.id, DossierEvent.action)
            .outerjoin(DecisionNotice, col(DecisionNotice.dossier_event_id) == DossierEvent.id)
            .where(DossierEvent.dossier_id == parent_id)
            .where(col(DossierEvent.action).is_not(None))
            .where(col(DossierEvent.confidential).is_not(True))
            .where(col(DecisionNotice.id).is_(None))
        ).all()
        return [event_id for event_id, action in rows if event_id and is_notified_decision(action)]
    found = db.exec(
        select(AuthorisationEvent.id, AuthorisationEvent.action)
        .outerjoin(DecisionNotice, col(DecisionNotice.authorisation_event_id) == AuthorisationEvent.id)
        .where(AuthorisationEvent.authorisation_id == parent_id)
        .where(col(DecisionNotice.id).is_(None))
    ).all()
    return [
        event_id
        for event_id, action in found
        if event_id and is_notified_decision(action, on_authorisation=True)
    ]


def record_opening(
    db: Session, on: On, parent_id: int, user_id: int | None, at: datetime | None = None
) -> None:
    """The applicant's side opened the dossier or the authorisation: its decisions are notified.
    The caller checked that the session belongs to the applicant's side and may see it."""
    _insert_new(db, on, _unnotified(db, on, parent_id), at or now_utc(), Means.OUVERTURE, user_id=user_id)


def record_mail_accepted(key: NoticeKey, recipient: str, at: datetime | None = None) -> None:
    """The mail server accepted the e-mail announcing a decision (called from the mail thread)."""
    try:
        with session_scope() as db:
            _insert_new(
                db, key.on, [key.event_id], at or now_utc(), Means.COURRIEL, recipient=recipient[:254]
            )
    except DATABASE_DOWN:
        logger.exception("notice of decision %s not recorded", key)


@dataclass(frozen=True)
class Notice:
    notified_at: datetime
    means: str


def notices_of(db: Session, on: On, event_ids: list[int]) -> dict[int, Notice]:
    if not event_ids:
        return {}
    column = col(
        DecisionNotice.dossier_event_id if on == "dossier" else DecisionNotice.authorisation_event_id
    )
    rows = db.exec(select(DecisionNotice).where(column.in_(event_ids))).all()
    return {
        int(getattr(row, _column(on))): Notice(row.notified_at, row.means)
        for row in rows
        if getattr(row, _column(on)) is not None
    }
