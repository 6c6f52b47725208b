"""Managing the authorisation (guide §5): ask for an avenant, see what it changes on both sides, get
version 1; ask for a renewal and get a new authorisation linked to the old one."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import Page, expect

from soprano_app.app_clock import now_utc
from soprano_app.domain.formatting import paris_today
from soprano_app.domain.statuses import DossierStatus as S
from tests.e2e.form_helpers import open_rubrique, wait_saved
from tests.e2e.steps import expect_status, open_dossier, take_step

SHOTS = "artifacts/screenshots"


def open_demo_authorisation(page: Page, base_url: str) -> None:
    page.goto(base_url + "/autorisations")
    page.locator("#authorisations-table").get_by_role("link", name="FRIPO2026000001").click()
    expect(page.locator("#authorisation-number")).to_have_text("FRIPO2026000001")


def validate(page: Page) -> None:
    wait_saved(page)
    page.locator("#btn-valider").click()
    expect(page.get_by_role("heading", name="Récapitulatif de la demande")).to_be_visible()
    expect(page.locator("#recap-errors")).to_have_count(0)


def transmit(page: Page) -> int:
    page.locator("#attestation").click()
    page.locator("#btn-transmettre").click()
    expect(page).to_have_url(re.compile(r"/dossiers/\d+/confirmation"))
    return int(page.url.split("/dossiers/")[1].split("/")[0])


def test_an_avenant_from_the_authorisation_to_its_version_1(
    enter: Callable[..., Page], officer: Page, base_url: str
) -> None:
    operator = enter("operateur@demo.fr")
    open_demo_authorisation(operator, base_url)
    expect(operator.locator("#versions tbody tr")).to_have_count(1)
    operator.locator("#start-2").click()

    # The form, prefilled with the granted data, says what it is; the object is required.
    expect(operator.locator("#follow-up-banner")).to_contain_text(
        "Avenant de l'autorisation n° FRIPO2026000001"
    )
    expect(operator.locator("#f-dem_raison_sociale")).to_have_value("Ateliers Durand SAS")
    operator.locator("#btn-controler").click()
    expect(operator.locator("#check-summary")).to_contain_text("Objet et motif de la modification")
    operator.locator("#f-avenant_objet").fill("Un deuxième atelier de soudure à Vénissieux.")
    open_rubrique(operator, "divers")
    wished = (paris_today(now_utc()) + timedelta(days=10)).strftime("%d/%m/%Y")
    operator.locator("#f-date_effet").fill(wished)
    operator.locator("#f-remarque_generale").fill("Atelier de Vénissieux ajouté.")
    validate(operator)
    changes = operator.locator("#changes")
    expect(changes).to_contain_text("Avenant de l'autorisation n° FRIPO2026000001")
    expect(changes.locator("tbody tr")).to_have_count(1)
    expect(changes).to_contain_text("Remarque générale")
    expect(changes).to_contain_text("Atelier de Vénissieux ajouté.")
    operator.screenshot(path=f"{SHOTS}/avenant-recapitulatif.png")
    dossier_id = transmit(operator)

    # One avenant at a time: the button gives way to a note with the open dossier.
    open_demo_authorisation(operator, base_url)
    expect(operator.locator("#start-2")).to_have_count(0)
    expect(operator.locator("main")).to_contain_text("Une demande d'avenant est déjà en cours")

    # The officer sees the same changes, accepts and grants; the validity keeps the authorisation's end.
    open_dossier(officer, base_url, dossier_id)
    expect(officer.locator("#changes")).to_contain_text("Atelier de Vénissieux ajouté.")
    take_step(officer, "accepter")
    officer.locator("#act-accorder").click()
    expect(officer.locator("#valid-from")).to_have_value(wished)
    expect(officer.locator("#valid-to")).not_to_have_value("")
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect_status(officer, S.ACCORDEE)
    expect(officer.locator("#history")).to_contain_text(
        "Avenant n° 1 à l'autorisation n° FRIPO2026000001 accordé"
    )

    # The holder finds version 1, its object, and the new data under the same number.
    open_demo_authorisation(operator, base_url)
    expect(operator.locator("#versions tbody tr")).to_have_count(2)
    expect(operator.locator("#versions tbody tr").first).to_contain_text("Avenant n° 1")
    expect(operator.locator("#versions tbody tr").first).to_contain_text("deuxième atelier de soudure")
    expect(operator.locator("main")).to_contain_text("Atelier de Vénissieux ajouté.")
    expect(operator.locator("#start-2")).to_be_visible()  # closed: another avenant may be asked
    operator.screenshot(path=f"{SHOTS}/avenant-version-1.png")


def test_a_renewal_becomes_a_new_authorisation(
    enter: Callable[..., Page], officer: Page, base_url: str
) -> None:
    operator = enter("operateur@demo.fr")
    open_demo_authorisation(operator, base_url)
    operator.locator("#start-3").click()
    expect(operator.locator("#follow-up-banner")).to_contain_text("Renouvellement de l'autorisation")
    expect(operator.locator("#f-avenant_objet")).to_have_count(0)  # only for an avenant
    operator.locator("#f-contact_demande_telephone").fill("04 72 00 00 01")
    validate(operator)
    expect(operator.locator("#changes")).to_contain_text(
        "Renouvellement de l'autorisation n° FRIPO2026000001"
    )
    dossier_id = transmit(operator)

    open_dossier(officer, base_url, dossier_id)
    take_step(officer, "accepter")
    take_step(officer, "accorder")
    expect_status(officer, S.ACCORDEE)
    expect(officer.locator("#decision")).to_contain_text("Elle renouvelle l'autorisation n° FRIPO2026000001")

    open_dossier(operator, base_url, dossier_id)
    operator.locator("#link-authorisation").click()
    renewed = operator.locator("#authorisation-number")
    expect(renewed).not_to_have_text("FRIPO2026000001")  # the page left before is gone
    expect(renewed).to_have_text(re.compile(r"FRIPO2026\d{6}"))
    new_number = renewed.inner_text()
    assert new_number != "FRIPO2026000001"
    expect(operator.locator("#replaces")).to_contain_text("FRIPO2026000001")
    operator.locator("#replaces").get_by_role("link").click()
    expect(operator.locator("#authorisation-number")).to_have_text("FRIPO2026000001")
    expect(operator.locator("#replaced-by")).to_contain_text(new_number)
