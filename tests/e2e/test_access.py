"""Access journeys in real Chromium: login, lockout, CGU, company choice, dashboard, logout, expiry."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import select

from soprano_app.app_clock import now_utc
from soprano_app.db import session_scope
from soprano_app.domain.cgu import CURRENT_CGU_VERSION
from soprano_app.models import CguAcceptance, Company, Dossier, LoginSession, User
from soprano_app.settings import settings

SCREENSHOTS = "artifacts/screenshots"


def shot(page: Page, name: str) -> None:
    page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def dossier_numbers(siret: str) -> set[str]:
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == siret)).one()
        rows = db.exec(select(Dossier).where(Dossier.company_id == company.id)).all()
    return {d.numero or f"Brouillon n° {d.id}" for d in rows}


def table_numbers(page: Page) -> set[str]:
    page.locator("#dossier-table").wait_for()
    return set(page.locator("#dossier-table tbody th").all_inner_texts())


def test_failed_logins_then_lockout(login: Callable[..., Page]) -> None:
    page = login("operateur@demo.fr", "mauvais-mot-de-passe")
    error = page.locator("#login-error")
    expect(error).to_have_text("Identifiant ou mot de passe incorrect.")
    for _ in range(3):
        page.locator("#login-submit").click()
        expect(error).to_have_text("Identifiant ou mot de passe incorrect.")
    page.locator("#login-submit").click()
    expect(error).to_contain_text("verrouillé pendant 15 minutes")
    shot(page, "login-locked")
    page.locator("#mot_de_passe").fill("Demo-2026!")
    page.locator("#login-submit").click()
    expect(error).to_contain_text("Réessayez dans 15 minutes")
    expect(page).to_have_url(re.compile(r"/connexion"))


def test_login_and_cgu_acceptance(login: Callable[..., Page], base_url: str) -> None:
    page = login("operateur@demo.fr")
    expect(page).to_have_url(re.compile(r"/cgu"))
    expect(page.get_by_role("heading", name="Conditions générales d'utilisation")).to_be_visible()
    shot(page, "cgu")
    page.locator("#cgu-accept").click()
    expect(page.get_by_role("heading", name="Mes dossiers")).to_be_visible()
    expect(page.locator("#current-user")).to_have_text("Claire Durand")
    expect(page.locator("#acting-company")).to_contain_text("Ateliers Durand SAS")
    with session_scope() as db:
        acceptance = db.exec(select(CguAcceptance)).one()
    assert acceptance.version == CURRENT_CGU_VERSION
    assert now_utc() - acceptance.accepted_at < timedelta(minutes=1)
    # Next time, straight to the dashboard.
    page.locator("#logout").click()
    expect(page).to_have_url(re.compile(r"/connexion"))
    login("operateur@demo.fr")
    expect(page.get_by_role("heading", name="Mes dossiers")).to_be_visible()


def test_refusing_the_cgu_logs_out(login: Callable[..., Page], base_url: str) -> None:
    page = login("agent@demo.fr")
    page.locator("#cgu-refuse").click()
    expect(page.locator("#login-info")).to_have_text("Vous êtes déconnecté.")
    page.goto(base_url + "/douane")
    expect(page).to_have_url(re.compile(r"/connexion/?\?suivant=/douane"))


def test_representative_chooses_a_company_and_sees_only_its_dossiers(
    login: Callable[..., Page],
) -> None:
    page = login("representant@demo.fr")
    page.locator("#cgu-accept").click()
    expect(page.get_by_role("heading", name="Choix de l'opérateur représenté")).to_be_visible()
    expect(page.locator("#company-table tbody tr")).to_have_count(3)
    page.locator("#company-search").fill("Lille")
    expect(page.locator("#company-table tbody tr")).to_have_count(1)
    page.get_by_role("button", name="Choisir Verrerie du Nord SA").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Verrerie du Nord SA (SIRET 900 234 568 00013)")
    shot(page, "choix-operateur-dialogue")
    dialog.get_by_role("button", name="Annuler").click()
    expect(dialog).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/choix-operateur"))
    page.get_by_role("button", name="Choisir Verrerie du Nord SA").click()
    page.get_by_role("alertdialog").get_by_role("button", name="OK").click()
    expect(page.locator("#acting-company")).to_contain_text("Verrerie du Nord SA")
    page.locator("#filtre-clotures").click()
    verrerie = dossier_numbers("90023456800013")
    expect(page.locator("#dossier-total")).to_have_text(f"{len(verrerie)} dossier(s)")
    assert table_numbers(page) == verrerie
    shot(page, "accueil-representant")
    # « Changer d'opérateur » leads back to the list.
    page.locator("#change-operator").click()
    page.get_by_role("button", name="Choisir Chantiers Navals de l'Ouest").click()
    page.get_by_role("alertdialog").get_by_role("button", name="OK").click()
    expect(page.locator("#acting-company")).to_contain_text("Chantiers Navals de l'Ouest")
    # The filter chosen before is kept.
    expect(page.locator("#filtre-clotures")).to_be_checked()
    chantiers = dossier_numbers("90034567900014")
    expect(page.locator("#dossier-total")).to_have_text(f"{len(chantiers)} dossier(s)")
    assert table_numbers(page) == chantiers


def test_dashboard_filter(enter: Callable[..., Page]) -> None:
    page = enter("operateur@demo.fr")
    rows = page.locator("#dossier-table tbody tr")
    expect(rows).to_have_count(4)
    expect(page.locator("#filtre-a_traiter")).to_be_checked()
    shot(page, "accueil-operateur")
    page.locator("#filtre-a_traiter").click()
    expect(rows).to_have_count(2)
    expect(page.locator("#dossier-table")).not_to_contain_text("Brouillon")
    page.locator("#filtre-en_attente").click()
    expect(page.locator("#empty-state")).to_be_visible()
    expect(page.get_by_role("link", name="Déposer un nouveau dossier").last).to_be_visible()
    shot(page, "accueil-vide")
    page.locator("#filtre-clotures").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Autorisation accordée")
    # Sorting by number, both ways.
    page.locator("#filtre-a_traiter").click()
    page.locator("#filtre-en_attente").click()
    expect(rows).to_have_count(5)
    page.get_by_role("button", name="Numéro de dossier").click()
    first = rows.first.locator("th").inner_text()
    page.get_by_role("button", name="Numéro de dossier").click()
    expect(rows.first.locator("th")).not_to_have_text(first)


def test_logout_and_protected_pages(enter: Callable[..., Page], base_url: str, context_cookies) -> None:  # type: ignore[no-untyped-def]
    page = enter("operateur@demo.fr")
    page.locator("#logout").click()
    expect(page.locator("#login-info")).to_have_text("Vous êtes déconnecté.")
    assert "rp_sid" not in context_cookies()
    for path in ("/", "/autorisations", "/nouveau-dossier"):
        page.goto(base_url + path)
        expect(page).to_have_url(re.compile(r"/connexion"))


def test_protected_page_returns_after_login(page: Page, base_url: str) -> None:
    page.goto(base_url + "/autorisations")
    expect(page).to_have_url(re.compile(r"/connexion/?\?suivant=/autorisations"))
    page.locator("#identifiant").fill("operateur@demo.fr")
    page.locator("#mot_de_passe").fill("Demo-2026!")
    page.locator("#login-submit").click()
    page.locator("#cgu-accept").click()
    expect(page).to_have_url(re.compile(r"/autorisations"))
    expect(page.get_by_role("heading", name="Mes autorisations")).to_be_visible()


def test_cookie_is_httponly_and_strict(enter: Callable[..., Page], context_cookies) -> None:  # type: ignore[no-untyped-def]
    page = enter("operateur@demo.fr")
    cookie = context_cookies()["rp_sid"]
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
    assert "rp_sid" not in page.evaluate("document.cookie")


def _age_session(email: str, idle_seconds_ago: float) -> None:
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == email)).one()
        for row in db.exec(select(LoginSession).where(LoginSession.user_id == user.id)).all():
            row.last_seen_at = now_utc() - timedelta(seconds=idle_seconds_ago)
            db.add(row)


def test_idle_warning_then_expiry(enter: Callable[..., Page]) -> None:
    page = enter("operateur@demo.fr")
    page.get_by_role("link", name="Mes autorisations").click()
    # The page's own loads are over (they count as activity and would refresh the session aged below):
    # the heading is in the pre-rendered shell, the table comes from the server.
    expect(page.locator("#authorisations-table")).to_be_visible()
    idle = settings.session_idle_seconds
    _age_session("operateur@demo.fr", idle - 120)  # two minutes left
    dialog = page.locator("#idle-dialog")
    expect(dialog).to_contain_text("Votre session va expirer")
    shot(page, "session-avertissement")
    page.locator("#stay-connected").click()
    expect(dialog).to_have_count(0)
    with session_scope() as db:
        seen = db.exec(select(LoginSession.last_seen_at)).one()
    assert now_utc() - seen < timedelta(seconds=30)
    _age_session("operateur@demo.fr", idle + 1)
    expect(page).to_have_url(re.compile(r"/connexion/?\?suivant=/autorisations&expire=1"))
    expect(page.locator("#login-info")).to_contain_text("Votre session a expiré")
    page.locator("#identifiant").fill("operateur@demo.fr")
    page.locator("#mot_de_passe").fill("Demo-2026!")
    page.locator("#login-submit").click()
    expect(page.get_by_role("heading", name="Mes autorisations")).to_be_visible()


def test_each_role_lands_on_its_home(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("agent@demo.fr")
    expect(page.get_by_role("heading", name="Dossiers du service")).to_be_visible()
    expect(page.locator("#dossier-table")).to_contain_text("Ateliers Durand SAS")
    expect(page.locator("#dossier-table")).not_to_contain_text("Brouillon")
    shot(page, "back-office")
    page.goto(base_url + "/")
    expect(page).to_have_url(re.compile(r"/douane"))
    page.locator("#logout").click()
    expect(page.locator("#login-info")).to_have_text("Vous êtes déconnecté.")
    page = enter("admin@demo.fr")
    expect(page.get_by_role("heading", name="Administration")).to_be_visible()
    shot(page, "administration")


def test_another_companys_dossier_is_unreachable_by_url(enter: Callable[..., Page], base_url: str) -> None:
    with session_scope() as db:
        verrerie = db.exec(select(Company).where(Company.siret == "90023456800013")).one()
        foreign = db.exec(select(Dossier).where(Dossier.company_id == verrerie.id)).first()
        durand = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        own = db.exec(
            select(Dossier).where(Dossier.company_id == durand.id).where(Dossier.statut == "DEPOSEE")
        ).first()
    assert foreign is not None and own is not None
    page = enter("operateur@demo.fr")
    page.goto(f"{base_url}/dossiers/{foreign.id}")
    expect(page.locator("#dossier-not-found")).to_be_visible()
    page.goto(f"{base_url}/dossiers/{own.id}")
    expect(page.locator("#dossier-title")).to_contain_text(own.numero or "")
    expect(page.locator("#history")).to_contain_text("Dossier créé (brouillon).")
    page.locator("#demande-deposee summary").click()  # the application as submitted, read-only
    expect(page.locator("#demande-deposee")).to_contain_text("Numéro EORI du demandeur")
    shot(page, "dossier")


def test_keyboard_only_login_and_landmarks(page: Page, base_url: str) -> None:
    page.goto(base_url + "/connexion")
    assert page.evaluate("document.documentElement.lang") == "fr"
    for landmark in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(landmark)).to_have_count(1)
    page.locator("#identifiant").wait_for()
    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.get_by_role("link", name="Aller au contenu")).to_be_focused()
    page.locator("#identifiant").focus()
    page.keyboard.type("operateur@demo.fr")
    page.keyboard.press("Tab")
    page.keyboard.type("Demo-2026!")
    page.keyboard.press("Enter")
    expect(page.locator("#cgu-accept")).to_be_visible()
    page.locator("#cgu-accept").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Mes dossiers")).to_be_visible()


def test_the_pre_rendered_login_form_cannot_be_submitted_before_the_page_is_ready(base_url: str) -> None:
    """The HTML served before React takes the page over: its button is disabled (a native submit
    would reload the page and lose the login) and the form posts (a password never goes in a URL)."""
    import urllib.request

    with urllib.request.urlopen(base_url + "/connexion/") as response:
        html = response.read().decode("utf-8")
    form = re.search(r"<form[^>]*id=\"login-form\"[^>]*>", html)
    assert form is not None and 'method="post"' in form.group(0)
    button = re.search(r"<button[^>]*id=\"login-submit\"[^>]*>", html)
    assert button is not None and "disabled" in button.group(0)
