"""Security checks against the running server: headers, origins, the websocket, a tab token replayed
after logout (with the socket client, as an attacker would), uploads without a session, and a page
that runs under its Content-Security-Policy without a single violation."""

from __future__ import annotations

import asyncio
import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from typing import Any, TypeVar

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect
from sqlmodel import select

from bench.rx_event_client import RxClient
from soprano_app.db import session_scope
from soprano_app.models import Company, Dossier
from soprano_app.services import auth
from soprano_app.services.demo import DEMO_PASSWORD

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a socket.io client beside Playwright's own event loop (in another thread)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None):  # type: ignore[no-untyped-def]
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


@pytest.mark.parametrize(
    "path", ["/", "/connexion", "/dossiers/4", "/healthz", "/api/pieces/1", "/soprano.js"]
)
def test_every_page_and_route_carries_the_security_headers(base_url: str, path: str) -> None:
    _status, headers, _body = fetch(base_url + path)
    lower = {k.lower(): v for k, v in headers.items()}
    csp = lower["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert (
        "script-src 'self' 'unsafe-eval' 'sha256-" in csp
        and "'unsafe-inline'" not in csp.split("style-src")[0]
    )
    assert lower["x-frame-options"] == "DENY"
    assert lower["referrer-policy"] == "same-origin"
    assert "camera=()" in lower["permissions-policy"]
    assert lower["x-content-type-options"] == "nosniff"
    assert "strict-transport-security" not in lower  # plain HTTP here (SOPRANO_COOKIE_SECURE off)


def test_the_app_runs_under_its_policy_without_violations(enter: Callable[..., Page], base_url: str) -> None:
    violations: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            violations.append(message.text)

    page = enter("operateur@demo.fr")
    page.on("console", watch)
    page.goto(base_url + "/nouveau-dossier")
    expect(page.get_by_role("heading", name=re.compile("Déposer un nouveau dossier"))).to_be_visible()
    page.goto(base_url + "/")
    expect(page.locator("#dossier-table")).to_be_visible()
    page.locator("#dossier-table tbody tr").first.get_by_role("link").first.click()
    expect(page.locator("#dossier-title")).to_be_visible()
    assert violations == []


