"""Where the login may send the browser back to, and which origins the API answers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from soprano_app import api as api_module
from soprano_app import routes
from soprano_app.pages import ALL_PAGES
from soprano_app.settings import settings

HOSTILE_NEXT = [
    "/%09/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "/dossiers/4@evil.example",
    "/dossiers/4?x=1#@evil.example",
    "/connexion",
    "/api/deconnexion",
    "/_upload",
    "/inconnu",
    "/dossiers/abc",
    "/dossiers/" + "9" * 30,
    "/" + "a" * 600,
    "",
    None,
]


@pytest.mark.parametrize("hostile", HOSTILE_NEXT)
def test_only_pages_of_the_application_are_return_addresses(hostile: str | None) -> None:
    assert routes.safe_next(hostile) == routes.ACCUEIL
    assert routes.with_next(routes.CONNEXION, hostile) == routes.CONNEXION


@pytest.mark.parametrize(
    "page",
    [
        "/",
        "/douane",
        "/dossiers/4",
        "/dossiers/4/formulaire?rubrique=divers",
        "/formulaire?dossier=4&rubrique=divers",
        "/autorisations/2",
        "/notifications",
    ],
)
def test_pages_of_the_application_are_kept(page: str) -> None:
    assert routes.safe_next(page) == page
    if "?" not in page and page != "/":
        assert routes.safe_next(page + "/") == page  # as the static server may show it


def test_every_registered_page_is_a_known_route() -> None:
    assert {page.route for page in ALL_PAGES} == set(routes.PAGE_ROUTES)


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("hostile", ["/%09/evil.example", "/\t/evil.example", "//evil.example"])
def test_the_login_route_never_redirects_outside(hostile: str) -> None:
    client = TestClient(api_module.api, base_url="http://localhost:3000")
    answer = client.post(
        routes.API_LOGIN,
        data={"identifiant": "operateur@demo.fr", "mot_de_passe": "Demo-2026!", "suivant": hostile},
        headers={"X-Soprano-Request": "1", "Origin": "http://localhost:3000"},
    )
    assert answer.status_code == 200 and answer.json()["redirect"] == "/"


@pytest.mark.usefixtures("demo")
def test_login_and_logout_posts_come_from_the_application_only() -> None:
    client = TestClient(api_module.api, base_url="http://localhost:3000")
    for origin in ("http://evil.example", "http://localhost:3000.evil.example", "null"):
        answer = client.post(
            routes.API_LOGIN,
            data={"identifiant": "operateur@demo.fr", "mot_de_passe": "Demo-2026!"},
            headers={"X-Soprano-Request": "1", "Origin": origin},
        )
        assert answer.status_code == 403
        assert (
            client.post(routes.API_LOGOUT, headers={"X-Soprano-Request": "1", "Origin": origin}).status_code
            == 403
        )


def test_allowed_origins_follow_the_public_address() -> None:
    assert settings.public_url in settings.allowed_origins
    assert "http://evil.example" not in settings.allowed_origins


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    "path",
    [
        "/api/pieces/99999999999999999999",
        "/api/pieces/9223372036854775808",
        "/api/pieces/-1",
        "/api/pieces/0",
        "/api/pieces/abc",
        "/api/pieces/1e3",
        "/api/pieces/%C2%B2",
        "/api/autorisations/99999999999999999999/pdf",
        "/api/autorisations/abc/pdf",
        "/api/autorisations/-5/pdf",
    ],
)
def test_malformed_ids_in_urls_are_not_found_never_a_server_error(path: str) -> None:
    from tests.fixtures import login_token

    client = TestClient(api_module.api, base_url="http://localhost:3000", raise_server_exceptions=False)
    client.cookies.set("rp_sid", login_token("operateur@demo.fr"))
    answer = client.get(path)
    assert answer.status_code == 404
    assert "introuvable" in answer.json()["detail"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/dossiers/42", 42),
        ("/dossiers/42/formulaire", 42),
        ("/dossiers/42/", 42),
        ("/autorisations/7", 7),
        ("/dossiers/abc", 0),
        ("/dossiers/", 0),
        ("/dossiers/" + "9" * 30, 0),
        ("/dossiers/٤٢", 0),  # digits of another script
        ("", 0),
    ],
)
def test_ids_are_read_from_urls_in_one_place(path: str, expected: int) -> None:
    assert routes.id_in_path(path) == expected


def test_links_are_built_from_routes() -> None:
    assert routes.formulaire_path(4) == "/formulaire?dossier=4"
    assert routes.authorisation_pdf_path("9") == "/api/autorisations/9/pdf"
    assert routes.piece_path(3) == routes.API_PIECE.format(raw_id=3)
