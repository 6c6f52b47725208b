"""End-to-end fixtures: the production server (``reflex run --env prod``) on a free port, real Chromium.

The server and the tests share the test database (SQLite file or PostgreSQL), so a test can reset
the demo data or look at what a click stored.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from soprano_app.services.demo import DEMO_PASSWORD, reset_demo_data
from soprano_app.settings import PROJECT_ROOT
from tests.e2e.steps import signed_in
from tests.support import Mailbox, recreate_database, smtp_sink

expect.set_options(timeout=15_000)

# The idle-session watcher polls every 2 s here, so that expiry tests do not wait 20 s.
POLL_SECONDS = "2"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.exit("Chromium introuvable : lancez les tests avec ./manage.sh test", returncode=2)
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:  # type: ignore[type-arg]
    return {
        **browser_type_launch_args,
        "executable_path": _chromium(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:  # type: ignore[type-arg]
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[Mailbox]:
    """The server sends its notification e-mails here."""
    with smtp_sink() as mailbox:
        yield mailbox


@pytest.fixture
def mailbox(smtp_server: Mailbox) -> Mailbox:
    smtp_server.messages.clear()
    return smtp_server


@pytest.fixture(scope="session")
def app_server(smtp_server: Mailbox) -> Iterator[str]:
    (PROJECT_ROOT / "artifacts" / "screenshots").mkdir(parents=True, exist_ok=True)
    recreate_database()
    tmp = Path(os.environ["SOPRANO_TEST_TMP"])
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env.update(
        SOPRANO_PUBLIC_URL=url,  # the only origin the API and the websocket answer
        # Every journey logs in from 127.0.0.1: the per-address limit is tested in tests/security.
        SOPRANO_LOGIN_LIMITS_PER_SOURCE="1000 per minute",
        SOPRANO_PUBLIC_FORM_LIMITS_PER_SOURCE="1000 per minute",
        # The scheduler passes when asked (the time machine): no pass in the middle of a journey.
        SOPRANO_SCHEDULER_INTERVAL_SECONDS="86400",
        REFLEX_USE_SYSTEM_BUN="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_STATES_WORKDIR=str(tmp / "states"),
        REFLEX_UPLOADED_FILES_DIR=str(tmp / "uploaded_files"),
        SOPRANO_SESSION_POLL_SECONDS=POLL_SECONDS,
        SOPRANO_SMTP_HOST=smtp_server.host,
        SOPRANO_SMTP_PORT=str(smtp_server.port),
    )
    subprocess.run(
        [sys.executable, "-m", "soprano_app.cli", "migrate"], cwd=PROJECT_ROOT, env=env, check=True
    )
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 (kept open for the server's lifetime)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reflex",
            "run",
            "--env",
            "prod",
            "--single-port",
            "--backend-port",
            str(port),
            "--backend-host",
            "127.0.0.1",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    scheduler_log = open(tmp / "scheduler.log", "wb")  # noqa: SIM115 (kept open for its lifetime)
    scheduler = subprocess.Popen(  # as ./manage.sh run starts it beside the server
        [sys.executable, "-m", "soprano_app.scheduler"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=scheduler_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_until_up(url, process, tmp / "server.log")
        yield url
    finally:
        os.killpg(scheduler.pid, signal.SIGTERM)
        scheduler.wait(timeout=20)
        scheduler_log.close()
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except ProcessLookupError:
            pass  # it had stopped already (the error says why)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("Le serveur s'est arrêté :\n" + log.read_text(errors="replace")[-4000:])
        try:
            with urllib.request.urlopen(url + "/ping", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("Le serveur n'a pas démarré :\n" + log.read_text(errors="replace")[-4000:])


@pytest.fixture(scope="session")
def base_url(app_server: str) -> str:
    return app_server


@pytest.fixture(autouse=True)
def fresh_demo(app_server: str) -> None:
    """Each journey starts from the documented demo data (nobody has accepted the CGU yet)."""
    reset_demo_data()


@pytest.fixture
def login(page: Page, base_url: str) -> Callable[..., Page]:
    def _login(email: str, password: str = DEMO_PASSWORD, *, path: str = "/connexion") -> Page:
        page.goto(base_url + path)
        page.locator("#identifiant").fill(email)
        page.locator("#mot_de_passe").fill(password)
        page.locator("#login-submit").click()
        return page

    return _login


@pytest.fixture
def enter(page: Page, base_url: str) -> Callable[..., Page]:
    """Log in and accept the CGU; representatives also pick a company when one is named."""

    def _enter(email: str, company: str | None = None) -> Page:
        return signed_in(page, base_url, email, company)

    return _enter


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.e2e)


@pytest.fixture
def context_cookies(context: BrowserContext) -> Callable[[], dict[str, dict]]:  # type: ignore[type-arg]
    def _cookies() -> dict[str, dict]:  # type: ignore[type-arg]
        return {c["name"]: dict(c) for c in context.cookies()}

    return _cookies


@pytest.fixture
def officer(browser: Browser, base_url: str) -> Iterator[Page]:
    """``agent@demo.fr`` in a second browser (its own cookies), logged in, CGU accepted."""
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", base_url=base_url)
    yield signed_in(context.new_page(), base_url, "agent@demo.fr")
    context.close()
