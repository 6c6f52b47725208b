"""« Assistance »: the help centre (public, with its search over pages and form fields), the
directory and « Trouver mon service », a question answered by the competent service."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.steps import signed_in

SHOTS = "artifacts/screenshots"
PNG = (  # a 1×1 transparent PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_the_help_centre_answers_without_login(page: Page, base_url: str) -> None:
    page.goto(base_url + "/aide")
    expect(page.locator("#help-index")).to_contain_text("Perfectionnement actif")
    page.locator("#help-search").fill("garantie")
    hits = page.locator("#help-hits .help-hit")
    expect(hits.first).to_be_visible()
    expect(page.locator("#help-hits .help-hit[data-kind=page]").first).to_be_visible()
    expect(page.locator("#help-hits .help-hit[data-kind=champ]").first).to_be_visible()
    page.screenshot(path=f"{SHOTS}/aide-recherche.png", full_page=True)

    # A field of the form, explained from the catalogue.
    page.locator("#help-hits .help-hit[data-kind=champ] a").first.click()
    expect(page.locator("#help-title")).to_be_visible()
    expect(page.locator("#field-infobulle")).not_to_be_empty()
    expect(page.locator("#field-obligations li").first).to_contain_text(" : ")

    # A page written in Markdown, rendered (headings), from the index.
    page.goto(base_url + "/aide")
    page.get_by_role("link", name="Droit d'être entendu").first.click()
    expect(page.locator("#help-title")).to_contain_text("Droit d'être entendu")
    expect(page.locator(".help-body h2").first).to_be_visible()
    page.screenshot(path=f"{SHOTS}/aide-page.png", full_page=True)
    page.goto(base_url + "/aide/n-existe-pas")
    expect(page.locator("#help-not-found")).to_be_visible()


def test_find_my_service_ask_and_the_service_answers(
    enter: Callable[..., Page], base_url: str, browser: Browser
) -> None:
    operator = enter("operateur@demo.fr")
    operator.goto(base_url + "/assistance")
    expect(operator.locator("#directory .service-card")).to_have_count(3)
    operator.locator("#directory-where").fill("Atlantide")
    operator.locator("#directory-find").click()
    expect(operator.locator("#directory-understood")).to_contain_text("ni un code postal")
    operator.locator("#directory-where").fill("Villeurbanne")
    operator.locator("#directory-find").click()
    expect(operator.locator("#directory-understood")).to_contain_text("commune Villeurbanne (Rhône)")
    operator.locator("#directory-where").fill("69003")
    operator.locator("#directory-find").click()
    expect(operator.locator("#directory-found")).to_contain_text("Pôle d'action économique de Lyon")
    expect(operator.locator("#directory-understood")).to_contain_text("code postal 69003 (Rhône)")

    operator.locator("#ask-send").click()  # nothing typed: refused, nothing lost
    expect(operator.locator("#ask-error")).to_contain_text("objet")
    operator.locator("#ask-subject").fill("Moules prêtés par un client suisse")
    operator.locator("#ask-body").fill("Ces moules relèvent-ils de l'admission temporaire ?")
    operator.screenshot(path=f"{SHOTS}/assistance-question.png", full_page=True)
    operator.locator("#ask-send").click()
    expect(operator.locator("#question-subject")).to_have_text("Moules prêtés par un client suisse")
    expect(operator.locator(".question-status")).to_have_text("En attente du service")

    officer = signed_in(
        browser.new_context(locale="fr-FR", timezone_id="Europe/Paris").new_page(), base_url, "agent@demo.fr"
    )
    notice = officer.locator("#questions-waiting-notice")
    expect(notice).to_contain_text("2 question(s)")  # the demo's waiting one, and this one
    notice.get_by_role("link").click()
    expect(officer.locator("#questions-status")).to_have_value("ouverte")
    officer.get_by_role("link", name="Moules prêtés par un client suisse").click()
    expect(officer.locator("#question-thread")).to_contain_text("Claire Durand (Ateliers Durand SAS)")
    officer.locator("#question-reply").fill("Oui : admission temporaire (art. 250 CDU), exonération totale.")
    officer.locator("#question-send").click()
    expect(officer.locator(".question-message")).to_have_count(2)
    expect(officer.locator(".question-status")).to_have_text("Répondue")
    officer.context.close()

    operator.reload()
    expect(operator.locator(".question-message").nth(1)).to_contain_text("art. 250 CDU")
    expect(operator.locator(".question-status")).to_have_text("Répondue")
    operator.screenshot(path=f"{SHOTS}/assistance-reponse.png", full_page=True)
    operator.locator("#question-close").click()
    expect(operator.locator("#question-closed")).to_be_visible()


def test_a_problem_reported_with_a_screenshot_and_answered_by_the_support(
    enter: Callable[..., Page], base_url: str, browser: Browser, tmp_path: Path
) -> None:
    operator = enter("operateur@demo.fr")
    operator.goto(base_url + "/autorisations")
    expect(operator.locator("#authorisations-table")).to_be_visible()
    operator.locator("#footer-ticket").click()  # from the page concerned
    expect(operator.locator("#ticket-page")).to_contain_text("/autorisations")
    operator.locator("#ticket-send").click()  # nothing chosen: refused, nothing lost
    expect(operator.locator("#ticket-error")).to_contain_text("catégorie")
    operator.locator("#ticket-category").select_option("pieces_jointes")
    operator.locator("#ticket-description").fill("Le plan en PDF est refusé alors qu'il ne fait que 2 Mo.")
    shot = tmp_path / "capture.png"
    shot.write_bytes(PNG)
    operator.locator("#ticket-screenshot input[type=file]").set_input_files(str(shot))
    expect(operator.locator(".selected-file")).to_contain_text("capture.png")
    operator.screenshot(path=f"{SHOTS}/assistance-technique.png", full_page=True)
    operator.locator("#ticket-send").click()
    expect(operator.locator("#ticket-reference")).to_contain_text("AST-")
    reference = operator.locator("#ticket-reference").inner_text()
    expect(operator.locator("#ticket-screenshot-link")).to_contain_text("capture.png")

    support = signed_in(
        browser.new_context(locale="fr-FR", timezone_id="Europe/Paris").new_page(), base_url, "admin@demo.fr"
    )
    support.goto(base_url + "/support")
    support.get_by_role("link", name=reference).click()
    expect(support.locator("#ticket-description-shown")).to_contain_text("2 Mo")
    with support.expect_download() as download:
        support.locator("#ticket-screenshot-link").click()
    assert Path(download.value.path()).read_bytes() == PNG
    support.locator("#ticket-reply").fill("La limite est de 10 Mo : réessayez, le service a été redémarré.")
    support.locator("#ticket-send-reply").click()
    expect(support.locator(".ticket-message")).to_have_count(1)
    expect(support.locator(".ticket-status")).to_have_text("Répondue")
    support.context.close()

    operator.reload()
    expect(operator.locator(".ticket-message")).to_contain_text("10 Mo")
    operator.goto(base_url + "/assistance/technique")
    expect(operator.locator("#tickets-table")).to_contain_text(reference)


def test_the_survey_after_a_submission_and_its_chart_for_the_administrator(
    enter: Callable[..., Page], base_url: str, browser: Browser
) -> None:
    operator = enter("operateur@demo.fr")
    from tests.e2e.test_decision import file_dossier

    file_dossier(operator, base_url)
    operator.locator("#survey-offer").click()
    operator.locator("#survey-send").click()  # no satisfaction given
    expect(operator.locator("#survey-error")).to_contain_text("satisfaction")
    operator.locator("#satisfaction-5").click()
    operator.locator("#ease-4").click()
    operator.locator("#survey-helped").fill("Le bouton « Contrôler ».")
    operator.locator("#survey-send").click()
    expect(operator.locator("#survey-thanks")).to_be_visible()

    admin = signed_in(
        browser.new_context(locale="fr-FR", timezone_id="Europe/Paris").new_page(), base_url, "admin@demo.fr"
    )
    admin.goto(base_url + "/administration/avis")
    expect(admin.locator("#survey-summary")).to_contain_text("7 réponse(s)")  # six in the demo, and this one
    expect(admin.locator("#chart-by-month .recharts-bar-rectangle").first).to_be_visible()
    expect(admin.locator("#chart-by-month .recharts-line")).to_have_count(1)
    admin.screenshot(path=f"{SHOTS}/avis-resultats.png", full_page=True)
    with admin.expect_download() as download:
        admin.locator("#survey-export").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Le bouton « Contrôler »." in text and text.startswith("Date;")
    admin.context.close()
