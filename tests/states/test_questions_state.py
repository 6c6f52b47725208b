"""The assistance handlers called as a crafted client could: another company's or service's thread
stays closed, bad arguments change nothing, and the help search is bounded."""

import pytest
import reflex as rx

from soprano_app.services import questions
from soprano_app.state.help import HelpState
from soprano_app.state.questions import DirectoryState, QuestionsState
from tests.fixtures import accepted, browse, ctx_of, substate

pytestmark = pytest.mark.usefixtures("demo")


async def test_an_outsider_cannot_read_or_answer_a_thread(root_state: rx.State) -> None:
    question_id = questions.ask(ctx_of("operateur@demo.fr"), 1, "Question", "Texte.")
    browse(root_state, f"/questions/{question_id}", accepted("agent.lille@demo.fr"))
    state = substate(root_state, QuestionsState)
    await state.load_thread()
    assert state.missing and state.messages == []
    state.reply = "Réponse d'un autre service."
    await state.send_reply()
    assert "introuvable" in state.error
    assert len(questions.thread(ctx_of("operateur@demo.fr"), question_id).messages) == 1  # type: ignore[union-attr]

    browse(root_state, f"/questions/{question_id}", accepted("agent@demo.fr"))
    await state.load_thread()
    assert not state.missing and state.messages[0]["body"] == "Texte."


async def test_bad_arguments_change_nothing(root_state: rx.State) -> None:
    browse(root_state, "/assistance", accepted("operateur@demo.fr"))
    directory = substate(root_state, DirectoryState)
    await directory.load()
    assert directory.may_ask and len(directory.services) == 3
    directory.set_service("999999")
    assert directory.service_id == ""
    directory.set_subject("x" * 10_000)
    assert len(directory.subject) <= 140
    await directory.ask()
    assert directory.error  # no service chosen: said in French, nothing sent
    board = substate(root_state, QuestionsState)
    await board.filter_status("'; DROP TABLE --")
    assert board.status == ""


async def test_the_help_search_is_bounded(root_state: rx.State) -> None:
    browse(root_state, "/aide")
    search = substate(root_state, HelpState)
    search.set_query("garantie " * 1000)
    assert len(search.query) <= 120 and len(search.hits) <= 30
    search.set_query("garantie")
    assert search.hits and search.hits[0]["href"].startswith("/aide/")
