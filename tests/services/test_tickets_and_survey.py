"""« Assistance technique » (requests to the support, with a screenshot checked like an attachment)
and « Votre avis nous intéresse » (offered once, results and CSV for the administrator only)."""

from __future__ import annotations

import csv
import io

import pytest

from soprano_app.domain import survey as rules
from soprano_app.services import survey, tickets
from soprano_app.services.attachments import IncomingFile
from soprano_app.services.notifications import latest
from tests.fixtures import ctx_of

pytestmark = pytest.mark.usefixtures("demo")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_request_with_its_screenshot_answered_by_the_support() -> None:
    operator, admin = ctx_of("operateur@demo.fr"), ctx_of("admin@demo.fr")
    waiting = tickets.waiting_count(admin)
    reference = tickets.open_ticket(
        operator,
        "formulaire",
        "Le bouton « Contrôler » ne répond pas sur la rubrique marchandises.",
        "/formulaire?dossier=12&rubrique=divers",
        IncomingFile("capture.png", PNG, False),
    )
    assert reference.startswith("AST-") and tickets.waiting_count(admin) == waiting + 1
    ticket_id = tickets.ticket_id_of(reference)
    view = tickets.ticket_view(operator, ticket_id)
    assert view is not None and view.page == "/formulaire?dossier=12" and view.screenshot_url
    found = tickets.screenshot(admin, ticket_id)
    assert found is not None and found[0] == PNG and found[2] == "image/png"
    assert latest(admin)[0].href == f"/assistance/technique/{ticket_id}"

    tickets.reply(admin, ticket_id, "Corrigé dans la version du jour : rechargez la page.")
    assert tickets.ticket_view(operator, ticket_id).row.status_label == "Répondue"  # type: ignore[union-attr]
    assert latest(operator)[0].title.startswith("Réponse du support")
    tickets.close(operator, ticket_id)
    with pytest.raises(tickets.TicketError, match="close"):
        tickets.reply(operator, ticket_id, "Encore un souci.")


def test_only_its_author_and_the_support_see_a_request() -> None:
    reference = tickets.open_ticket(ctx_of("operateur@demo.fr"), "autre", "Une question sur mon compte.")
    ticket_id = tickets.ticket_id_of(reference)
    for other in (ctx_of("agent@demo.fr"), ctx_of("representant@demo.fr", "90012345600015")):
        assert tickets.ticket_view(other, ticket_id) is None
        assert tickets.screenshot(other, ticket_id) is None
        assert all(r.id != ticket_id for r in tickets.list_tickets(other))
        with pytest.raises(tickets.TicketError, match="introuvable"):
            tickets.reply(other, ticket_id, "Je m'en mêle.")
    assert any(r.id == ticket_id for r in tickets.list_tickets(ctx_of("admin@demo.fr")))


def test_bad_requests_and_bad_screenshots_are_refused_in_french() -> None:
    operator = ctx_of("operateur@demo.fr")
    with pytest.raises(tickets.TicketError, match="catégorie"):
        tickets.open_ticket(operator, "piratage", "Une description assez longue.")
    with pytest.raises(tickets.TicketError, match="Décrivez"):
        tickets.open_ticket(operator, "autre", "court")
    with pytest.raises(tickets.TicketError, match="PNG ou JPEG, ou un PDF"):
        tickets.open_ticket(
            operator,
            "autre",
            "Une description assez longue.",
            "",
            IncomingFile("a.csv", b"a;b\n1;2\n", False),
        )
    with pytest.raises(tickets.TicketError, match="Capture d'écran refusée"):
        tickets.open_ticket(
            operator,
            "autre",
            "Une description assez longue.",
            "",
            IncomingFile("a.png", b"MZ\x90\x00", False),
        )
    with pytest.raises(tickets.TicketError, match="Capture d'écran refusée"):
        tickets.open_ticket(
            operator, "autre", "Une description assez longue.", "", IncomingFile("a.png", PNG, True)
        )
    with pytest.raises(tickets.TicketError, match="support répond"):
        tickets.open_ticket(ctx_of("admin@demo.fr"), "autre", "Une description assez longue.")


def test_the_survey_is_offered_once_and_only_the_administrator_reads_it() -> None:
    operator, admin = ctx_of("operateur@demo.fr"), ctx_of("admin@demo.fr")
    assert survey.offer_after_submission(operator) is True
    assert survey.offer_after_submission(operator) is False
    before = survey.results(admin).count
    survey.record(operator, rules.Answer("apres_depot", 5, 4, '=HYPERLINK("http://x")', "", True))
    with pytest.raises(survey.SurveyError, match="de 1 à 5"):
        survey.record(operator, rules.Answer("apres_depot", 9, None, "", "", False))
    with pytest.raises(survey.SurveyError, match="n'existe pas"):
        survey.record(None, rules.Answer("ailleurs", 3, None, "", "", False))
    survey.record(None, rules.Answer("pied_de_page", 3, None, "", "", True))  # anonymous: no contact
    found = survey.results(admin)
    assert found.count == before + 2 and found.by_month and found.by_step
    assert sum(int(d["reponses"]) for d in found.distribution) == found.count  # type: ignore[call-overload]
    rows = list(csv.reader(io.StringIO(survey.export_csv(admin).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Date" and any(r[5].startswith("'=HYPERLINK") for r in rows[1:])  # neutralised
    assert any(r[8] == "operateur@demo.fr" for r in rows[1:])  # agreed to be contacted
    assert all(r[8] == "" for r in rows[1:] if r[7] == "non")
    with pytest.raises(PermissionError):
        survey.results(operator)
    with pytest.raises(PermissionError):
        survey.export_csv(ctx_of("agent@demo.fr"))


def test_survey_results_by_month_and_step() -> None:
    from datetime import date

    found = rules.results(
        [
            rules.Stored(date(2026, 10, 3), "apres_depot", 4, 4),
            rules.Stored(date(2026, 10, 20), "pied_de_page", 2, None),
            rules.Stored(date(2026, 11, 2), "apres_depot", 5, 5),
        ]
    )
    assert found.average == "3,7 / 5"
    assert found.by_month == [
        {"mois": "2026-10", "reponses": 2, "satisfaction": 3.0},
        {"mois": "2026-11", "reponses": 1, "satisfaction": 5.0},
    ]
    assert [s["etape"] for s in found.by_step] == ["Après un dépôt", "Depuis le pied de page"]
    assert rules.results([]).average == "—"
    assert rules.scale_value("4") == 4 and rules.scale_value("6") is None and rules.scale_value("x") is None
