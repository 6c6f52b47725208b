"""Accessibility: axe-core (WCAG 2.1 A and AA rules) on the main screens of both sides, after they
have loaded their data. A violation fails with its rule, impact and the elements concerned."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlmodel import col, select

from soprano_app import routes
from soprano_app.db import session_scope
from soprano_app.models import Authorisation, AuthorisationVersion
from tests.e2e.form_helpers import start_new_dossier

AXE = Axe()
# WCAG 2.1 A and AA, and the rules RGAA adds about landmarks (everything inside a region, one main).
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
RGAA = {"runOnly": {"type": "rule", "values": ["region", "landmark-one-main", "landmark-unique", "label"]}}


def violations(page: Page) -> list[str]:
    # Whatever the last delta changed is drawn and every opening animation (dialogs fade in) has
    # ended, so that colours are measured as users see them: no fixed delay.
    page.evaluate(
        "async () => { await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
        " const finite = document.getAnimations().filter("
        "a => !a.effect || a.effect.getComputedTiming().iterations !== Infinity);"
        " await Promise.all(finite.map(a => a.finished.catch(() => null))); }"
    )
    found = [v for options in (WCAG, RGAA) for v in AXE.run(page, options=options).response["violations"]]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in found
    ]


def test_login_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "/connexion")
    expect(page.locator("#identifiant")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize(
    "path, ready",
    [
        ("/", "#dossier-table"),
        ("/nouveau-dossier", "#type_dossier"),
        ("/autorisations", "#authorisations-table"),
        ("/notifications", "h1"),
        ("/assistance", "#directory .service-card"),
        ("/questions", "#questions-table"),
        ("/assistance/technique", "#tickets-table"),
    ],
)
def test_operator_pages(enter: Callable[..., Page], base_url: str, path: str, ready: str) -> None:
    page = enter("operateur@demo.fr")
    page.goto(base_url + path)
    expect(page.locator(ready).first).to_be_visible()
    assert violations(page) == []


def test_operator_form_dossier_and_authorisation(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    start_new_dossier(page, base_url, "PA")
    page.locator("#btn-controler").click()  # with the check summary and the field messages shown
    expect(page.locator("#check-summary")).to_be_visible()
    assert violations(page) == []
    page.locator("#nav-divers").click()
    page.get_by_role("button", name="Ajouter des pièces jointes").first.click()
    expect(page.locator("#upload-type")).to_be_visible()  # the upload dialog and its file input
    assert violations(page) == []
    page.keyboard.press("Escape")
    page.goto(base_url + "/autorisations")
    page.locator("#authorisations-table").get_by_role("link", name="FRIPO2026000001").click()
    expect(page.locator("#versions")).to_be_visible()
    assert violations(page) == []
    page.locator("#versions").get_by_role("link").first.click()
    expect(page.locator("#history")).to_be_visible()
    assert violations(page) == []


def test_customs_pages(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("agent@demo.fr")
    expect(page.locator("#dossier-table")).to_be_visible()
    assert violations(page) == []
    # The application under examination: its steps' dialogs have a message, a period, grounds.
    page.locator("#dossier-table tbody tr", has_text="Acceptée — en cours d'instruction").first.get_by_role(
        "link"
    ).click()
    expect(page.locator("#actions")).to_be_visible()
    assert violations(page) == []
    page.locator("#act-demander_informations").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert violations(page) == []
    page.keyboard.press("Escape")
    page.locator("#act-notifier_projet_defavorable").click()
    expect(page.locator("#ground-garantie")).to_be_visible()
    assert violations(page) == []
    page.keyboard.press("Escape")
    page.goto(base_url + "/douane/pilotage")  # charts and tables of the service's overview
    expect(page.locator("#chart-statuses")).to_be_visible()
    assert violations(page) == []


def test_a_representatives_portfolio(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("representant@demo.fr", "Ateliers Durand SAS")
    page.goto(base_url + "/portefeuille")
    expect(page.locator("#portfolio-dossiers tbody tr").first).to_be_visible()
    assert violations(page) == []


def test_authorisation_life_dialogs(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("agent@demo.fr")
    page.goto(base_url + "/autorisations?statut=EN_VIGUEUR")
    page.locator("#authorisations-table").get_by_role("link", name="FRIPO2026000001").click()
    expect(page.locator("#life-panel")).to_be_visible()
    assert violations(page) == []
    page.locator("#life-reexaminer").click()
    expect(page.locator("#life-choice")).to_be_visible()
    assert violations(page) == []
    page.keyboard.press("Escape")
    page.locator("#life-modifier_office").click()  # a field picker and an effect date
    expect(page.locator("#life-effect")).to_be_visible()
    expect(page.locator("#life-field")).to_be_visible()
    assert violations(page) == []
    page.keyboard.press("Escape")
    page.locator("#life-notifier_projet").click()
    page.locator("#life-choice").select_option("annulation")
    expect(page.locator("#life-choice")).to_have_attribute("data-server-value", "annulation")
    assert violations(page) == []


def test_holder_request_dialog_with_files(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    page.goto(base_url + "/autorisations")
    page.locator("#authorisations-table").get_by_role("link", name="FRIPO2026000001").click()
    page.locator("#life-demander_suspension").click()
    expect(page.locator("#life-files")).to_be_visible()
    assert violations(page) == []


def test_public_verification_page(page: Page, base_url: str) -> None:
    with session_scope() as db:
        revoked = db.exec(
            select(AuthorisationVersion)
            .join(Authorisation, col(Authorisation.id) == AuthorisationVersion.authorisation_id)
            .where(col(Authorisation.revoked_from).is_not(None))
        ).first()
    assert revoked is not None and revoked.verify_token
    page.goto(base_url + routes.verification_path(revoked.verify_token))
    expect(page.locator("#verification-alarm")).to_be_visible()
    assert violations(page) == []
    page.goto(base_url + routes.verification_path("x" * 32))
    expect(page.locator("#verification-unknown")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize(
    "path, ready",
    [
        ("/aide", "#help-index"),
        ("/aide/regime-pa", ".help-body h2"),
        ("/aide/champs/dem_eori", "#field-infobulle"),
    ],
)
def test_help_pages(page: Page, base_url: str, path: str, ready: str) -> None:
    page.goto(base_url + path)
    expect(page.locator(ready).first).to_be_visible()
    if path == "/aide":
        page.locator("#help-search").fill("garantie")
        expect(page.locator("#help-hits .help-hit").first).to_be_visible()
    assert violations(page) == []


def test_customs_questions_page(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("agent@demo.fr")
    page.goto(base_url + "/questions")
    page.locator("#questions-table a").first.click()
    expect(page.locator("#question-thread")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize(
    "path, ready", [("/support", "#tickets-table"), ("/administration/avis", "#chart-by-month")]
)
def test_administrator_pages(enter: Callable[..., Page], base_url: str, path: str, ready: str) -> None:
    page = enter("admin@demo.fr")
    page.goto(base_url + path)
    expect(page.locator(ready).first).to_be_visible()
    assert violations(page) == []


def test_account_dialog(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("admin@demo.fr")
    page.locator("#account-new").click()
    page.locator("#account-role").select_option("agent")
    expect(page.locator("#account-service")).to_be_visible()
    expect(page.locator("#account-service-lead")).to_be_visible()  # « Responsable du service »
    assert violations(page) == []
    page.get_by_role("dialog").screenshot(path="artifacts/screenshots/compte-agent-responsable.png")
