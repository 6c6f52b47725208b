"""Lockout that holds under parallel attempts, and a per-source limit so that one machine cannot
lock many accounts; the account holder hears of a lock and of its lifting by e-mail."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from soprano_app import api as api_module
from soprano_app.domain import lockout
from soprano_app.services import admin, auth, mail, throttle
from soprano_app.settings import settings
from tests.fixtures import login_token
from tests.support import smtp_sink

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture(autouse=True)
def _fresh_source_counts() -> Iterator[None]:
    throttle.reset()
    yield
    throttle.reset()


def test_parallel_wrong_passwords_check_at_most_five(monkeypatch: pytest.MonkeyPatch, now: datetime) -> None:
    checked = 0
    lock = threading.Lock()
    real_verify = auth.verify_password

    def counting_verify(password: str, password_hash: str | None) -> bool:
        nonlocal checked
        with lock:
            checked += 1
        return real_verify(password, password_hash)

    monkeypatch.setattr(auth, "verify_password", counting_verify)
    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(lambda _: auth.authenticate("agent@demo.fr", "mauvais", now), range(20)))
    assert checked <= lockout.MAX_FAILURES
    assert not any(r.ok for r in results)
    assert sum("verrouillé" in r.message for r in results) >= 20 - lockout.MAX_FAILURES
    assert "verrouillé" in auth.authenticate("agent@demo.fr", "Demo-2026!", now).message


def test_one_source_cannot_lock_many_accounts(now: datetime) -> None:
    victims = ["operateur@demo.fr", "representant@demo.fr", "agent@demo.fr", "admin@demo.fr"]
    attacker = "203.0.113.7"
    messages = []
    for email in victims:
        for _ in range(lockout.MAX_FAILURES):
            messages.append(auth.authenticate(email, "mauvais", now, source=attacker).message)
    # 10 failures per 10 minutes: two accounts at most, then the source itself is refused.
    assert messages.count(lockout.SOURCE_THROTTLED_MESSAGE) == 10
    locked = [
        e for e in victims if "verrouillé" in auth.authenticate(e, "x", now, source="198.51.100.1").message
    ]
    assert len(locked) <= 2
    # The victims of the source's later attempts still log in, from elsewhere.
    assert auth.authenticate("admin@demo.fr", "Demo-2026!", now, source="198.51.100.2").ok


def test_the_login_route_throttles_by_client_address() -> None:
    client = TestClient(api_module.api, base_url="http://localhost:3000")
    headers = {"X-Soprano-Request": "1", "Origin": "http://localhost:3000"}
    answers = [
        client.post(
            "/api/connexion", data={"identifiant": f"x{i}@demo.fr", "mot_de_passe": "y"}, headers=headers
        )
        for i in range(11)
    ]
    assert [a.status_code for a in answers] == [401] * 11
    assert answers[-1].json()["message"] == lockout.SOURCE_THROTTLED_MESSAGE
    assert answers[0].json()["message"] == lockout.LOGIN_FAILED_MESSAGE


def test_the_account_holder_is_told_of_the_lock_and_of_the_unlock(
    monkeypatch: pytest.MonkeyPatch, now: datetime
) -> None:
    with smtp_sink() as box:
        monkeypatch.setattr(
            mail, "settings", dataclasses.replace(settings, smtp_host=box.host, smtp_port=box.port)
        )
        for _ in range(lockout.MAX_FAILURES + 2):
            auth.authenticate("operateur@demo.fr", "mauvais", now)
        locked = box.wait_for("operateur@demo.fr", "Compte verrouillé")
        assert "5 tentatives de connexion infructueuses" in locked.get_content()
        admin.unlock(auth.resolve_session(login_token("admin@demo.fr")), "operateur@demo.fr")  # type: ignore[arg-type]
        unlocked = box.wait_for("operateur@demo.fr", "Compte déverrouillé")
        assert "déverrouillé par l'administrateur" in unlocked.get_content()
        told = [m for m in box.messages if "Compte verrouillé" in m["Subject"]]
        assert len(told) == 1  # once, not at every refused attempt
    assert auth.authenticate("operateur@demo.fr", "Demo-2026!").ok
