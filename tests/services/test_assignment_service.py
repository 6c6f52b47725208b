"""« Suivi par » against a real database: the service's agents only, the lead's rights, one internal
history entry per change (never shown to the applicant), dossiers released when an agent leaves."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from soprano_app.db import session_scope
from soprano_app.domain.accounts import AccountInput
from soprano_app.domain.assignment import Move
from soprano_app.domain.statuses import Bucket
from soprano_app.models import Dossier, DossierEvent, User
from soprano_app.services import accounts, assignment, dashboard, dossiers
from tests.fixtures import ctx_of, filed_application

pytestmark = pytest.mark.usefixtures("demo")

LEAD, AGENT, LILLE = "agent@demo.fr", "agent.lyon@demo.fr", "agent.lille@demo.fr"


def _user_id(email: str) -> int:
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
    assert user.id is not None
    return user.id


def _follower(dossier_id: int) -> int | None:
    with session_scope() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        return dossier.assigned_to_id


def _suivi_entries(dossier_id: int) -> list[DossierEvent]:
    with session_scope() as db:
        return list(
            db.exec(
                select(DossierEvent)
                .where(DossierEvent.dossier_id == dossier_id)
                .where(DossierEvent.kind == "suivi")
                .order_by(col(DossierEvent.id))
            ).all()
        )


def test_an_agent_takes_a_dossier_the_lead_reassigns_it_each_change_in_the_history() -> None:
    dossier_id = filed_application()
    agent, lead = ctx_of(AGENT), ctx_of(LEAD)
    view = assignment.follow_view(agent, dossier_id)
    assert (
        view is not None and view.agent_id == 0 and view.may_take and not view.is_lead and view.agents == []
    )

    assert assignment.change(agent, dossier_id, Move.TAKE) == "Dossier pris en charge par Thomas Bernard."
    assert _follower(dossier_id) == _user_id(AGENT)
    with pytest.raises(assignment.AssignmentError, match="responsable"):
        assignment.change(agent, dossier_id, Move.ASSIGN, _user_id(LEAD))

    lead_view = assignment.follow_view(lead, dossier_id)
    assert lead_view is not None and lead_view.is_lead and lead_view.agent_name == "Thomas Bernard"
    assert {a.full_name for a in lead_view.agents} == {"Sophie Martin", "Thomas Bernard"}
    assignment.change(lead, dossier_id, Move.ASSIGN, _user_id(LEAD))
    assert _follower(dossier_id) == _user_id(LEAD)
    with pytest.raises(assignment.AssignmentError, match="agent actif"):  # not an agent of Lyon
        assignment.change(lead, dossier_id, Move.ASSIGN, _user_id(LILLE))

    entries = _suivi_entries(dossier_id)
    assert [e.message for e in entries] == [
        "Dossier pris en charge par Thomas Bernard.",
        "Dossier affecté à Sophie Martin par Sophie Martin (auparavant : Thomas Bernard).",
    ]
    assert all(e.confidential and e.by_customs for e in entries)


def test_the_applicant_never_sees_who_follows_the_dossier() -> None:
    dossier_id = filed_application()
    assignment.change(ctx_of(AGENT), dossier_id, Move.TAKE)
    operator = ctx_of("operateur@demo.fr")
    view = dossiers.get_dossier(operator, dossier_id)
    assert view is not None
    assert all(entry.kind != "suivi" and "Bernard" not in entry.message for entry in view.history)
    customs_view = dossiers.get_dossier(ctx_of(AGENT), dossier_id)
    assert customs_view is not None
    assert any(entry.kind == "suivi" and entry.internal for entry in customs_view.history)
    assert assignment.follow_view(operator, dossier_id) is None
    with pytest.raises(assignment.AssignmentError, match="agents du service"):
        assignment.change(operator, dossier_id, Move.TAKE)


def test_another_services_agent_cannot_touch_it() -> None:
    dossier_id = filed_application()
    lille = ctx_of(LILLE)
    assert assignment.follow_view(lille, dossier_id) is None
    with pytest.raises(assignment.AssignmentError, match="introuvable"):
        assignment.change(lille, dossier_id, Move.TAKE)
    assert _follower(dossier_id) is None


def test_the_queue_filters_mine_and_nobodys_and_shows_the_follower() -> None:
    dossier_id = filed_application()
    agent = ctx_of(AGENT)
    every = [Bucket.A_TRAITER, Bucket.EN_ATTENTE, Bucket.CLOTURES]
    assert dashboard.list_dossiers(agent, every, follow="moi", page_size=50).total == 0
    nobodys = dashboard.list_dossiers(agent, every, follow="aucun", page_size=50).total
    assignment.change(agent, dossier_id, Move.TAKE)
    mine = dashboard.list_dossiers(agent, every, follow="moi", page_size=50)
    assert [row.id for row in mine.rows] == [dossier_id] and mine.rows[0].suivi_par == "Thomas Bernard"
    assert dashboard.list_dossiers(agent, every, follow="aucun", page_size=50).total == nobodys - 1
    assert dashboard.list_dossiers(ctx_of(LEAD), every, follow="moi", page_size=50).total == 0
    operator_rows = dashboard.list_dossiers(ctx_of("operateur@demo.fr"), every, follow="moi", page_size=50)
    assert dossier_id in [r.id for r in operator_rows.rows]  # the filter means nothing to the applicant
    assert all(r.suivi_par == "" for r in operator_rows.rows)


def test_an_agent_who_leaves_releases_his_dossiers() -> None:
    dossier_id = filed_application()
    assignment.change(ctx_of(AGENT), dossier_id, Move.TAKE)
    admin = ctx_of("admin@demo.fr")
    accounts.set_active(admin, _user_id(AGENT), False)
    assert _follower(dossier_id) is None
    assert _suivi_entries(dossier_id)[-1].message == (
        "Suivi libéré : Thomas Bernard ne fait plus partie du service. À réaffecter."
    )


def test_the_administrator_names_a_lead() -> None:
    admin = ctx_of("admin@demo.fr")
    agent_id = _user_id(AGENT)
    with session_scope() as db:
        user = db.get(User, agent_id)
        assert user is not None and not user.service_lead
        data = AccountInput(
            user.email, user.first_name, user.last_name, user.role, None, user.service_id, service_lead=True
        )
    accounts.update_account(admin, agent_id, data)
    view = assignment.follow_view(ctx_of(AGENT), filed_application())
    assert view is not None and view.is_lead
    operator_id = _user_id("operateur@demo.fr")
    with session_scope() as db:
        operator = db.get(User, operator_id)
        assert operator is not None
        as_lead = AccountInput(
            operator.email,
            operator.first_name,
            operator.last_name,
            operator.role,
            operator.company_id,
            None,
            operator.company_role,
            service_lead=True,
        )
    accounts.update_account(admin, operator_id, as_lead)
    with session_scope() as db:
        operator = db.get(User, operator_id)
        assert operator is not None and not operator.service_lead  # only an agent leads a service
