"""Rules of the decision a specialist relies on, seen by the customs officer in the browser: no grant
without the Commission's conclusion (PA) or the consultation of the other Member States, adjustments
that can be refused, closing without a decision only for a vanished applicant."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from soprano_app.db import session_scope
from soprano_app.domain.statuses import DossierStatus as S
from soprano_app.models import Company, Dossier
from tests.e2e.steps import expect_status, open_dossier, signed_in, tick, typed

SHOTS = "artifacts/screenshots"


def verrerie(status: S) -> int:
    with session_scope() as db:
        found = db.exec(
            select(Dossier)
            .join(Company, col(Company.id) == Dossier.company_id)
            .where(Company.siret == "90023456800013", Dossier.statut == status.value)
        ).one()
    assert found.id is not None
    return found.id


def lille_officer(page: Page, base_url: str) -> Page:
    return signed_in(page, base_url, "agent.lille@demo.fr")


def choose(page: Page, action: str, message: str, choice: str = "") -> None:
    page.locator(f"#act-{action}").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    if choice:
        page.locator("#action-choice").select_option(choice)
        expect(page.locator("#action-choice")).to_have_attribute("data-server-value", choice)
    typed(page, "#action-message", message)
    page.locator("#action-confirm").click()


def test_the_commission_concludes_and_the_grant_explains_why_it_waits(page: Page, base_url: str) -> None:
    officer = lille_officer(page, base_url)
    dossier_id = verrerie(S.EXAMEN_CE)
    open_dossier(officer, base_url, dossier_id)
    expect(officer.locator("#act-accorder")).to_have_count(0)
    choose(officer, "retour_commission", "Avis de la Commission reçu le 30/11.")
    expect(officer.locator("#action-error")).to_contain_text("Choisissez : conclusion")  # nothing lost
    expect(officer.locator("#action-message")).to_have_value("Avis de la Commission reçu le 30/11.")
    officer.locator("#action-choice").select_option("non_remplies")
    expect(officer.locator("#action-choice")).to_have_attribute("data-server-value", "non_remplies")
    officer.screenshot(path=f"{SHOTS}/decision-conclusion-commission.png")
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect_status(officer, S.EN_INSTRUCTION)
    expect(officer.locator("#grant-blocked")).to_contain_text("ne sont pas remplies")
    expect(officer.locator("#act-accorder")).to_have_count(0)
    expect(officer.locator("#act-transmettre_commission")).to_have_count(0)  # it has concluded
    expect(officer.locator("#history")).to_contain_text("Les conditions économiques ne sont pas remplies")
    officer.screenshot(path=f"{SHOTS}/decision-accorder-bloque.png", full_page=True)


def test_the_consultation_then_the_grant_and_adjustments_refused(page: Page, base_url: str) -> None:
    officer = lille_officer(page, base_url)
    dossier_id = verrerie(S.CONSULTATION_EM)
    open_dossier(officer, base_url, dossier_id)
    choose(officer, "fin_consultation", "Aucune réponse reçue.", "sans_reponse")
    expect(officer.locator("#action-error")).to_contain_text("pour répondre")  # their period still runs
    officer.locator("#action-choice").select_option("accord")
    expect(officer.locator("#action-choice")).to_have_attribute("data-server-value", "accord")
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect_status(officer, S.EN_INSTRUCTION)
    expect(officer.locator("#act-accorder")).to_be_visible()
    expect(officer.locator("#grant-blocked")).to_have_count(0)

    adjusted = verrerie(S.AJUSTEMENTS)
    open_dossier(officer, base_url, adjusted)
    # Its own steps are shown, so its own clock too (both come with the same answer of the server).
    expect(officer.locator("#act-refuser_ajustements")).to_be_visible()
    due = officer.locator("#clock-due").inner_text()
    choose(officer, "refuser_ajustements", "Le plan de contrôle révisé reste nécessaire en l'état.")
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect_status(officer, S.EN_INSTRUCTION)
    expect(officer.locator("#clock-due")).to_have_text(due)  # no extension
    expect(officer.locator("#act-notifier_projet_defavorable")).to_be_visible()

    # Closing without a decision: only for an applicant that no longer exists.
    officer.locator("#act-classer_sans_suite").click()
    expect(officer.get_by_role("dialog")).to_contain_text("Seulement si le demandeur n'existe plus")
    typed(officer, "#action-message", "Dossier ancien.")
    officer.locator("#action-confirm").click()
    expect(officer.locator("#action-error")).to_contain_text("le demandeur n'existe plus")


def test_a_retroactive_grant_confirms_its_conditions(page: Page, base_url: str) -> None:
    import json
    from datetime import timedelta

    from soprano_app import app_clock
    from tests.e2e.steps import tick

    with session_scope() as db:  # Durand's DP under examination asks for a retroactive effect
        dossier = db.exec(
            select(Dossier)
            .join(Company, col(Company.id) == Dossier.company_id)
            .where(Company.siret == "90012345600015", Dossier.statut == S.EN_INSTRUCTION.value)
        ).one()
        dossier.answers = json.dumps(json.loads(dossier.answers) | {"retroactif": "oui"})
        db.add(dossier)
        dossier_id = dossier.id
    assert dossier_id is not None
    officer = signed_in(page, base_url, "agent@demo.fr")
    open_dossier(officer, base_url, dossier_id)
    officer.locator("#act-accorder").click()
    expect(officer.locator("#retro-conditions")).to_contain_text("au plus tôt le")
    past = (app_clock.today() - timedelta(days=15)).strftime("%d/%m/%Y")
    typed(officer, "#valid-from", past)
    officer.locator("#action-confirm").click()
    expect(officer.locator("#action-error")).to_contain_text("Confirmez les conditions de l'effet rétroactif")
    for key in "abcd":
        tick(officer, f"#retro-{key}")
    officer.screenshot(path=f"{SHOTS}/decision-effet-retroactif.png")
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect_status(officer, S.ACCORDEE)
    expect(officer.locator("#history")).to_contain_text(f"valable du {past}")


def test_an_investigation_kept_from_the_applicant_from_a_standard_ground(
    page: Page, base_url: str, browser: Browser
) -> None:
    dossier_id = durand(S.EN_INSTRUCTION)
    operator = signed_in(
        browser.new_context(locale="fr-FR", timezone_id="Europe/Paris").new_page(),
        base_url,
        "operateur@demo.fr",
    )
    open_dossier(operator, base_url, dossier_id)
    told = operator.locator("#clock-due").inner_text()

    officer = signed_in(page, base_url, "agent@demo.fr")
    open_dossier(officer, base_url, dossier_id)
    officer.locator("#act-prolonger_enquete").click()
    expect(officer.get_by_role("dialog")).to_be_visible()
    officer.locator("#standard-0").click()  # « Infraction présumée », completed by the officer below
    expect(officer.locator("#action-message")).to_have_value(
        re.compile(r"^Des éléments laissent présumer une infraction")
    )
    typed(officer, "#action-message", officer.locator("#action-message").input_value() + " Dossier 2026/114.")
    typed(officer, "#action-days", "60")
    tick(officer, "#action-confidential")
    officer.screenshot(path=f"{SHOTS}/decision-enquete-confidentielle.png")
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect(officer.locator("#history .confidential-badge")).to_have_count(1)
    expect(officer.locator("#clock-due")).not_to_have_text(told)

    # The applicant sees neither the entry nor the new due date.
    operator.reload()
    expect(operator.locator("#dossier-title")).to_be_visible()
    expect(operator.locator("#clock-due")).to_have_text(told)
    expect(operator.locator("#history")).not_to_contain_text("Dossier 2026/114")
    expect(operator.locator("#history .confidential-badge")).to_have_count(0)
    operator.context.close()


def durand(status: S) -> int:
    with session_scope() as db:
        found = db.exec(
            select(Dossier)
            .join(Company, col(Company.id) == Dossier.company_id)
            .where(Company.siret == "90012345600015", Dossier.statut == status.value)
        ).one()
    assert found.id is not None
    return found.id
