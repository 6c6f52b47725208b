"""Decision-phase handlers called directly: a crafted event cannot take the other side's step."""

import pytest
import reflex as rx
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.models import Company, Dossier
from soprano_app.state.comments import CommentState
from soprano_app.state.decision import DecisionState
from soprano_app.state.dossier import DossierState
from tests.fixtures import accepted, browse, drain, filed_application, substate

pytestmark = pytest.mark.usefixtures("demo")


def deposee() -> int:
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        dossier = db.exec(
            select(Dossier).where(Dossier.company_id == company.id).where(Dossier.statut == "DEPOSEE")
        ).one()
    assert dossier.id is not None
    return dossier.id


def status(dossier_id: int) -> str:
    with session_scope() as db:
        found = db.get(Dossier, dossier_id)
        assert found is not None
        return found.statut


async def test_operator_cannot_take_a_customs_step_even_by_crafting_events(root_state: rx.State) -> None:
    dossier_id = deposee()
    browse(root_state, f"/dossiers/{dossier_id}", accepted("operateur@demo.fr"))
    decision = substate(root_state, DecisionState)
    await decision.load_for(dossier_id)
    assert decision.side == "operateur" and {a["action"] for a in decision.actions} == {"retirer"}
    assert decision.clock["phase"] == "Acceptation de la demande"
    await decision.open_action("accepter")  # not offered: ignored
    assert decision.action == ""
    decision.action = "accepter"  # as a crafted client could set it
    await decision.submit_action()
    assert "réservé au service des douanes" in decision.error
    assert status(dossier_id) == "DEPOSEE"


async def test_customs_steps_through_the_page_state(root_state: rx.State) -> None:
    dossier_id = filed_application()  # its acceptance period runs
    browse(root_state, f"/dossiers/{dossier_id}", accepted("agent@demo.fr"))
    page = substate(root_state, DossierState)
    await page.load()
    decision = substate(root_state, DecisionState)
    await decision.load_for(dossier_id)
    assert "accepter" in {a["action"] for a in decision.actions} and decision.reopenable
    await decision.open_action("demander_complements")
    decision.set_message("Joignez la liste du matériel.")
    decision.set_deadline("15")
    decision.set_reopen_query("remarque GENE")
    assert [c["id"] for c in decision.reopen_choices] == ["remarque_generale"]
    decision.set_reopen_query("")
    decision.toggle_reopened("contact_demande", True)
    decision.toggle_reopened("not_a_field", True)
    assert decision.reopened == ["contact_demande"]
    events = await decision.submit_action()
    assert events and decision.error == "" and status(dossier_id) == "INCOMPLETE"
    comments = substate(root_state, CommentState)
    comments.load_for(dossier_id)
    comments.set_comment("")
    await comments.post_comment()
    assert "message" in comments.comment_error
    comments.set_comment("Bien noté.")
    assert await comments.post_comment()


async def test_only_the_holder_starts_an_avenant_from_the_page_state(root_state: rx.State) -> None:
    from soprano_app.models import Authorisation
    from soprano_app.state.authorisations import AuthorisationsState

    with session_scope() as db:
        granted = db.exec(select(Authorisation).where(Authorisation.numero == "FRIPO2026000001")).one()
    path = f"/autorisations/{granted.id}"
    browse(root_state, path, accepted("agent@demo.fr"))
    page = substate(root_state, AuthorisationsState)
    await drain(page.load_one())
    assert page.current["numero"] == granted.numero and page.follow_ups == []  # customs: no button
    await page.start_follow_up("2")  # crafted anyway
    with session_scope() as db:
        assert db.exec(select(Dossier).where(Dossier.authorisation_id == granted.id)).first() is None

    browse(root_state, path, accepted("operateur@demo.fr"))
    await drain(page.load_one())
    assert [f["kind"] for f in page.follow_ups] == ["2", "3"]
    redirect = await page.start_follow_up("2")
    assert redirect is not None and page.follow_up_error == ""
    assert await page.start_follow_up("2") is None and page.starting  # a double click: ignored
    # Back on the page: the reason instead of the button, and a crafted call refused.
    await drain(page.load_one())
    assert "déjà en cours" in page.follow_ups[0]["refused"]
    await page.start_follow_up("2")
    assert "déjà en cours" in page.follow_up_error
