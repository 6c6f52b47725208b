"""Demo data, and the login/logout HTTP routes (cookie attributes, CSRF guard)."""

import dataclasses

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from soprano_app import api as api_module
from soprano_app.db import session_scope
from soprano_app.models import Company, Dossier, LoginSession, User
from soprano_app.services import auth
from soprano_app.services import demo as demo_data
from soprano_app.services.demo import DEMO_PASSWORD
from soprano_app.settings import settings


def test_demo_accounts_are_exactly_the_documented_ones(demo: None) -> None:
    with session_scope() as db:
        users = {u.email: u.role for u in db.exec(select(User)).all()}
    assert users == {
        "operateur@demo.fr": "operateur",
        "preparateur@demo.fr": "operateur",
        "representant@demo.fr": "representant",
        "agent@demo.fr": "agent",
        "agent.lyon@demo.fr": "agent",
        "agent.lille@demo.fr": "agent",
        "agent.nantes@demo.fr": "agent",
        "admin@demo.fr": "admin",
    }
    assert {a.email for a in demo_data.DEMO_ACCOUNTS} == set(users)
    for email in users:
        assert auth.authenticate(email, DEMO_PASSWORD).ok


def test_demo_companies_and_dossiers(demo: None) -> None:
    with session_scope() as db:
        companies = {c.siret: (c.raison_sociale, c.eori, c.ville) for c in db.exec(select(Company)).all()}
        statuses = {d.statut for d in db.exec(select(Dossier)).all()}
    assert companies["90012345600015"] == ("Ateliers Durand SAS", "FR90012345600015", "Lyon")
    assert companies["90023456800013"] == ("Verrerie du Nord SA", "FR90023456800013", "Lille")
    assert companies["90034567900014"] == ("Chantiers Navals de l'Ouest", "FR90034567900014", "Saint-Nazaire")
    assert len(statuses) >= 6


def test_demo_loading_is_idempotent_and_reset_starts_over(demo: None) -> None:
    assert demo_data.load_demo_data() is False
    token = auth.authenticate("operateur@demo.fr", DEMO_PASSWORD).token
    assert token is not None
    demo_data.reset_demo_data()
    assert auth.resolve_session(token) is None
    with session_scope() as db:
        assert len(db.exec(select(User)).all()) == len(demo_data.DEMO_ACCOUNTS)


def test_demo_data_is_refused_in_production(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_data, "settings", dataclasses.replace(settings, environment="production"))
    with pytest.raises(RuntimeError, match="jamais chargées en production"):
        demo_data.load_demo_data()
    with pytest.raises(RuntimeError, match="jamais chargées en production"):
        demo_data.reset_demo_data()


@pytest.fixture
def client(demo: None) -> TestClient:
    return TestClient(api_module.api, base_url="http://localhost:3000")


HEADERS = {"X-Soprano-Request": "1", "Origin": "http://localhost:3000"}


def test_login_sets_an_httponly_samesite_cookie(client: TestClient) -> None:
    response = client.post(
        "/api/connexion",
        data={"identifiant": "operateur@demo.fr", "mot_de_passe": DEMO_PASSWORD, "suivant": "/autorisations"},
        headers=HEADERS,
    )
    assert response.status_code == 200
    assert response.json() == {"ok": True, "redirect": "/autorisations"}
    cookie = response.headers["set-cookie"]
    assert "rp_sid=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert response.headers["cache-control"] == "no-store"


def test_login_refuses_open_redirects(client: TestClient) -> None:
    response = client.post(
        "/api/connexion",
        data={"identifiant": "operateur@demo.fr", "mot_de_passe": DEMO_PASSWORD, "suivant": "//evil.example"},
        headers=HEADERS,
    )
    assert response.json()["redirect"] == "/"


def test_login_failure_is_generic(client: TestClient) -> None:
    response = client.post(
        "/api/connexion", data={"identifiant": "operateur@demo.fr", "mot_de_passe": "x"}, headers=HEADERS
    )
    assert response.status_code == 401
    assert response.json() == {"ok": False, "message": "Identifiant ou mot de passe incorrect."}
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": "http://localhost:3000"}, {"X-Soprano-Request": "1", "Origin": "https://evil.example"}],
)
def test_cross_site_posts_are_refused(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post(
        "/api/connexion",
        data={"identifiant": "operateur@demo.fr", "mot_de_passe": DEMO_PASSWORD},
        headers=headers,
    )
    assert response.status_code == 403
    with session_scope() as db:
        assert db.exec(select(LoginSession)).all() == []


def test_logout_ends_the_session_and_clears_the_cookie(client: TestClient) -> None:
    client.post(
        "/api/connexion",
        data={"identifiant": "operateur@demo.fr", "mot_de_passe": DEMO_PASSWORD},
        headers=HEADERS,
    )
    token = client.cookies.get("rp_sid")
    assert token and auth.resolve_session(token) is not None
    response = client.post("/api/deconnexion", headers=HEADERS)
    assert response.status_code == 200
    assert 'rp_sid=""' in response.headers["set-cookie"] or "Max-Age=0" in response.headers["set-cookie"]
    assert auth.resolve_session(token) is None


def test_health_check(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "db": True}


def test_health_check_answers_503_when_the_database_does_not(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from soprano_app import api

    def down() -> object:
        raise OSError("connection refused")

    monkeypatch.setattr(api, "get_engine", down)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json() == {"status": "indisponible", "db": False}
