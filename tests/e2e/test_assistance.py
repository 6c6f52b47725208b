"""« Assistance »: the help centre (public, with its search over pages and form fields), the
directory and « Trouver mon service », a question answered by the competent service."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.e2e.steps import signed_in

SHOTS = "artifacts/screenshots"


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
