"""« Vues enregistrées »: a user names the filters of his dossier list and finds them again, with
the number of dossiers each one holds now. A view belongs to its user; its filters are checked again
each time it is used (they only ever narrow the session's own scope)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from ..app_clock import now_utc
from ..db import session_scope
from ..models import SavedView
from . import dashboard
from .auth import SessionContext

MAX_VIEWS = 20
MAX_NAME = 60


class ViewError(Exception):
    """A view refused, with its reason in French."""


@dataclass(frozen=True)
class ViewSummary:
    id: int
    name: str
    filters: dict[str, Any]
    count: int  # dossiers in the view now


def clean_filters(raw: dict[str, Any]) -> dashboard.ListFilter:
    """A view's filters as the list understands them; anything unknown is dropped."""
    statuses = raw.get("statuts")
    return dashboard.list_filter(
        statuses if isinstance(statuses, list) else [],
        search=raw.get("recherche", ""),
        follow=raw.get("suivi", ""),
        sort=raw.get("tri", ""),
        order=raw.get("ordre", ""),
        regime=raw.get("regime", ""),
        type_demande=raw.get("type_demande", ""),
        overdue=raw.get("en_retard") is True,
    )


def as_raw(chosen: dashboard.ListFilter) -> dict[str, Any]:
    return {
        "statuts": [b.value for b in chosen.buckets],
        "recherche": chosen.search,
        "suivi": chosen.follow,
        "tri": chosen.sort,
        "ordre": "desc" if chosen.descending else "asc",
        "regime": chosen.regime,
        "type_demande": chosen.type_demande,
        "en_retard": chosen.overdue,
    }


def list_views(ctx: SessionContext) -> list[ViewSummary]:
    with session_scope() as db:
        views = db.exec(
            select(SavedView).where(SavedView.user_id == ctx.user_id).order_by(col(SavedView.name))
        ).all()
    summaries = []
    for view in views:
        chosen = clean_filters(json.loads(view.filters or "{}"))
        summaries.append(
            ViewSummary(view.id or 0, view.name, as_raw(chosen), dashboard.count_in_view(ctx, chosen))
        )
    return summaries


def save_view(
    ctx: SessionContext, name: str, chosen: dashboard.ListFilter, now: datetime | None = None
) -> int:
    name = " ".join(name.split())
    if not name:
        raise ViewError("Donnez un nom à la vue.")
    if len(name) > MAX_NAME:
        raise ViewError(f"Le nom d'une vue compte au plus {MAX_NAME} caractères.")
    with session_scope() as db:
        mine = db.exec(select(SavedView).where(SavedView.user_id == ctx.user_id)).all()
        same = next((v for v in mine if v.name.casefold() == name.casefold()), None)
        if same is None and len(mine) >= MAX_VIEWS:
            raise ViewError(f"Vous avez déjà {MAX_VIEWS} vues : supprimez-en une d'abord.")
        view = same or SavedView(user_id=ctx.user_id, name=name, created_at=now or now_utc())
        view.filters = json.dumps(as_raw(chosen), ensure_ascii=False)  # the same name: replaced
        db.add(view)
        db.flush()
        assert view.id is not None
        return view.id


def get_view(ctx: SessionContext, view_id: int) -> dashboard.ListFilter | None:
    with session_scope() as db:
        view = db.get(SavedView, view_id)
    if view is None or view.user_id != ctx.user_id:
        return None
    return clean_filters(json.loads(view.filters or "{}"))


def delete_view(ctx: SessionContext, view_id: int) -> None:
    with session_scope() as db:
        view = db.get(SavedView, view_id)
        if view is not None and view.user_id == ctx.user_id:
            db.delete(view)
