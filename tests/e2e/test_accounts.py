"""Accounts: the administrator creates one, its holder activates it from the e-mail and logs in;
« Mot de passe oublié » end to end through the SMTP sink; « Changer mon mot de passe »; the
administrative journal shows it all."""

from __future__ import annotations

import re
from collections.abc import Callable
from re import compile as re_compile

from playwright.sync_api import Browser, Page, expect

from soprano_app.services.demo import DEMO_PASSWORD
from tests.e2e.steps import signed_in
from tests.support import Mailbox

SHOTS = "artifacts/screenshots"
NEW_PASSWORD = "Tartine-Orbite-97-Guidon"


def link_in(mailbox: Mailbox, address: str, subject: str) -> str:
    body = mailbox.wait_for(address, subject).get_content()
    found = re.search(r"https?://\S+/mot-de-passe\?jeton=[\w-]+", body)
    assert found is not None, body
    return found.group(0)


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(base_url + "/connexion")
    page.locator("#identifiant").fill(email)
    page.locator("#mot_de_passe").fill(password)
    page.locator("#login-submit").click()


def test_a_new_account_is_activated_by_its_holder(
    enter: Callable[..., Page], base_url: str, browser: Browser, mailbox: Mailbox
) -> None:
    admin = enter("admin@demo.fr")
    admin.locator("#account-new").click()
    admin.locator("#account-email").fill("jean.martin@exemple.fr")
    admin.locator("#account-first-name").fill("Jean")
    admin.locator("#account-last-name").fill("Martin")
    admin.locator("#account-role").select_option("operateur")
    admin.locator("#account-save").click()
    expect(admin.locator("#account-error")).to_contain_text("entreprise")  # nothing lost
    admin.locator("#account-company").select_option(label="Ateliers Durand SAS")
    admin.screenshot(path=f"{SHOTS}/administration-compte.png")
    admin.locator("#account-save").click()
    expect(admin.locator("#account-notice")).to_contain_text("lien d'activation")
    row = admin.locator("#accounts-table tbody tr", has_text="jean.martin@exemple.fr")
    expect(row).to_contain_text("Activation en attente")

    holder = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris").new_page()
    holder.goto(link_in(mailbox, "jean.martin@exemple.fr", "Activez votre compte"))
    expect(holder.locator("#password-account")).to_contain_text("jean.martin@exemple.fr")
    holder.locator("#new-password").fill("azertyuiop123")
    holder.locator("#confirm-password").fill("azertyuiop123")
    holder.locator("#password-save").click()
    expect(holder.locator("#password-error")).to_contain_text("plus courants")
    holder.locator("#new-password").fill(NEW_PASSWORD)
    holder.locator("#confirm-password").fill(NEW_PASSWORD)
    holder.locator("#password-save").click()
    expect(holder.locator("#password-done")).to_be_visible()
    log_in(holder, base_url, "jean.martin@exemple.fr", NEW_PASSWORD)
    holder.locator("#cgu-accept").click()
    expect(holder.locator("#current-user")).to_have_text("Jean Martin")
    holder.context.close()

    admin.reload()
    expect(admin.locator("#accounts-table tbody tr", has_text="jean.martin@exemple.fr")).to_contain_text(
        "Actif"
    )
    admin.goto(base_url + "/administration/journal")
    admin.locator("#journal-action").select_option("compte_cree")
    expect(admin.locator("#journal-table tbody tr")).to_have_count(1)
    expect(admin.locator("#journal-table")).to_contain_text("jean.martin@exemple.fr")


def test_forgotten_password_then_change_it(page: Page, base_url: str, mailbox: Mailbox) -> None:
    page.goto(base_url + "/connexion")
    page.locator("#link-forgotten").click()
    page.locator("#reset-email").fill("inconnu@exemple.fr")
    page.locator("#reset-send").click()
    answer = page.locator("#reset-sent")
    expect(answer).to_contain_text("Si un compte actif correspond")
    unknown = answer.inner_text()
    page.locator("#reset-email").fill("operateur@demo.fr")
    page.locator("#reset-send").click()
    expect(answer).to_have_text(unknown)  # the same answer: nothing to learn about who has an account
    link = link_in(mailbox, "operateur@demo.fr", "Réinitialisation")
    page.goto(link)
    page.locator("#new-password").fill(NEW_PASSWORD)
    page.locator("#confirm-password").fill(NEW_PASSWORD + "x")
    page.locator("#password-save").click()
    expect(page.locator("#password-error")).to_contain_text("diffèrent")
    page.locator("#confirm-password").fill(NEW_PASSWORD)
    page.locator("#password-save").click()
    expect(page.locator("#password-done")).to_be_visible()
    page.goto(link)  # single use
    expect(page.locator("#password-link-invalid")).to_be_visible()

    log_in(page, base_url, "operateur@demo.fr", NEW_PASSWORD)
    page.locator("#cgu-accept").click()
    page.locator("#current-user").click()  # « Mon compte »
    page.locator("#current-password").fill(NEW_PASSWORD)
    page.locator("#new-password").fill("Quatre chevaux verts mangent")
    page.locator("#confirm-password").fill("Quatre chevaux verts mangent")
    page.locator("#password-change").click()
    expect(page.locator("#password-changed")).to_be_visible()


