"""The life of an authorisation in two browsers: customs re-assess, hear the holder, suspend, lift;
the holder asks for revocation; annulment and the RDC 11 flag; public verification of the PDF."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pypdfium2
import zxingcpp
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from sqlmodel import select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.domain.regimes import Regime
from soprano_app.domain.statuses import DossierStatus as S
from soprano_app.models import Authorisation
from tests import files
from tests.e2e.form_helpers import prefill_common_parts, start_new_dossier
from tests.e2e.steps import expect_status, open_dossier, typed
from tests.e2e.test_accessibility import violations

SHOTS = "artifacts/screenshots"
CONDITIONS = ("information", "connaissance", "difference")


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
    officer.locator("#life-standard-1").click()  # a standard ground, completed below
    expect(officer.locator("#life-message")).to_have_value(re.compile(r"^Les conditions de l'autorisation"))
    typed(
        officer,
        "#life-message",
        officer.locator("#life-message").input_value().replace("[…]", "inventaire non tenu", 1)
        + "\nTenir l'inventaire permanent des marchandises en perfectionnement.",
    )
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
    # Notified by the e-mail or by this opening; it takes effect then, and may be appealed.
    expect(operator.locator("#life-history .notice-line").first).to_contain_text("Notifiée le")
    expect(operator.locator("#life-history .effect-line").first).to_contain_text("Prend effet le")
    expect(operator.locator("#life-history .appeal-line").first).to_contain_text("Recours possible")
    operator.goto(base_url + "/autorisations")
    operator.locator("#status-filter").select_option("SUSPENDUE")
    expect(operator.locator("#authorisations-table tbody tr")).to_have_count(1)

    take(officer, "lever_suspension", "Inventaire permanent tenu, contrôle satisfaisant.")
    expect(officer.locator("#authorisation-status")).to_have_text("En vigueur")
    expect(officer.locator("#life-history")).to_contain_text("Suspension levée")
    officer.screenshot(path=f"{SHOTS}/autorisation-vie-douane.png", full_page=True)


def download(page: Page, link: str) -> bytes:
    """Click a download link as a user would and read what the browser saved."""
    with page.expect_download() as event:
        page.locator(link).click()
    return Path(event.value.path()).read_bytes()


def pdf_text(data: bytes) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(BytesIO(data)).pages)


def qr_url(data: bytes) -> str:
    """Read the QR code printed on the first page, as a phone would."""
    image = pypdfium2.PdfDocument(data)[0].render(scale=3).to_pil()
    [code] = [c for c in zxingcpp.read_barcodes(image) if c.format == zxingcpp.BarcodeFormat.QRCode]
    return str(code.text)


def test_the_holder_asks_for_revocation_and_the_printed_copy_says_so_publicly(
    enter: Callable[..., Page], officer: Page, browser: Browser, base_url: str
) -> None:
    authorisation_id = durand_authorisation_id()
    today = app_clock.today().strftime("%d/%m/%Y")
    operator = enter("operateur@demo.fr")
    open_authorisation(operator, base_url, authorisation_id)
    issued = download(operator, "#authorisation-pdf")  # the copy the holder printed at the grant
    assert "Garantie isolée de 45" in pdf_text(issued)  # the guarantee the decision requires
    take(operator, "demander_revocation", "Cessation de l'activité de transformation à Lyon.")
    expect(operator.locator("#life-holder-request")).to_contain_text("Demande de révocation du titulaire")

    officer.goto(base_url + "/douane")
    expect(officer.locator("#authorisation-tasks")).to_contain_text("FRIPO2026000001")
    open_authorisation(officer, base_url, authorisation_id)
    expect(officer.locator("#life-holder-request")).to_contain_text("Cessation de l'activité")
    take(officer, "revoquer", "Révocation à la demande du titulaire.", "demande_du_titulaire", effect=today)
    expect(officer.locator("#authorisation-status")).to_have_text("Révoquée")
    expect(officer.locator("#life-history")).to_contain_text("Révocation")

    # Printed as it stood before the revocation: « En vigueur » on that day.
    operator.reload()
    expect(operator.locator("#authorisation-status")).to_have_text("Révoquée")
    before = (app_clock.today() - timedelta(days=10)).strftime("%d/%m/%Y")
    typed(operator, "#print-date", before)
    then = download(operator, "#authorisation-pdf-on-date")
    assert f"Situation au {before}" in pdf_text(then) and "En vigueur" in pdf_text(then)
    assert "Révoquée" not in pdf_text(then)

    # Anyone holding the paper copy scans its QR code: no login, the status today, in red.
    url = qr_url(issued)
    assert re.fullmatch(re.escape(base_url) + r"/verification/[A-Za-z0-9_-]{20,}", url)
    stranger = browser.new_context(locale="fr-FR").new_page()
    stranger.goto(url)
    expect(stranger.locator("#verification-status")).to_have_text("Révoquée")
    expect(stranger.locator("#verification-alarm")).to_contain_text("révoquée")
    expect(stranger.locator("#verification-sha256")).to_have_text(hashlib.sha256(issued).hexdigest())
    expect(stranger.get_by_text("FRIPO2026000001")).to_be_visible()
    stranger.screenshot(path=f"{SHOTS}/verification-revoquee.png", full_page=True)
    stranger.goto(url[:-4] + "AAAA")
    expect(stranger.locator("#verification-unknown")).to_have_text("Aucune autorisation ne correspond.")
    stranger.context.close()


def test_annulment_after_hearing_then_a_new_application_is_flagged_rdc11(
    enter: Callable[..., Page], officer: Page, base_url: str
) -> None:
    authorisation_id = durand_authorisation_id()
    open_authorisation(officer, base_url, authorisation_id)
    take(
        officer,
        "notifier_projet",
        "La capacité de l'atelier déclarée (4 000 t/an) est le double de la capacité constatée.",
        "annulation",
    )
    expect(officer.locator("#life-hearing")).to_contain_text("Projet d'annulation")

    # The holder answers with a document, from the authorisation page.
    operator = enter("operateur@demo.fr")
    open_authorisation(operator, base_url, authorisation_id)
    operator.locator("#life-presenter_observations").click()
    expect(operator.get_by_role("dialog")).to_be_visible()
    typed(operator, "#life-message", "La capacité déclarée inclut la seconde ligne, en service depuis mars.")
    operator.locator("#life-upload input[type=file]").set_input_files(
        [
            {"name": "facture.exe.pdf", "mimeType": "application/pdf", "buffer": files.EXE},
        ]
    )
    operator.locator("#life-confirm").click()
    expect(operator.locator("#life-error")).to_contain_text("facture.exe.pdf")  # refused, nothing lost
    expect(operator.locator("#life-message")).to_have_value(re.compile("seconde ligne"))
    operator.locator("#life-upload input[type=file]").set_input_files(
        [{"name": "procès-verbal.pdf", "mimeType": "application/pdf", "buffer": files.PDF}]
    )
    expect(operator.locator("#life-files")).to_contain_text("procès-verbal.pdf")
    operator.screenshot(path=f"{SHOTS}/autorisation-observations-pieces.png")
    operator.locator("#life-confirm").click()
    expect(operator.get_by_role("dialog")).to_have_count(0)
    expect(operator.locator("#life-history")).to_contain_text("seconde ligne")
    expect(operator.locator("#life-history .life-file")).to_contain_text("procès-verbal.pdf")

    officer.reload()
    expect(officer.locator("#life-hearing")).to_contain_text("observations reçues")
    assert download(officer, "#life-history .life-file") == files.PDF
    officer.locator("#life-annuler").click()
    expect(officer.get_by_role("dialog")).to_be_visible()
    typed(officer, "#life-message", "Capacité surévaluée : la seconde ligne n'était pas autorisée.")
    officer.locator("#life-confirm").click()
    expect(officer.locator("#life-error")).to_contain_text("article 27 du CDU")  # the three conditions first
    for key in CONDITIONS:
        officer.locator(f"#life-condition-{key}").click()
    assert violations(officer) == []  # the three conditions, named for screen readers
    officer.screenshot(path=f"{SHOTS}/autorisation-annuler.png")
    officer.locator("#life-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect(officer.locator("#authorisation-status")).to_have_text("Annulée")

    # Within the year, the holder files a new PA application: customs are told at once (RDC 11).
    dossier_id = start_new_dossier(operator, base_url, "PA")
    prefill_common_parts("operateur@demo.fr", dossier_id, Regime.PA, keep_specific=True)
    operator.reload()
    operator.locator("#btn-valider").click()
    expect(operator.locator("#recap-errors")).to_have_count(0)
    operator.locator("#attestation").click()
    operator.locator("#btn-transmettre").click()
    expect(operator).to_have_url(re.compile(rf"/dossiers/{dossier_id}/confirmation"))

    officer.goto(base_url + "/douane")  # at the top of the queue, marked
    expect(officer.locator("#dossier-table tbody tr").first).to_contain_text("(RDC 11)")
    open_dossier(officer, base_url, dossier_id)
    expect(officer.locator("#rdc11-notice")).to_contain_text("FRIPO2026000001")
    expect(officer.locator("#rdc11-notice")).to_contain_text("art. 11 RDC")
    officer.screenshot(path=f"{SHOTS}/rdc11-signalement.png", full_page=True)
    officer.locator("#act-declarer_irrecevable").click()
    expect(officer.locator("#action-message")).to_have_value(re.compile("moins d'un an après l'annulation"))
    officer.locator("#action-confirm").click()
    expect(officer.get_by_role("dialog")).to_have_count(0)
    expect_status(officer, S.IRRECEVABLE)
