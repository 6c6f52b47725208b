"""Attachments in the browser: add several, download, remove, history; hostile inputs refused."""

from __future__ import annotations

import re
import socket
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.models import Attachment, Dossier, StoredFile, User
from soprano_app.services import attachments, auth
from soprano_app.services.attachments import IncomingFile
from soprano_app.services.demo import DEMO_PASSWORD
from soprano_app.settings import settings
from tests import files
from tests.e2e.form_helpers import company_id, open_rubrique, start_new_dossier

SHOTS = "artifacts/screenshots"


def upload(page: Page, type_code: str, payloads: list[dict]) -> None:  # type: ignore[type-arg]
    expect(page.locator("#upload-type")).to_be_visible()
    page.locator("#upload-type").select_option(type_code)
    page.locator("#pieces-upload input[type=file]").set_input_files(payloads)
    page.locator("#upload-send").click()


def pdf(name: str, data: bytes = files.PDF) -> dict:  # type: ignore[type-arg]
    return {"name": name, "mimeType": "application/pdf", "buffer": data}


def stored_files() -> set[str]:
    """The keys of the stored files, on disk and in the database (SOPRANO_STORAGE: either may be used)."""
    on_disk = (
        {p.name for p in settings.storage_dir.rglob("*") if p.is_file()}
        if settings.storage_dir.exists()
        else set()
    )
    with session_scope() as db:
        return on_disk | set(db.exec(select(StoredFile.key)).all())


