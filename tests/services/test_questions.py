"""Questions to a customs service: who may ask, who sees the thread, who hears of each message."""

from __future__ import annotations

import pytest
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.models import CustomsService, Dossier, Notification, ServiceQuestion, User
from soprano_app.services import directory, questions
from soprano_app.services.notifications import latest
from tests.fixtures import ctx_of, filed_application

pytestmark = pytest.mark.usefixtures("demo")

DURAND, VERRERIE = "90012345600015", "90023456800013"


def service_id(city: str) -> int:
    with session_scope() as db:
        found = db.exec(select(CustomsService).where(CustomsService.ville == city)).one()
        assert found.id is not None
        return found.id


def test_an_operator_asks_the_service_answers_and_each_side_hears_of_it() -> None:
    operator, agent = ctx_of("operateur@demo.fr"), ctx_of("agent@demo.fr")
    waiting = questions.waiting_count(agent)
    question_id = questions.ask(
        operator, service_id("Lyon"), "Statut d'un moule", "Un moule prêté relève-t-il de l'AT ?"
    )
    assert questions.waiting_count(agent) == waiting + 1
    assert any(r.id == question_id and r.status == "ouverte" for r in questions.list_questions(agent))
    assert latest(agent)[0].href == f"/questions/{question_id}"  # the agent is told, with a link

    questions.reply(agent, question_id, "Oui : admission temporaire, art. 250 CDU.")
    seen = questions.thread(operator, question_id)
    assert seen is not None and [m.by_customs for m in seen.messages] == [False, True]
    assert (
        seen.question.status_label == "Répondue"
        and seen.messages[1].author == "Pôle d'action économique de Lyon"
    )
    assert questions.waiting_count(agent) == waiting
    assert latest(operator)[0].title.startswith("Réponse du service")

    questions.reply(operator, question_id, "Merci, et pour un moule vendu ensuite ?")  # reopens it
    assert questions.thread(agent, question_id).question.status == "ouverte"  # type: ignore[union-attr]
    questions.close(operator, question_id)
    with pytest.raises(questions.QuestionError, match="close"):
        questions.reply(agent, question_id, "Encore une chose.")


def test_nobody_else_sees_or_answers_a_question() -> None:
    operator = ctx_of("operateur@demo.fr")
    question_id = questions.ask(operator, service_id("Lyon"), "Question privée", "Texte.")
    outsiders = (
        ctx_of("agent.lille@demo.fr"),  # another service
        ctx_of("representant@demo.fr", VERRERIE),  # acting for another company
        ctx_of("admin@demo.fr"),
    )
    for ctx in outsiders:
        assert questions.thread(ctx, question_id) is None
        assert all(r.id != question_id for r in questions.list_questions(ctx))
        with pytest.raises(questions.QuestionError, match="introuvable"):
            questions.reply(ctx, question_id, "Je réponds quand même.")
        with pytest.raises(questions.QuestionError, match="introuvable"):
            questions.close(ctx, question_id)
    # The company's representative sees it (he acts for Ateliers Durand).
    assert questions.thread(ctx_of("representant@demo.fr", DURAND), question_id) is not None


def test_bad_questions_are_refused_in_french() -> None:
    operator = ctx_of("operateur@demo.fr")
    lyon = service_id("Lyon")
    with pytest.raises(questions.QuestionError, match="objet"):
        questions.ask(operator, lyon, "", "Texte.")
    with pytest.raises(questions.QuestionError, match="Écrivez"):
        questions.ask(operator, lyon, "Objet", "   ")
    with pytest.raises(questions.QuestionError, match="limité"):
        questions.ask(operator, lyon, "Objet", "x" * 5000)
    with pytest.raises(questions.QuestionError, match="Choisissez le service"):
        questions.ask(operator, 999_999, "Objet", "Texte.")
    with pytest.raises(questions.QuestionError, match="opérateur ou un représentant"):
        questions.ask(ctx_of("agent@demo.fr"), lyon, "Objet", "Texte.")


def test_a_question_about_a_dossier_goes_to_its_service_and_only_its_parties_link_it() -> None:
    operator = ctx_of("operateur@demo.fr")
    dossier_id = filed_application("AT")
    with session_scope() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        own_service = dossier.service_id
    question_id = questions.ask(
        operator, service_id("Nantes"), "Sur mon dossier", "Où en est-il ?", dossier_id
    )
    with session_scope() as db:
        question = db.get(ServiceQuestion, question_id)
        assert (
            question is not None and question.service_id == own_service and question.dossier_id == dossier_id
        )
    with pytest.raises(questions.QuestionError, match="introuvable"):  # another company's dossier
        questions.ask(
            ctx_of("representant@demo.fr", VERRERIE), service_id("Lyon"), "Objet", "Texte.", dossier_id
        )


def test_the_directory_finds_the_competent_service() -> None:
    found = directory.find_service("69003")
    assert found.service is not None and found.service.name == "Pôle d'action économique de Lyon"
    assert found.service.telephone and "Rhône (69)" in found.service.departements
    assert directory.find_service("Nord").service.name.endswith("Lille")  # type: ignore[union-attr]
    nowhere = directory.find_service("75001")
    assert nowhere.service is None and "aucun service" in nowhere.understood
    assert len(directory.all_services()) == 3


def test_the_demo_shows_an_answered_question_and_one_waiting() -> None:
    agent = ctx_of("agent@demo.fr")
    rows = questions.list_questions(agent)
    assert {r.status for r in rows} >= {"ouverte", "repondue"} and questions.waiting_count(agent) >= 1
    with session_scope() as db:
        agent_row = db.exec(select(User).where(User.email == "agent@demo.fr")).one()
        unread = db.exec(
            select(Notification)
            .where(Notification.user_id == agent_row.id)
            .where(Notification.read_at == None)  # noqa: E711
        ).all()
    assert unread == []  # the demo starts with nothing unread