def test_only_the_applications_origin_may_call_the_api(base_url: str) -> None:
    _s, evil, _b = fetch(base_url + "/api/pieces/1", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in {k.lower() for k in evil}
    status, _h, _b = fetch(
        base_url + "/api/pieces/1",
        method="OPTIONS",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert status == 400
    _s, own, _b = fetch(base_url + "/api/pieces/1", headers={"Origin": base_url})
    assert {k.lower(): v for k, v in own.items()}.get("access-control-allow-origin") == base_url


def test_the_websocket_refuses_other_origins(base_url: str) -> None:
    async def attempt(origin: str) -> bool:
        client = RxClient(base_url, headers={"Origin": origin})
        try:
            await client.connect(timeout=10)
        except Exception:  # socket.io raises ConnectionError when the handshake is refused
            return False
        await client.close()
        return True

    assert run(attempt("http://evil.example")) is False
    assert run(attempt(base_url)) is True


def _login_cookie(base_url: str, email: str) -> str:
    body = f"identifiant={email}&mot_de_passe={DEMO_PASSWORD}".encode()
    status, headers, _b = fetch(
        base_url + "/api/connexion",
        method="POST",
        body=body,
        headers={
            "X-Soprano-Request": "1",
            "Origin": base_url,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert status == 200
    jar: SimpleCookie = SimpleCookie()
    jar.load(headers["set-cookie"])
    return jar["rp_sid"].value


def test_a_tab_token_replayed_after_logout_gets_nothing_back(base_url: str) -> None:
    cookie = _login_cookie(base_url, "operateur@demo.fr")
    ctx = auth.resolve_session(cookie)
    assert ctx is not None
    auth.accept_cgu(ctx.user_id)
    with session_scope() as db:
        durand = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        dossier = db.exec(
            select(Dossier).where(Dossier.company_id == durand.id).where(Dossier.statut != "BROUILLON")
        ).first()
    assert dossier is not None
    path = f"/dossiers/{dossier.id}"
    secrets_of_the_tab = ("Ateliers Durand SAS", dossier.numero or "", "Claire Durand")

    async def journey() -> tuple[str, str]:
        tab = RxClient(base_url, path=path, headers={"Cookie": f"rp_sid={cookie}", "Origin": base_url})
        await tab.connect()
        await tab.wait_for(lambda _u: "Ateliers Durand SAS" in json.dumps(tab.state, ensure_ascii=False), 15)
        seen = json.dumps(tab.state, ensure_ascii=False)
        await tab.close()
        status, _h, _b = fetch(
            base_url + "/api/deconnexion",
            method="POST",
            headers={"X-Soprano-Request": "1", "Origin": base_url, "Cookie": f"rp_sid={cookie}"},
        )
        assert status == 200
        # The attacker: the same tab token, no cookie.
        replay = RxClient(base_url, path=path, token=tab.token, headers={"Origin": base_url})
        await replay.connect()
        with pytest.raises(TimeoutError):  # nothing more arrives with the old data
            await replay.wait_for(
                lambda _u: "Ateliers Durand" in json.dumps(replay.state, ensure_ascii=False), 3
            )
        after = json.dumps(replay.state, ensure_ascii=False)
        await replay.close()
        return seen, after

    seen, after = run(journey())
    assert all(secret in seen for secret in secrets_of_the_tab)
    assert not any(secret in after for secret in secrets_of_the_tab)


def test_back_after_logout_shows_nothing(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    page.locator("#dossier-table tbody tr").first.get_by_role("link").first.click()
    expect(page.locator("#dossier-title")).to_be_visible()
    title = page.locator("#dossier-title").inner_text()
    page.locator("#logout").click()
    expect(page.locator("#login-info")).to_have_text("Vous êtes déconnecté.")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/connexion"))
    expect(page.locator("#login-submit")).to_be_visible()
    expect(page.locator("#dossier-title")).to_have_count(0)
    expect(page.get_by_text(title)).to_have_count(0)


def test_an_upload_without_a_session_cookie_is_refused_before_reading(base_url: str) -> None:
    boundary = "----soprano"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    status, _h, answer = fetch(
        base_url + "/_upload",
        method="POST",
        body=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "reflex-client-token": "00000000-0000-0000-0000-000000000000",
            "reflex-event-handler": "reflex___state____state.soprano_app___state___attachments____attachments_state.upload",
        },
    )
    assert status == 401 and "Connexion requise" in answer.decode()


def test_a_lost_connection_is_announced_in_french(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    expect(page.locator("#dossier-table")).to_be_visible()
    # The network goes down: the websocket drops and every reconnection attempt fails.
    page.context.set_offline(True)
    expect(page.get_by_text("Le serveur ne répond pas.")).to_be_visible(timeout=45_000)
    expect(page.get_by_text("vos dernières saisies seront envoyées")).to_be_visible()
    expect(page.get_by_text(re.compile("Cannot connect|Check if server|An error occurred"))).to_have_count(0)
    page.screenshot(path="artifacts/screenshots/connexion-perdue.png", full_page=True)
    page.context.set_offline(False)  # back: the toast goes away by itself
    expect(page.get_by_text("Le serveur ne répond pas.")).to_have_count(0, timeout=45_000)


def test_customs_see_whether_the_history_is_intact(
    officer: Page, enter: Callable[..., Page], base_url: str
) -> None:
    from sqlalchemy import text

    with session_scope() as db:
        dossier = db.exec(select(Dossier).where(Dossier.statut == "EN_INSTRUCTION")).first()
        assert dossier is not None
        event_id = db.exec(
            text("SELECT id FROM dossierevent WHERE dossier_id = :d ORDER BY id LIMIT 1"),
            params={"d": dossier.id},
        ).scalar_one()
    officer.goto(f"{base_url}/dossiers/{dossier.id}")
    integrity = officer.locator("#history-integrity")
    expect(integrity).to_contain_text("Historique intègre")
    # Someone rewrites the first entry directly in the database.
    with session_scope() as db:
        db.execute(text("UPDATE dossierevent SET message = 'Réécrit' WHERE id = :e"), {"e": event_id})
    officer.reload()
    expect(integrity).to_contain_text("Historique altéré : maillon n° 1")
    expect(integrity).to_contain_text("entrée de l'historique modifiée après son enregistrement")
    officer.screenshot(path="artifacts/screenshots/historique-altere.png", full_page=True)
    operator = enter("operateur@demo.fr")
    operator.goto(f"{base_url}/dossiers/{dossier.id}")
    expect(operator.locator("#dossier-title")).to_be_visible()
    expect(operator.locator("#history-integrity")).to_have_count(0)
