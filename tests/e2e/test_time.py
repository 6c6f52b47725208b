"""Time that acts, shown as a trainer shows it: the administrator moves the demo date forward on
« Administration », the scheduler process makes the time limits act, and each side sees the effect
in its own browser (status, history by « Système », notices, e-mails dated on the simulated date)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from email.utils import parsedate_to_datetime

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import col, select

from soprano_app.db import session_scope
from soprano_app.domain.formatting import format_date, paris_today
from soprano_app.domain.statuses import DossierStatus as S
from soprano_app.models import Authorisation, Company, Dossier, DossierRequest
from tests.e2e.steps import expect_status, open_dossier, signed_in
from tests.support import Mailbox

SHOTS = "artifacts/screenshots"
VERRERIE, DURAND, CHANTIERS = "90023456800013", "90012345600015", "90034567900014"


def demo_dossier(siret: str, status: S, regime: str) -> Dossier:
    with session_scope() as db:
        found = db.exec(
            select(Dossier)
            .join(Company, col(Company.id) == Dossier.company_id)
            .where(Company.siret == siret, Dossier.statut == status.value, Dossier.regime == regime)
        ).first()
    assert found is not None and found.id is not None
    return found


@pytest.fixture
def second_browser(browser: Browser, base_url: str) -> Iterator[Callable[..., Page]]:
    """Another person in another browser (own cookies): logged in, CGU accepted, company chosen."""
    contexts = []

    def _open(email: str, company: str | None = None) -> Page:
        context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", base_url=base_url)
        contexts.append(context)
        return signed_in(context.new_page(), base_url, email, company)

    yield _open
    for context in contexts:
        context.close()


def move_to(admin: Page, base_url: str, day: date) -> None:
    """« Aller à cette date », then wait until the scheduler's pass shows on the page."""
    admin.goto(base_url + "/administration")
    before = admin.locator("#last-run").inner_text()
    admin.locator("#target-date").fill(day.strftime("%d/%m/%Y"))
    admin.locator("#move-to").click()
    expect(admin.locator("#app-date")).to_have_text(format_date(day))
    expect(admin.locator("#last-run")).not_to_have_text(before, timeout=60_000)
    expect(admin.locator("#scheduler-state")).not_to_contain_text("Passe", timeout=60_000)


def test_compléments_not_supplied_the_application_becomes_inadmissible_for_both_sides(
    enter: Callable[..., Page], second_browser: Callable[..., Page], base_url: str, mailbox: Mailbox
) -> None:
    dossier = demo_dossier(VERRERIE, S.INCOMPLETE, "AT")
    assert dossier.id is not None
    with session_scope() as db:
        due = db.exec(select(DossierRequest.due_date).where(DossierRequest.dossier_id == dossier.id)).one()

    admin = enter("admin@demo.fr")
    admin.goto(base_url + "/administration")
    admin.locator("#advance-7").click()  # « + 1 semaine »: the reply period ends meanwhile
    expect(admin.locator("#demo-banner")).to_contain_text("Date simulée")
    expect(admin.locator("#job-irrecevables")).to_have_text(re.compile(r"[1-9]"), timeout=60_000)
    simulated = admin.locator("#simulated-date").inner_text()
    admin.screenshot(path=f"{SHOTS}/temps-administration.png", full_page=True)

    holder = second_browser("representant@demo.fr", "Verrerie du Nord SA")
    expect(holder.locator("#simulated-date")).to_have_text(simulated)  # every user sees the date
    open_dossier(holder, base_url, dossier.id)
    expect_status(holder, S.IRRECEVABLE)
    history = holder.locator("#history")
    expect(history).to_contain_text("Système")
    expect(history).to_contain_text(f"avant la fin du délai de réponse ({format_date(due)})")
    expect(history).to_contain_text("Voies de recours")
    holder.screenshot(path=f"{SHOTS}/temps-irrecevable-operateur.png", full_page=True)

    officer = second_browser("agent.lille@demo.fr")
    open_dossier(officer, base_url, dossier.id)
    expect_status(officer, S.IRRECEVABLE)
    expect(officer.locator("#history")).to_contain_text("n'ont pas été fournis")

    message = mailbox.wait_for("representant@demo.fr", "irrecevable")
    assert "n'ont pas été fournis" in message.get_content()
    sent_on = paris_today(parsedate_to_datetime(message["Date"]))  # a Paris day, as the banner shows it
    assert format_date(sent_on) == simulated  # sent "on" that date
    mailbox.wait_for("agent.lille@demo.fr", "irrecevable")


