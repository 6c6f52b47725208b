"""Working at volume on the operator side: « Dupliquer » an application into a new draft, the
representative's « Portefeuille », a 500-line goods import from a spreadsheet, « Documents de
l'entreprise » joined to a draft."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook, load_workbook
from playwright.sync_api import Page, expect

from tests import files
from tests.e2e.form_helpers import open_rubrique, start_new_dossier, stored_answers, wait_saved
from tests.e2e.steps import open_dossier, typed
from tests.fixtures import filed_application

SHOTS = "artifacts/screenshots"


def test_a_filed_application_is_duplicated_into_a_draft(enter: Callable[..., Page], base_url: str) -> None:
    source_id = filed_application("AT")
    page = enter("operateur@demo.fr")
    open_dossier(page, base_url, source_id)
    page.locator("#duplicate-dossier").click()
    expect(page).to_have_url(re.compile(r"/formulaire\?dossier=\d+"))
    copy_id = int(re.search(r"dossier=(\d+)", page.url)[1])  # type: ignore[index]
    assert copy_id != source_id
    expect(page.locator("#f-dem_eori")).to_be_visible()
    open_rubrique(page, "marchandises")
    expect(page.locator("#g-marchandises tbody tr")).to_have_count(
        len(stored_answers(source_id)["marchandises"])
    )
    page.screenshot(path=f"{SHOTS}/dossier-duplique.png")
    assert "val_attestation" not in stored_answers(copy_id)

    page.get_by_role("link", name="Accueil", exact=True).click()
    expect(page.get_by_role("link", name=f"Brouillon n° {copy_id}")).to_be_visible()


def test_a_representatives_portfolio_across_his_companies(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("representant@demo.fr", "Ateliers Durand SAS")
    page.get_by_role("link", name="Portefeuille", exact=True).click()
    dossiers = page.locator("#portfolio-dossiers")
    expect(dossiers).to_contain_text("Ateliers Durand SAS")
    expect(dossiers).to_contain_text("Verrerie du Nord SA")
    expect(page.locator("#portfolio-authorisations tbody tr").first).to_be_visible()
    page.screenshot(path=f"{SHOTS}/portefeuille.png", full_page=True)

    page.locator("#portfolio-company").click()
    page.get_by_role("option", name="Verrerie du Nord SA", exact=True).click()
    expect(dossiers).not_to_contain_text("Ateliers Durand SAS")
    first = dossiers.locator("tbody tr").first
    numero = first.locator("th").inner_text().strip()
    first.get_by_role("link").click()
    expect(page.get_by_role("alertdialog")).to_contain_text("Verrerie du Nord SA")
    page.locator("#switch-confirm").click()
    expect(page.locator("#dossier-title")).to_contain_text(numero)
    expect(page.locator("#acting-company")).to_contain_text("Verrerie du Nord SA")


def test_500_goods_lines_imported_from_a_spreadsheet_with_3_wrong_ones(
    enter: Callable[..., Page], base_url: str, tmp_path: Path
) -> None:
    page = enter("operateur@demo.fr")
    dossier_id = start_new_dossier(page, base_url, "AT")
    open_rubrique(page, "marchandises")
    with page.expect_download() as download:  # the model: the goods table's column titles
        page.locator("#goods-model-xlsx").click()
    model = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    titles = [cell.value for cell in next(model.iter_rows())]
    assert titles[:2] == ["Code de la nomenclature combinée", "Désignation des marchandises"]

    book = Workbook()
    sheet = book.active
    sheet.append(titles)
    wrong = {100, 250, 400}
    for n in range(500):
        if n in wrong:
            sheet.append(["12345", f"Ligne fausse {n}", -1, "boisseaux", "beaucoup", "EUR", "non", "non"])
        else:
            sheet.append(["84571010", f"Centre d'usinage n° {n}", 1, "p/st", 1000 + n, "EUR", "non", "non"])
    path = tmp_path / "marchandises.xlsx"
    book.save(path)

    page.locator("#import-marchandises").click()
    page.locator("#goods-import input[type=file]").set_input_files(str(path))
    expect(page.locator("#import-summary")).to_contain_text(
        "497 ligne(s) valide(s), 3 ligne(s) en erreur", timeout=60_000
    )
    expect(page.locator('#import-lines tr[data-ok="false"]')).to_have_count(3)
    page.screenshot(path=f"{SHOTS}/import-marchandises.png")
    page.locator("#import-add").click()
    expect(page.locator("#g-marchandises tbody tr")).to_have_count(497, timeout=60_000)
    wait_saved(page)
    assert len(stored_answers(dossier_id)["marchandises"]) == 497


def test_a_company_document_kept_once_and_joined_to_a_draft(
    enter: Callable[..., Page], base_url: str
) -> None:
    page = enter("operateur@demo.fr")
    page.get_by_role("link", name="Documents", exact=True).click()
    expect(page.get_by_role("heading", name="Documents de l'entreprise")).to_be_visible()
    page.locator("#vault-type").select_option("kbis")
    typed(page, "#vault-label", "Kbis 2026")
    typed(page, "#vault-until", "31/12/2030")
    page.locator("#vault-upload input[type=file]").set_input_files(
        [{"name": "kbis.pdf", "mimeType": "application/pdf", "buffer": files.PDF}]
    )
    page.locator("#vault-save").click()
    row = page.locator("#vault-table tbody tr", has_text="Kbis 2026")
    expect(row).to_contain_text("31/12/2030")
    expect(row.locator(".validity-badge")).to_have_text("Valide")
    page.screenshot(path=f"{SHOTS}/documents-entreprise.png", full_page=True)

    start_new_dossier(page, base_url, "AT")
    open_rubrique(page, "divers")
    page.locator("#add-attachments").click()
    picker = page.locator("#vault-picker")
    expect(picker).to_contain_text("Kbis 2026")
    page.get_by_role("dialog").screenshot(path=f"{SHOTS}/joindre-document-entreprise.png")
    picker.locator(".vault-attach").first.click()
    expect(page.locator("#attachments .attachment-row")).to_have_count(1)
    expect(page.locator("#attachments")).to_contain_text("kbis.pdf")
