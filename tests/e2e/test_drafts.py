"""Deleting a draft (transition 3): asked first, gone with its files, never a filed dossier."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from soprano_app.db import session_scope
from soprano_app.models import Dossier
from tests.e2e.form_helpers import start_new_dossier


def test_a_draft_can_be_deleted_after_confirmation(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    dossier_id = start_new_dossier(page, base_url, "AT")
    page.locator("#btn-supprimer").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Supprimer le brouillon ?")
    dialog.get_by_role("button", name="Annuler").click()
    expect(dialog).to_have_count(0)
    page.locator("#btn-supprimer").click()
    page.locator("#confirm-delete-draft").click()
    expect(page.get_by_text(f"Brouillon n° {dossier_id} supprimé.")).to_be_visible()
    expect(page.get_by_role("heading", name="Mes dossiers")).to_be_visible()
    expect(page.locator("#dossier-table")).not_to_contain_text(f"Brouillon n° {dossier_id}")
    with session_scope() as db:
        assert db.get(Dossier, dossier_id) is None
    page.goto(f"{base_url}/formulaire?dossier={dossier_id}")
    expect(page.get_by_text("introuvable")).to_be_visible()
