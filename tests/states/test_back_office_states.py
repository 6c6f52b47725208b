"""Handlers of the volume features called as a crafted client could: « Suivi par » and « Notes
internes » (the applicant and another service's agent change nothing and learn nothing), the
representative's « Portefeuille » (only his companies, only the application's own pages)."""

from __future__ import annotations

import pytest
import reflex as rx

from soprano_app.db import session_scope
from soprano_app.models import Dossier
from soprano_app.services import auth, dossier_notes
from soprano_app.state.follow import FollowState
from soprano_app.state.notes import NotesState
from soprano_app.state.portfolio import PortfolioState
from tests.fixtures import accepted, browse, company_id, ctx_of, filed_application, redirect_target, substate

pytestmark = pytest.mark.usefixtures("demo")


def _follower(dossier_id: int) -> int | None:
    with session_scope() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        return dossier.assigned_to_id


async def _follow(root: rx.State, email: str, dossier_id: int) -> FollowState:
    browse(root, f"/dossiers/{dossier_id}", accepted(email))
    state = substate(root, FollowState)
    await state.load_for(dossier_id)
    return state


@pytest.mark.parametrize("email", ["operateur@demo.fr", "agent.lille@demo.fr"])
async def test_outsiders_see_nothing_and_change_nothing(root_state: rx.State, email: str) -> None:
    dossier_id = filed_application()
    state = await _follow(root_state, email, dossier_id)
    assert not state.visible and state.agents == [] and state.agent_name == ""
    state._dossier_id = dossier_id  # even a tab that somehow holds the id
    await state.take()
    assert _follower(dossier_id) is None and state.error  # refused, with its reason
    state.agents = [{"id": "1", "name": "X"}]  # a client cannot widen the choices either: vars are
    state.choose("1")  # the server's, and the service checks the agent again
    await state.assign()
    assert _follower(dossier_id) is None


async def test_an_agent_of_the_service_takes_it_and_gives_it_back(root_state: rx.State) -> None:
    dossier_id = filed_application()
    state = await _follow(root_state, "agent.lyon@demo.fr", dossier_id)
    assert state.visible and state.may_take and not state.is_lead
    events = await state.take()
    assert events and _follower(dossier_id) is not None
    await state.load_for(dossier_id)
    assert state.agent_name == "Thomas Bernard" and state.may_release and not state.may_take
    await state.release()
    assert _follower(dossier_id) is None


async def test_the_lead_assigns_to_an_agent_of_his_list_only(root_state: rx.State) -> None:
    dossier_id = filed_application()
    state = await _follow(root_state, "agent@demo.fr", dossier_id)
    assert state.is_lead and {a["name"] for a in state.agents} == {"Sophie Martin", "Thomas Bernard"}
    state.choose("999999")
    assert state.chosen == ""
    await state.assign()
    assert state.error == "Choisissez l'agent qui suivra ce dossier." and _follower(dossier_id) is None
    thomas = next(a["id"] for a in state.agents if a["name"] == "Thomas Bernard")
    state.choose(thomas)
    await state.assign()
    assert _follower(dossier_id) == int(thomas)


@pytest.mark.parametrize("email", ["operateur@demo.fr", "agent.lille@demo.fr"])
async def test_notes_stay_within_the_service_whatever_the_client_sends(
    root_state: rx.State, email: str
) -> None:
    dossier_id = filed_application()
    browse(root_state, f"/dossiers/{dossier_id}", accepted("agent.lyon@demo.fr"))
    agent_notes = substate(root_state, NotesState)
    await agent_notes.load_for(dossier_id)
    agent_notes.set_draft("Note du service, confidentielle.")
    await agent_notes.add()
    assert [n["text"] for n in agent_notes.notes] == ["Note du service, confidentielle."]

    browse(root_state, f"/dossiers/{dossier_id}", accepted(email))  # another session in this tab
    notes = substate(root_state, NotesState)
    await notes.load_for(dossier_id)
    assert not notes.visible and notes.notes == []
    notes._dossier_id = dossier_id  # a tab that somehow holds the id
    notes.set_draft("Intrusion")
    await notes.add()
    assert notes.error and notes.notes == []
    ctx = ctx_of("agent.lyon@demo.fr")
    assert [n.text for n in dossier_notes.notes_of(ctx, dossier_id) or []] == [
        "Note du service, confidentielle."
    ]


async def test_the_portfolio_opens_only_its_own_companies_items(root_state: rx.State) -> None:
    token = accepted("representant@demo.fr")
    auth.choose_company(token, company_id("90012345600015"))  # acting for Ateliers Durand
    browse(root_state, "/portefeuille", token)
    state = substate(root_state, PortfolioState)
    await state.load()
    ids = {c["name"]: int(c["id"]) for c in state.companies}
    durand, verrerie = ids["Ateliers Durand SAS"], ids["Verrerie du Nord SA"]
    assert redirect_target(await state.open_item(durand, "/dossiers/1")) == "/dossiers/1"  # no switch
    assert await state.open_item(999_999, "/dossiers/1") is None and not state.switch_open  # not his
    assert await state.open_item(verrerie, "https://evil.example/") is None and not state.switch_open
    await state.open_item(verrerie, "/dossiers/2")
    assert state.switch_open and state.switch_label == "Verrerie du Nord SA"
    assert redirect_target(await state.confirm_switch()) == "/dossiers/2"
    ctx = auth.resolve_session(token)
    assert ctx is not None and ctx.company is not None and ctx.company.id == verrerie
