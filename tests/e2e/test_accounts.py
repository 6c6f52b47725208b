"""Accounts: the administrator creates one, its holder activates it from the e-mail and logs in;
« Mot de passe oublié » end to end through the SMTP sink; « Changer mon mot de passe »; the
administrative journal shows it all."""

from __future__ import annotations

import re
from collections.abc import Callable

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