def test_a_deactivated_account_can_no_longer_log_in(
    enter: Callable[..., Page], base_url: str, browser: Browser
) -> None:
    admin = enter("admin@demo.fr")
    row = admin.locator("#accounts-table tbody tr", has_text="agent.nantes@demo.fr")
    row.locator(".account-deactivate").click()
    expect(admin.locator("#account-notice")).to_contain_text("désactivé")
    expect(row).to_contain_text("Désactivé")
    other = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris").new_page()
    log_in(other, base_url, "agent.nantes@demo.fr", DEMO_PASSWORD)
    expect(other.locator("#login-error")).to_be_visible()
    other.context.close()
    row.locator(".account-reactivate").click()
    expect(row).to_contain_text("Actif")
    signed_in(
        browser.new_context(locale="fr-FR").new_page(), base_url, "agent.nantes@demo.fr"
    ).context.close()


def test_a_preparer_prepares_a_draft_but_cannot_file_it(enter: Callable[..., Page], base_url: str) -> None:
    from sqlmodel import col, select

    from soprano_app.db import session_scope
    from soprano_app.models import Company, Dossier
    from tests.e2e.form_helpers import start_new_dossier
    from tests.e2e.steps import open_dossier

    preparer = enter("preparateur@demo.fr")
    dossier_id = start_new_dossier(preparer, base_url, "AT")
    expect(preparer.locator("#btn-sauvegarder")).to_be_visible()
    expect(preparer.locator("#btn-valider")).to_have_count(0)
    preparer.goto(f"{base_url}/dossiers/{dossier_id}/recapitulatif")
    expect(preparer.locator("#filing-notice")).to_contain_text("« Préparation »")
    expect(preparer.locator("#btn-transmettre")).to_have_count(0)
    preparer.screenshot(path=f"{SHOTS}/role-preparation.png", full_page=True)

    # A filed dossier of the company: read, not answered.
    with session_scope() as db:
        incomplete = db.exec(
            select(Dossier)
            .join(Company, col(Company.id) == Dossier.company_id)
            .where(Company.siret == "90012345600015", Dossier.statut == "INCOMPLETE")
        ).one()
    assert incomplete.id is not None
    open_dossier(preparer, base_url, incomplete.id)
    expect(preparer.locator("#rights-notice")).to_contain_text("Dépôt")
    expect(preparer.locator("#btn-repondre")).to_have_count(0)
    expect(preparer.locator("#comment")).to_have_count(0)


def test_new_terms_of_use_are_accepted_again_and_a_service_takes_a_departement(
    enter: Callable[..., Page], base_url: str, browser: Browser
) -> None:
    admin = enter("admin@demo.fr")
    admin.goto(base_url + "/administration/cgu")
    admin.locator("#cgu-new-version").fill("2027-01")
    admin.locator("#cgu-new-text").fill(
        "## 1. Objet du service\n\nCes conditions encadrent l'usage du service de démonstration.\n\n"
        "## 2. Vos engagements\n\n- Des informations exactes\n- Des identifiants personnels"
    )
    expect(admin.locator("#cgu-new-text")).to_have_value(re_compile("identifiants personnels"))
    admin.locator("#cgu-publish").click()
    expect(admin.locator("#cgu-notice")).to_contain_text("2027-01")
    expect(admin.locator("#cgu-current")).to_have_text("2027-01")

    admin.goto(base_url + "/administration/services")
    admin.locator("#services-table tbody tr[data-name*=Lyon] .service-edit").click()
    field = admin.locator("#service-departements")
    field.fill(field.input_value() + ", 63")
    admin.locator("#service-save").click()
    expect(admin.locator("#service-notice")).to_be_visible()
    expect(admin.locator("#services-table tbody tr[data-name*=Lyon]")).to_contain_text("63")

    operator = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris").new_page()
    log_in(operator, base_url, "operateur@demo.fr", DEMO_PASSWORD)
    expect(operator.locator("#cgu-version")).to_contain_text("2027-01")
    expect(operator.locator("#cgu-text h2").first).to_contain_text("Objet du service")
    operator.locator("#cgu-accept").click()
    expect(operator.locator("#current-user")).to_be_visible()
    operator.goto(base_url + "/assistance")
    operator.locator("#directory-where").fill("63000")
    operator.locator("#directory-find").click()
    expect(operator.locator("#directory-found")).to_contain_text("Lyon")
    operator.context.close()


def test_a_representative_whose_mandate_ended_loses_the_company(
    enter: Callable[..., Page], base_url: str, browser: Browser
) -> None:
    admin = enter("admin@demo.fr")
    admin.goto(base_url + "/administration/entreprises")
    row = admin.locator("#mandates-table tbody tr[data-company='Verrerie du Nord SA']")
    expect(row).to_contain_text("En vigueur")
    row.locator(".mandate-end").click()
    expect(admin.locator("#companies-notice")).to_contain_text("Mandat terminé")
    expect(row).to_contain_text("Échu")
    admin.screenshot(path=f"{SHOTS}/administration-mandats.png", full_page=True)

    representative = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris").new_page()
    log_in(representative, base_url, "representant@demo.fr", DEMO_PASSWORD)
    representative.locator("#cgu-accept").click()
    expect(representative.locator("#company-table")).to_contain_text("Ateliers Durand SAS")
    expect(representative.locator("#company-table")).not_to_contain_text("Verrerie du Nord SA")
    representative.context.close()
