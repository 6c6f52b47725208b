"""Decision steps as a user takes them on the dossier page (both sides)."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from soprano_app.domain.statuses import STATUS_LABELS
from soprano_app.domain.statuses import DossierStatus as S
from soprano_app.services.demo import DEMO_PASSWORD

# The login ends in a full page load of the home page: the journeys wait for it explicitly.
LOGIN_LOAD_MS = 45_000


def signed_in(page: Page, base_url: str, email: str, company: str | None = None) -> Page:
    """Log in as a user does, accept the CGU and, for a representative, pick ``company``."""
    page.goto(base_url + "/connexion")
    page.locator("#identifiant").fill(email)
    page.locator("#mot_de_passe").fill(DEMO_PASSWORD)
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.locator("#login-submit").click()
    try:
        page.wait_for_url(lambda url: "/connexion" not in url, timeout=LOGIN_LOAD_MS)
    except PlaywrightTimeoutError:
        # A user would reload, or log in again; so does the journey, and it says what it saw. (The
        # stall this was written for — a click on the pre-rendered form before React had taken it
        # over — is now prevented: the button is enabled once the page is hydrated.)
        print(f"signed_in({email}): no home page after the login; at {page.url}, console {console}")
        if "/connexion" in page.url:
            page.locator("#identifiant").fill(email)
            page.locator("#mot_de_passe").fill(DEMO_PASSWORD)
            page.locator("#login-submit").click()
            page.wait_for_url(lambda url: "/connexion" not in url, timeout=LOGIN_LOAD_MS)
        else:
            page.goto(base_url + "/")
    page.locator("#cgu-accept").click()
    if company:
        page.locator("#company-table").wait_for()
        page.get_by_role("button", name=f"Choisir {company}").click()
        page.locator("#confirm-company").click()
    page.locator("#current-user").wait_for()
    return page


def typed(page: Page, selector: str, value: str) -> None:
    """Type into a debounced input and wait until the server holds it (its ``data-server-value``)."""
    field = page.locator(selector)
    field.fill(value)
    server_has(page, selector)


def server_has(page: Page, selector: str) -> None:
    """Wait until the server's value of an input (``data-server-value``) is what the input shows
    (the server may have tidied it: « 2027-01-10 » comes back as « 10/01/2027 »)."""
    page.wait_for_function(
        "(selector) => { const el = document.querySelector(selector);"
        " return el !== null && el.getAttribute('data-server-value') === el.value; }",
        arg=selector,
        timeout=15_000,
    )


def open_dossier(page: Page, base_url: str, dossier_id: int) -> None:
    """Open a dossier and wait until the page shows it (the tab's state may still hold the previous
    dossier for a moment after the navigation)."""
    page.goto(f"{base_url}/dossiers/{dossier_id}")
    expect(page.locator("#dossier-title")).to_have_attribute("data-id", str(dossier_id))


def expect_status(page: Page, status: S) -> None:
    expect(page.locator("main").get_by_text(STATUS_LABELS[status], exact=True).first).to_be_visible()


def tick(page: Page, selector: str) -> None:
    """Tick a checkbox and wait until the server holds it (the box is drawn from the server's state)."""
    page.locator(selector).click()
    expect(page.locator(selector)).to_have_attribute("data-state", "checked")


def take_step(
    page: Page,
    action: str,
    message: str = "",
    refused: bool = False,
    grounds: tuple[str, ...] = (),
    **inputs: str,
) -> None:
    """Click a step button, fill its dialog and confirm; the dialog closes when the server agrees."""
    page.locator(f"#act-{action}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    for ground in grounds:
        tick(page, f"#ground-{ground}")
    if message:
        typed(page, "#action-message", message)
    for field, value in inputs.items():
        typed(page, f"#{field}", value)
    page.locator("#action-confirm").click()
    if refused:
        expect(page.locator("#action-error")).to_be_visible()
    else:
        expect(dialog).to_have_count(0)
