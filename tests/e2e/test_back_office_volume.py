"""Working at volume on the customs side: « Suivi par » (take, assign), the queue's « Mes dossiers »
and its export, the service's private notes, bulk acceptance, saved views, the « dossier complet »
ZIP."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from soprano_app.db import session_scope
from soprano_app.models import Dossier
from tests.e2e.steps import open_dossier, typed
from tests.fixtures import filed_application

SHOTS = "artifacts/screenshots"


def _numero(dossier_id: int) -> str:
    with session_scope() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None and dossier.numero
        return dossier.numero


def choose(page: Page, trigger: str, option: str) -> None:
    page.locator(trigger).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_an_agent_takes_a_dossier_finds_it_in_his_queue_and_the_lead_reassigns_it(
    enter: Callable[..., Page], officer: Page, base_url: str
) -> None:
    dossier_id = filed_application()
    numero = _numero(dossier_id)
    agent = enter("agent.lyon@demo.fr")
    open_dossier(agent, base_url, dossier_id)
    expect(agent.locator("#follow-agent-name")).to_have_text("aucun agent")
    expect(agent.locator("#follow-assign")).to_have_count(0)  # not the lead
    agent.locator("#follow-take").click()
    expect(agent.locator("#follow-agent-name")).to_have_text("Thomas Bernard")
    expect(agent.locator("#history")).to_contain_text("Dossier pris en charge par Thomas Bernard.")
    expect(agent.locator("#history")).to_contain_text("Interne au service des douanes")
    agent.screenshot(path=f"{SHOTS}/suivi-pris-en-charge.png")

    agent.goto(base_url + "/douane")
    choose(agent, "#follow-filter", "Mes dossiers")
    rows = agent.locator("#dossier-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(numero)
    expect(rows.first.locator(".follower-cell")).to_have_text("Thomas Bernard")
    agent.screenshot(path=f"{SHOTS}/file-mes-dossiers.png")

    # « Exporter la liste »: the view as shown, read back.
    with agent.expect_download() as download:
        agent.locator("#export-xlsx").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Numéro de dossier" and [r[0] for r in rows[1:]] == [numero]
    assert rows[1][rows[0].index("Suivi par")] == "Thomas Bernard"
    with agent.expect_download() as download:
        agent.locator("#export-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].startswith(numero + ";")

    # The lead (Sophie Martin) gives it to any agent of the service: here to herself.
    open_dossier(officer, base_url, dossier_id)
    expect(officer.locator("#follow-agent-name")).to_have_text("Thomas Bernard")
    choose(officer, "#follow-agent", "Sophie Martin")
    officer.locator("#follow-assign").click()
    expect(officer.locator("#follow-agent-name")).to_have_text("Sophie Martin")
    expect(officer.locator("#history")).to_contain_text(
        "Dossier affecté à Sophie Martin par Sophie Martin (auparavant : Thomas Bernard)."
    )
    officer.screenshot(path=f"{SHOTS}/suivi-affecte.png")

    agent.reload()
    expect(agent.locator("#empty-state")).to_be_visible()  # « Mes dossiers »: nothing left


def test_an_internal_note_is_read_by_the_service_never_by_the_applicant(
    enter: Callable[..., Page], officer: Page, base_url: str
) -> None:
    dossier_id = filed_application()
    note = "Garantie à vérifier avec le service contentieux avant l'acceptation."
    open_dossier(officer, base_url, dossier_id)
    typed(officer, "#note-text", note)
    officer.locator("#note-add").click()
    expect(officer.locator("#notes-list .internal-note").first).to_contain_text(note)
    expect(officer.locator("#notes-list")).to_contain_text("Sophie Martin")
    expect(officer.locator("#note-text")).to_have_value("")
    officer.locator("#notes-card").screenshot(path=f"{SHOTS}/notes-internes.png")

    # « Dossier complet (ZIP) »: the application and the history as PDF, never the notes.
    with officer.expect_download() as download:
        officer.locator("#dossier-zip").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert {"demande.pdf", "historique.pdf"} <= set(archive.namelist())
    history = "".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read("historique.pdf"))).pages)
    assert _numero(dossier_id) in history and "contentieux" not in history

    operator = enter("operateur@demo.fr")
    open_dossier(operator, base_url, dossier_id)
    expect(operator.locator("#history")).to_be_visible()
    expect(operator.locator("#notes-card")).to_have_count(0)
    expect(operator.locator("main")).not_to_contain_text("contentieux")


def test_a_bulk_acceptance_of_ticked_dossiers_with_a_result_per_dossier(officer: Page, base_url: str) -> None:
    first, second = filed_application(), filed_application()
    numbers = {_numero(first), _numero(second)}
    officer.goto(base_url + "/douane")
    officer.get_by_title("Trier par dernière modification").click()  # the newest first
    expect(officer.locator("#dossier-table tbody tr").first).to_contain_text(max(numbers))
    for numero in numbers:
        row = officer.locator("#dossier-table tbody tr", has_text=numero)
        row.locator(".row-select").click()
        expect(row.locator(".row-select")).to_have_attribute("data-state", "checked")
    expect(officer.locator("#bulk-count")).to_have_text("2 dossier(s) sélectionné(s)")
    officer.locator("#bulk-accepter").click()
    results = officer.locator("#bulk-results tbody tr")
    expect(results).to_have_count(2)
    expect(officer.locator('#bulk-results tbody tr[data-done="true"]')).to_have_count(2)
    officer.screenshot(path=f"{SHOTS}/acceptation-en-lot.png")
    officer.get_by_role("button", name="Fermer").click()
    for numero in numbers:
        expect(officer.locator("#dossier-table tbody tr", has_text=numero)).to_contain_text(
            "Acceptée — en cours d'instruction"
        )


def test_a_saved_view_of_the_queue_is_found_again_with_its_count(officer: Page, base_url: str) -> None:
    officer.goto(base_url + "/douane")
    expect(officer.locator("#dossier-table")).to_be_visible()
    choose(officer, "#filter-regime", "ED — Entrepôt douanier")
    expect(officer.locator("#dossier-table tbody tr").first).to_contain_text("ED")
    count = officer.locator("#dossier-total").inner_text().split()[0]
    officer.locator("#save-view").click()
    typed(officer, "#view-name", "Entrepôts du service")
    officer.locator("#view-save").click()
    chip = officer.locator(".saved-view", has_text="Entrepôts du service")
    expect(chip).to_contain_text(count)
    choose(officer, "#filter-regime", "Tous les régimes")
    expect(officer.locator("#filter-regime")).to_contain_text("Tous les régimes")
    chip.click()
    expect(officer.locator("#filter-regime")).to_contain_text("ED — Entrepôt douanier")
    expect(officer.locator("#dossier-total")).to_have_text(f"{count} dossier(s)")
    officer.locator("#saved-views").screenshot(path=f"{SHOTS}/vues-enregistrees.png")


def test_the_service_overview_shows_counts_speed_due_dates_and_workload(officer: Page, base_url: str) -> None:
    filed_application()
    officer.get_by_role("link", name="Pilotage", exact=True).click()
    expect(officer.get_by_role("heading", name="Pilotage du service")).to_be_visible()
    expect(officer.locator("#chart-statuses")).to_contain_text("Déposée")
    expect(officer.locator("#chart-speed .recharts-surface").first).to_be_visible()
    expect(officer.locator("#workload")).to_contain_text("Non suivis")
    expect(officer.locator("#open-total")).to_contain_text("dossier(s) ouvert(s)")
    officer.screenshot(path=f"{SHOTS}/pilotage-du-service.png", full_page=True)