def test_add_download_remove_and_history(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    dossier_id = start_new_dossier(page, base_url, "AT")
    open_rubrique(page, "divers")
    page.locator("#add-attachments").click()
    page.locator("#upload-label").fill("Pièces du dossier")
    upload(
        page,
        "contrat",
        [
            pdf("contrat de prêt.pdf"),
            {"name": "plan.png", "mimeType": "image/png", "buffer": files.PNG},
            {"name": "liste.csv", "mimeType": "text/csv", "buffer": files.CSV},
        ],
    )
    rows = page.locator("#attachments .attachment-row")
    expect(rows).to_have_count(3)
    expect(page.locator("#attachments")).to_contain_text("Contrat (façon, location, vente, garantie)")
    page.screenshot(path=f"{SHOTS}/pieces-jointes.png", full_page=True)

    link = page.get_by_role("link", name="Télécharger contrat de prêt.pdf")
    with page.expect_download() as download:  # a click, as a user does
        link.click()
    assert download.value.suggested_filename == "contrat de prêt.pdf"
    assert Path(download.value.path()).read_bytes() == files.PDF
    response = page.request.get(base_url + (link.get_attribute("href") or ""))
    assert response.status == 200 and response.body() == files.PDF
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-content-type-options"] == "nosniff"

    page.get_by_role("button", name="Supprimer plan.png").click()
    page.locator("#confirm-remove").click()
    expect(rows).to_have_count(2)
    page.locator("#attachments-history-toggle").click()
    history = page.locator("#attachments-history tbody tr")
    expect(history).to_have_count(4)  # three additions, one removal
    expect(history.first).to_contain_text("Suppression")
    expect(history.first).to_contain_text("plan.png")
    page.screenshot(path=f"{SHOTS}/pieces-jointes-historique.png", full_page=True)
    with session_scope() as db:
        items = db.exec(select(Attachment).where(Attachment.dossier_id == dossier_id)).all()
    assert len(items) == 3 and sum(1 for i in items if i.removed_at) == 1


def test_hostile_files_are_refused_and_nothing_is_stored(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    dossier_id = start_new_dossier(page, base_url, "AT")
    before = stored_files()
    open_rubrique(page, "divers")
    page.locator("#add-attachments").click()
    upload(
        page,
        "autre",
        [
            pdf("facture.pdf", files.EXE),  # an executable renamed .pdf
            pdf("vide.pdf", b""),
            {"name": "../../etc/passwd", "mimeType": "text/plain", "buffer": files.PASSWD},
            pdf("../../etc/passwd.pdf"),  # a real PDF, but a name with a path
        ],
    )
    refused = page.locator("#upload-refused")
    expect(refused).to_contain_text("facture.pdf : Format non autorisé")
    expect(refused).to_contain_text("vide.pdf : Fichier vide")
    expect(refused).to_contain_text("passwd : Format non autorisé")
    expect(refused).to_contain_text("passwd.pdf : Nom de fichier invalide")
    page.screenshot(path=f"{SHOTS}/pieces-jointes-refus.png")
    # Too big for the browser's own check: refused before anything is sent.
    page.locator("#pieces-upload input[type=file]").set_input_files(
        [pdf("enorme.pdf", files.PDF + bytes(settings.max_file_bytes))]
    )
    expect(refused).to_contain_text("enorme.pdf : Fichier trop volumineux")
    assert stored_files() == before
    with session_scope() as db:
        assert db.exec(select(Attachment).where(Attachment.dossier_id == dossier_id)).all() == []
    # A request larger than a dossier may hold is refused before its body is read: the answer
    # comes back although not one byte of the announced body was sent.
    host, port = urllib.parse.urlsplit(base_url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as raw:
        raw.sendall(
            f"POST /_upload HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Length: {settings.max_dossier_bytes * 4}\r\n\r\n".encode()
        )
        assert raw.recv(64).startswith(b"HTTP/1.1 413")


def _verrerie_attachment() -> int:
    token = auth.authenticate("representant@demo.fr", DEMO_PASSWORD).token
    assert token is not None
    ctx = auth.choose_company(token, company_id("90023456800013"))
    assert ctx is not None
    with session_scope() as db:
        draft = db.exec(
            select(Dossier).where(Dossier.company_id == ctx.company.id).where(Dossier.statut == "BROUILLON")  # type: ignore[union-attr]
        ).first()
    assert draft is not None and draft.id is not None
    attachments.add_files(ctx, draft.id, "autre", "", [IncomingFile("secret.pdf", files.PDF, False)])
    rows, _, _ = attachments.list_attachments(ctx, draft.id)
    return rows[0].id


def test_nobody_else_can_download(enter: Callable[..., Page], base_url: str, browser: Browser) -> None:
    foreign_id = _verrerie_attachment()
    page = enter("operateur@demo.fr")
    assert page.request.get(f"{base_url}/api/pieces/{foreign_id}").status == 404
    anonymous = browser.new_context()
    try:
        assert anonymous.request.get(f"{base_url}/api/pieces/{foreign_id}").status == 401
    finally:
        anonymous.close()


def test_representative_must_attach_the_mandate(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("representant@demo.fr", "Verrerie du Nord SA")
    start_new_dossier(page, base_url, "AT")
    page.locator("#btn-controler").click()
    summary = page.locator("#check-summary")
    expect(summary).to_contain_text(
        "Joignez « Mandat de représentation » : obligatoire si la demande est déposée par un représentant"
    )
    summary.get_by_role("link", name="Mandat de représentation").click()
    expect(page.locator("#f-rep_mandat")).to_be_focused()
    page.locator("#f-rep_mandat").click()
    upload(page, "mandat", [pdf("mandat signé.pdf")])
    expect(page.get_by_role("link", name="Télécharger mandat signé.pdf").first).to_be_visible()
    page.locator("#btn-controler").click()
    expect(summary).not_to_contain_text("Mandat de représentation")
    page.screenshot(path=f"{SHOTS}/mandat-joint.png", full_page=True)


def test_customs_reads_the_files_of_a_submitted_dossier(enter: Callable[..., Page], base_url: str) -> None:
    with session_scope() as db:
        submitted = db.exec(
            select(Dossier)
            .where(Dossier.company_id == company_id("90012345600015"))
            .where(Dossier.statut == "DEPOSEE")
        ).first()
        assert submitted is not None and submitted.id is not None
        dossier_id = submitted.id
        operator = db.exec(select(User).where(User.email == "operateur@demo.fr")).one()
        operator_id = operator.id
    key = attachments.storage().put(files.PDF)
    with session_scope() as db:
        db.add(
            Attachment(
                dossier_id=dossier_id,
                type_code="plan",
                file_name="plan des locaux.pdf",
                media_type="application/pdf",
                size=len(files.PDF),
                sha256="x",
                storage_key=key,
                added_by_id=operator_id,
                added_by_label="Claire Durand",
            )
        )
    page = enter("agent@demo.fr")
    page.goto(f"{base_url}/dossiers/{dossier_id}")
    link = page.get_by_role("link", name="Télécharger plan des locaux.pdf")
    expect(link).to_be_visible()
    expect(page.locator("#add-attachments")).to_have_count(0)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "plan des locaux.pdf"
    expect(page.get_by_role("button", name=re.compile("Supprimer plan"))).to_have_count(0)
