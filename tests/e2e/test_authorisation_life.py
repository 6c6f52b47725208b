"""The life of an authorisation in two browsers: customs re-assess, hear the holder, suspend, lift;
the holder asks for revocation; annulment and the RDC 11 flag; public verification of the PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.models import Authorisation
from tests.e2e.steps import typed

SHOTS = "artifacts/screenshots"


def durand_authorisation_id() -> int:
    with session_scope() as db:
        found = db.exec(select(Authorisation).where(Authorisation.numero == "FRIPO2026000001")).one()
    assert found.id is not None
    return found.id


def open_authorisation(page: Page, base_url: str, authorisation_id: int) -> None:
    page.goto(f"{base_url}/autorisations/{authorisation_id}")
    expect(page.locator("#authorisation-number")).to_have_text("FRIPO2026000001")


def take(page: Page, action: str, message: str, choice: str = "", **inputs: str) -> None:
    """Open a step's dialog, fill it, confirm; the dialog closes when the server agrees."""
    page.locator(f"#life-{action}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    if choice:
        page.locator("#life-choice").select_option(choice)
        expect(page.locator("#life-choice")).to_have_attribute("data-server-value", choice)
    for field, value in inputs.items():
        typed(page, f"#life-{field}", value)
    typed(page, "#life-message", message)
    page.locator("#life-confirm").click()
    expect(dialog).to_have_count(0)


def test_customs_reassess_hear_the_holder_suspend_and_lift(
    enter: Callable[..., Page], officer: Page, base_url: str
) -> None:
    authorisation_id = durand_authorisation_id()
    open_authorisation(officer, base_url, authorisation_id)
    expect(officer.locator("#authorisation-status")).to_have_text("En vigueur")
    take(officer, "reexaminer", "Contrôle a posteriori : écarts d'inventaire.", "surveillance")
    expect(officer.locator("#life-panel")).to_contain_text("Un réexamen de l'autorisation est en cours")
    take(officer, "clore_reexamen", "Comptabilité matières incomplète au 30/11.", "suspension")
    expect(officer.locator("#life-hearing")).to_contain_text("Projet de suspension")
    expect(officer.locator("#life-suspendre")).to_have_count(0)  # the holder's 30 days run

    operator = enter("operateur@demo.fr")
    expect(operator.locator("#authorisation-tasks")).to_contain_text("présentez vos observations")
    operator.locator("#authorisation-tasks").get_by_role("link").first.click()
    expect(operator.locator("#life-hearing")).to_contain_text("observations attendues avant le")
    operator.screenshot(path=f"{SHOTS}/autorisation-projet-titulaire.png", full_page=True)
    take(operator, "presenter_observations", "Nous régularisons l'inventaire sous 60 jours.")
    expect(operator.locator("#life-hearing")).to_contain_text("observations reçues")

    officer.goto(base_url + "/douane")
    expect(officer.locator("#authorisation-tasks")).to_contain_text("observations reçues")
    open_authorisation(officer, base_url, authorisation_id)
    until = (app_clock.today() + timedelta(days=60)).strftime("%d/%m/%Y")
    officer.locator("#life-suspendre").click()
    expect(officer.get_by_role("dialog")).to_be_visible()
    officer.locator("#life-choice").select_option("b")
    typed(officer, "#life-until", (app_clock.today() - timedelta(days=1)).strftime("%d/%m/%Y"))
    typed(officer, "#life-message", "Tenir l'inventaire permanent des marchandises en perfectionnement.")
    officer.locator("#life-confirm").click()
    expect(officer.locator("#life-error")).to_contain_text("postérieure à aujourd'hui")  # nothing lost
    typed(officer, "#life-until", until)
    officer.screenshot(path=f"{SHOTS}/autorisation-suspendre.png")
    officer.locator("#life-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect(officer.locator("#authorisation-status")).to_have_text("Suspendue")
    expect(officer.locator("#life-suspension")).to_contain_text(until)
    expect(officer.locator("#life-history")).to_contain_text("Tenir l'inventaire permanent")

    operator.reload()
    expect(operator.locator("#authorisation-status")).to_have_text("Suspendue")
    expect(operator.locator("#life-history")).to_contain_text("Autorisation suspendue jusqu'au " + until)
    operator.goto(base_url + "/autorisations")
    operator.locator("#status-filter").select_option("SUSPENDUE")
    expect(operator.locator("#authorisations-table tbody tr")).to_have_count(1)

    take(officer, "lever_suspension", "Inventaire permanent tenu, contrôle satisfaisant.")
    expect(officer.locator("#authorisation-status")).to_have_text("En vigueur")
    expect(officer.locator("#life-history")).to_contain_text("Suspension levée")
    officer.screenshot(path=f"{SHOTS}/autorisation-vie-douane.png", full_page=True)
