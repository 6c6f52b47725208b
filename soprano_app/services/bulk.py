"""Bulk actions of the customs queue: one step, or one « Suivi par » change, on several dossiers.

Each dossier goes through the same service as the single action (``workflow.perform``,
``assignment.change``), in its own transaction: its checks, its history entry, its notifications.
One refusal does not stop the others; the result says, per dossier, done or refused and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from ..db import session_scope
from ..domain import workflow as wf
from ..domain.assignment import Move
from ..models import Dossier
from . import assignment, workflow
from .access import AccessDenied, dossier_scope
from .auth import SessionContext


@dataclass(frozen=True)
class BulkResult:
    dossier_id: int
    numero: str  # « n° 42 » for a dossier the session may not see (its number is not disclosed)
    done: bool
    message: str  # what was done, or why not (French)


def _ids(raw: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(i for i in raw if isinstance(i, int) and i > 0))
    if not ids:
        raise wf.WorkflowError("Sélectionnez au moins un dossier.")
    if len(ids) > wf.MAX_BULK:
        raise wf.WorkflowError(f"Une action en lot porte sur {wf.MAX_BULK} dossiers au plus.")
    return ids


def _numbers(ctx: SessionContext, ids: list[int]) -> dict[int, str]:
    try:
        scope = dossier_scope(ctx)
    except AccessDenied:
        return {}
    with session_scope() as db:
        rows = db.exec(select(Dossier.id, Dossier.numero).where(col(Dossier.id).in_(ids)).where(*scope)).all()
    return {i: str(n or f"Brouillon n° {i}") for i, n in rows if i is not None}


def _each(ctx: SessionContext, raw_ids: Iterable[int], act: Callable[[int], str]) -> list[BulkResult]:
    ids = _ids(raw_ids)
    numbers = _numbers(ctx, ids)
    results = []
    for dossier_id in ids:
        label = numbers.get(dossier_id, f"n° {dossier_id}")
        try:
            results.append(BulkResult(dossier_id, label, True, act(dossier_id)))
        except (wf.WorkflowError, assignment.AssignmentError) as exc:
            results.append(BulkResult(dossier_id, label, False, str(exc)))
    return results


def bulk_step(
    ctx: SessionContext,
    dossier_ids: Iterable[int],
    action: wf.Action,
    message: str = "",
    now: datetime | None = None,
) -> list[BulkResult]:
    if action not in wf.BULK_ACTIONS:
        raise wf.WorkflowError("Cette étape ne se prend pas en lot : ouvrez chaque dossier.")
    data = workflow.ActionInput(message=message)
    return _each(ctx, dossier_ids, lambda i: workflow.perform(ctx, i, action, data, now).message)


def bulk_follow(
    ctx: SessionContext, dossier_ids: Iterable[int], move: Move, agent_id: int = 0
) -> list[BulkResult]:
    """« Prendre en charge » or (the lead) « Affecter à » on each selected dossier."""
    return _each(ctx, dossier_ids, lambda i: assignment.change(ctx, i, move, agent_id))
