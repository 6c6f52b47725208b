"""Accessibility: axe-core (WCAG 2.1 A and AA rules) on the main screens of both sides, after they
have loaded their data. A violation fails with its rule, impact and the elements concerned."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.form_helpers import start_new_dossier

AXE = Axe()
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page: Page) -> list[str]:
    # Two animation frames: whatever the last delta changed is drawn (no fixed delay).
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    result = AXE.run(page, options=WCAG)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in result.response["violations"]
    ]


def test_login_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "/connexion")
    expect(page.locator("#identifiant")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize(
    "path, ready",
    [
        ("/", "#dossier-table"),
        ("/nouveau-dossier", "#type_dossier"),
        ("/autorisations", "#authorisations-table"),
        ("/notifications", "h1"),
    ],
)
def test_operator_pages(enter: Callable[..., Page], base_url: str, path: str, ready: str) -> None:
    page = enter("operateur@demo.fr")
    page.goto(base_url + path)
    expect(page.locator(ready).first).to_be_visible()
    assert violations(page) == []


def test_operator_form_dossier_and_authorisation(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    start_new_dossier(page, base_url, "PA")
    page.locator("#btn-controler").click()  # with the check summary and the field messages shown
    expect(page.locator("#check-summary")).to_be_visible()
    assert violations(page) == []
    page.goto(base_url + "/autorisations")
    page.locator("#authorisations-table").get_by_role("link", name="FRIPO2026000001").click()
    expect(page.locator("#versions")).to_be_visible()
    assert violations(page) == []
    page.locator("#versions").get_by_role("link").first.click()
    expect(page.locator("#history")).to_be_visible()
    assert violations(page) == []


def test_customs_pages(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("agent@demo.fr")
    expect(page.locator("#dossier-table")).to_be_visible()
    assert violations(page) == []
    page.locator("#dossier-table tbody tr").first.get_by_role("link").click()
    expect(page.locator("#actions")).to_be_visible()
    assert violations(page) == []
    page.locator("#act-demander_complements").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert violations(page) == []
