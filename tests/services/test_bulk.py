"""Bulk actions of the customs queue: each dossier checked as if taken alone, one history entry
each, a result per dossier; nothing outside the service moves and its number is not disclosed."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from soprano_app.db import session_scope
from soprano_app.domain.assignment import Move
from soprano_app.domain.workflow import MAX_BULK, Action, WorkflowError
from soprano_app.models import Dossier, DossierEvent
from soprano_app.services import bulk
from tests.fixtures import ctx_of, filed_application

pytestmark = pytest.mark.usefixtures("demo")


def _status(dossier_id: int) -> str:
    with session_scope() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        return dossier.statut


def _acceptances(dossier_id: int) -> int:
    with session_scope() as db:
        return len(
            db.exec(
                select(DossierEvent)
                .where(DossierEvent.dossier_id == dossier_id)
                .where(col(DossierEvent.action) == Action.ACCEPTER.value)
            ).all()
        )


def _lille_dossier() -> int:
    lille = ctx_of("agent.lille@demo.fr")
    with session_scope() as db:
        found = db.exec(select(Dossier.id).where(Dossier.service_id == lille.service_id)).first()
    assert found is not None
    return found


def test_a_bulk_acceptance_reports_each_dossier() -> None:
    first, second = filed_application(), filed_application()
    bulk.bulk_step(ctx_of("agent@demo.fr"), [second], Action.ACCEPTER)  # already accepted below
    elsewhere = _lille_dossier()
    results = bulk.bulk_step(ctx_of("agent.lyon@demo.fr"), [first, second, elsewhere, first], Action.ACCEPTER)
    assert [(r.dossier_id, r.done) for r in results] == [(first, True), (second, False), (elsewhere, False)]
    assert results[0].message and results[0].numero.startswith("RP-")
    assert "Accepter la demande" in results[1].message or results[1].message  # why, in French
    assert results[2].numero == f"n° {elsewhere}" and "introuvable" in results[2].message
    assert _status(first) == "EN_INSTRUCTION" and _acceptances(first) == 1 and _acceptances(second) == 1


def test_only_simple_steps_and_bounded_selections() -> None:
    agent = ctx_of("agent@demo.fr")
    with pytest.raises(WorkflowError, match="ne se prend pas en lot"):
        bulk.bulk_step(agent, [filed_application()], Action.REFUSER)
    with pytest.raises(WorkflowError, match="au plus"):
        bulk.bulk_step(agent, list(range(1, MAX_BULK + 2)), Action.ACCEPTER)
    with pytest.raises(WorkflowError, match="au moins un"):
        bulk.bulk_step(agent, [], Action.ACCEPTER)


def test_the_applicant_cannot_take_customs_steps_in_bulk() -> None:
    dossier_id = filed_application()
    results = bulk.bulk_step(ctx_of("operateur@demo.fr"), [dossier_id], Action.ACCEPTER)
    assert [r.done for r in results] == [False] and _status(dossier_id) == "DEPOSEE"


def test_bulk_follow_up_take_and_the_leads_assignment() -> None:
    first, second = filed_application(), filed_application()
    taken = bulk.bulk_follow(ctx_of("agent.lyon@demo.fr"), [first, second], Move.TAKE)
    assert all(r.done for r in taken)
    lead = ctx_of("agent@demo.fr")
    with session_scope() as db:
        dossier = db.get(Dossier, first)
        assert dossier is not None and dossier.assigned_to_id is not None
    assigned = bulk.bulk_follow(lead, [first, second], Move.ASSIGN, lead.user_id)
    assert all(r.done for r in assigned)
    refused = bulk.bulk_follow(ctx_of("agent.lyon@demo.fr"), [first], Move.ASSIGN, lead.user_id)
    assert not refused[0].done and "responsable" in refused[0].message
