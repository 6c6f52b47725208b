"""« Suivi par »: who may take, assign and release a dossier of his service."""

from __future__ import annotations

import pytest

from soprano_app.domain.assignment import Actor, Agent, Move, history_message, refusal
from soprano_app.domain.statuses import DossierStatus

AGENT = Actor(1, "Thomas Bernard", is_lead=False)
LEAD = Actor(2, "Sophie Martin", is_lead=True)
OTHER = Agent(3, "Julie Roux", active=True)
GONE = Agent(4, "Paul Gone", active=False)
OPEN = DossierStatus.DEPOSEE


def test_an_agent_takes_a_dossier_nobody_follows_but_not_another_agents() -> None:
    assert refusal(Move.TAKE, AGENT, OPEN, None) == ""
    assert "déjà" in refusal(Move.TAKE, AGENT, OPEN, AGENT.user_id)
    assert "responsable" in refusal(Move.TAKE, AGENT, OPEN, OTHER.user_id)
    assert refusal(Move.TAKE, LEAD, OPEN, OTHER.user_id) == ""  # the lead takes it over


def test_only_the_lead_assigns_and_only_to_an_active_agent() -> None:
    assert "responsable" in refusal(Move.ASSIGN, AGENT, OPEN, None, OTHER)
    assert refusal(Move.ASSIGN, LEAD, OPEN, None, OTHER) == ""
    assert "agent actif" in refusal(Move.ASSIGN, LEAD, OPEN, None, GONE)
    assert "agent actif" in refusal(Move.ASSIGN, LEAD, OPEN, None, None)
    assert "déjà suivi par Julie Roux" in refusal(Move.ASSIGN, LEAD, OPEN, OTHER.user_id, OTHER)


def test_an_agent_gives_back_his_own_dossier_the_lead_anyones() -> None:
    assert refusal(Move.RELEASE, AGENT, OPEN, AGENT.user_id) == ""
    assert "responsable" in refusal(Move.RELEASE, AGENT, OPEN, OTHER.user_id)
    assert refusal(Move.RELEASE, LEAD, OPEN, OTHER.user_id) == ""
    assert "aucun agent" in refusal(Move.RELEASE, LEAD, OPEN, None)


@pytest.mark.parametrize("move", [Move.TAKE, Move.ASSIGN])
def test_drafts_and_closed_dossiers_are_not_taken(move: Move) -> None:
    assert "brouillon" in refusal(move, LEAD, DossierStatus.BROUILLON, None, OTHER).lower()
    assert "clos" in refusal(move, LEAD, DossierStatus.ACCORDEE, None, OTHER)
    assert refusal(Move.RELEASE, LEAD, DossierStatus.ACCORDEE, OTHER.user_id) == ""  # still released


def test_history_messages_name_who_and_whom() -> None:
    assert history_message(Move.TAKE, AGENT, None, "") == "Dossier pris en charge par Thomas Bernard."
    assert (
        history_message(Move.ASSIGN, LEAD, OTHER, "Thomas Bernard")
        == "Dossier affecté à Julie Roux par Sophie Martin (auparavant : Thomas Bernard)."
    )
    assert (
        history_message(Move.RELEASE, LEAD, None, "Julie Roux")
        == "Suivi par Julie Roux libéré par Sophie Martin."
    )