def test_a_decision_deadline_passed_the_operator_may_appeal_and_customs_see_it_first(
    enter: Callable[..., Page], officer: Page, second_browser: Callable[..., Page], base_url: str
) -> None:
    dossier = demo_dossier(DURAND, S.EN_INSTRUCTION, "DP")
    assert dossier.id is not None and dossier.echeance is not None

    admin = second_browser("admin@demo.fr")
    move_to(admin, base_url, dossier.echeance + timedelta(days=1))
    expect(admin.locator("#job-delais_depasses")).to_have_text(re.compile(r"[1-9]"))

    operator = enter("operateur@demo.fr")
    open_dossier(operator, base_url, dossier.id)
    notice = operator.locator("#deadline-notice")
    expect(notice).to_contain_text(f"Le délai de décision a expiré le {format_date(dossier.echeance)}")
    expect(notice).to_contain_text("comme si votre demande avait été refusée")
    expect(operator.locator("#history")).to_contain_text("Voies de recours")
    operator.screenshot(path=f"{SHOTS}/temps-delai-decision-operateur.png", full_page=True)

    officer.goto(base_url + "/douane")
    rows = officer.locator("#dossier-table tbody tr")
    expect(rows.nth(0)).to_contain_text("Délai d'acceptation dépassé")  # at the top of the queue,
    expect(rows.nth(1)).to_contain_text("Délai de décision dépassé")  # soonest deadline first
    expect(rows.nth(1)).to_contain_text(dossier.numero or "")
    officer.screenshot(path=f"{SHOTS}/temps-file-douane.png", full_page=True)


def test_an_authorisation_is_reminded_then_expires(
    second_browser: Callable[..., Page], base_url: str, mailbox: Mailbox
) -> None:
    with session_scope() as db:
        authorisation = db.exec(select(Authorisation).where(Authorisation.numero == "FRIPO2026000002")).one()
    assert authorisation.id is not None and authorisation.valid_to is not None
    end = authorisation.valid_to

    nantes = second_browser("agent.nantes@demo.fr")  # customs watch what ends within 90 days
    expect(nantes.locator("#expiring-notice")).to_contain_text("1 autorisation arrive à échéance")
    nantes.locator("#expiring-link").click()
    expect(nantes.locator("#filter-expiring")).to_have_attribute("aria-pressed", "true")
    expect(nantes.locator("#authorisations-table tbody tr")).to_have_count(1)
    expect(nantes.locator("#authorisations-table")).to_contain_text("FRIPO2026000002")

    admin = second_browser("admin@demo.fr")
    holder = second_browser("representant@demo.fr", "Chantiers Navals de l'Ouest")
    numero = "FRIPO2026000002"
    for days_left in (60, 30):
        move_to(admin, base_url, end - timedelta(days=days_left))
        mail = mailbox.wait_for("representant@demo.fr", f"(dans {days_left} jours)")
        assert "Demander le renouvellement" in mail.get_content()
        assert f"Consultez l'autorisation : {base_url}/autorisations/{authorisation.id}" in mail.get_content()
    holder.goto(base_url + "/notifications")
    for days_left in (60, 30):
        expect(holder.locator("main")).to_contain_text(f"Autorisation n° {numero} : fin de validité")
        expect(holder.locator("main")).to_contain_text(f"(dans {days_left} jours)")

    holder.goto(base_url + f"/autorisations/{authorisation.id}")
    expect(holder.locator("main")).to_contain_text("En vigueur")
    move_to(admin, base_url, end + timedelta(days=1))
    holder.goto(base_url + "/autorisations")
    expect(holder.locator("#authorisations-table")).to_contain_text("Expirée")
    holder.goto(base_url + f"/autorisations/{authorisation.id}")
    expect(holder.locator("main")).to_contain_text("Expirée")
    expect(holder.locator("main")).to_contain_text("L'autorisation a expiré : déposez une nouvelle demande")
    mailbox.wait_for("representant@demo.fr", f"Autorisation n° {numero} expirée")
    holder.screenshot(path=f"{SHOTS}/temps-autorisation-expiree.png", full_page=True)
