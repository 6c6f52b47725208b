"""A tab's server-side state never outlives the session it was filled under; logout always ends."""

from __future__ import annotations

import pytest
import reflex as rx
from fastapi.testclient import TestClient
from sqlmodel import select

from soprano_app import api as api_module
from soprano_app.db import session_scope
from soprano_app.models import Company, Dossier, LoginSession
from soprano_app.services import auth, pending_logouts
from soprano_app.services.security import token_digest
from soprano_app.state.choix_operateur import ChoixOperateurState
from soprano_app.state.dashboard import DashboardState
from soprano_app.state.dossier import DossierState
from soprano_app.state.forget import SessionBinding
from soprano_app.state.session import SessionState
from tests.fixtures import accepted, browse, substate
from tests.support import database_down

pytestmark = pytest.mark.usefixtures("demo")


def durand_dossier_id() -> int:
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        dossier = db.exec(
            select(Dossier).where(Dossier.company_id == company.id).where(Dossier.statut != "BROUILLON")
        ).first()
    assert dossier is not None and dossier.id is not None
    return dossier.id


async def event(root: rx.State) -> None:
    """What Reflex does before each event of the tab (hydration included)."""
    await SessionBinding().preprocess(None, root, None)  # type: ignore[arg-type]


async def test_a_tab_reconnected_without_the_cookie_shows_nothing(root_state: rx.State) -> None:
    token = accepted("operateur@demo.fr")
    dossier_id = durand_dossier_id()
    browse(root_state, f"/dossiers/{dossier_id}", token)
    await event(root_state)
    dossier = substate(root_state, DossierState)
    await dossier.load()
    session = substate(root_state, SessionState)
    assert dossier.found and dossier.summary["entreprise"] == "Ateliers Durand SAS"
    assert session.user_name and session.company_siret == "90012345600015"
    await event(root_state)  # the same cookie: nothing is lost
    assert dossier.found

    auth.end_session(token)  # logout from another tab, then the same tab token comes back, cookieless
    browse(root_state, f"/dossiers/{dossier_id}")
    await event(root_state)
    assert not dossier.found and dossier.summary == {} and dossier.history == []
    assert not session.is_authenticated and session.user_name == "" and session.company_siret == ""
    delta = root_state.dict()
    assert "Ateliers Durand" not in str(delta) and "90012345600015" not in str(delta)


async def test_another_users_cookie_in_the_same_tab_starts_from_nothing(root_state: rx.State) -> None:
    browse(root_state, "/", accepted("operateur@demo.fr"))
    await event(root_state)
    dashboard = substate(root_state, DashboardState)
    await dashboard.load_operator()
    assert dashboard.rows
    browse(root_state, "/", accepted("agent@demo.fr"))
    await event(root_state)
    assert dashboard.rows == [] and dashboard.counts == {}


async def test_logout_empties_the_tab_before_the_browser_leaves(root_state: rx.State) -> None:
    token = accepted("operateur@demo.fr")
    browse(root_state, "/", token)
    await event(root_state)
    dashboard = substate(root_state, DashboardState)
    await dashboard.load_operator()
    session = substate(root_state, SessionState)
    assert dashboard.rows and session.is_authenticated
    answer = await session.logout()
    assert "window.soprano.logout()" in str(answer)
    assert dashboard.rows == [] and not session.is_authenticated


async def test_choosing_another_company_forgets_the_previous_ones_data(root_state: rx.State) -> None:
    token = accepted("representant@demo.fr")
    with session_scope() as db:
        durand = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        verrerie = db.exec(select(Company).where(Company.siret == "90023456800013")).one()
    auth.choose_company(token, durand.id)  # type: ignore[arg-type]
    browse(root_state, "/", token)
    await event(root_state)
    dashboard = substate(root_state, DashboardState)
    await dashboard.load_operator()
    assert any("RP-" in row["numero"] for row in dashboard.rows)
    choice = substate(root_state, ChoixOperateurState)
    choice.select  # noqa: B018  (the handler below needs a selected row)
    choice.rows = [
        {"id": str(verrerie.id), "siret": verrerie.siret, "raison_sociale": "Verrerie", "ville": ""}
    ]
    choice.select(str(verrerie.id))
    await choice.confirm()
    assert dashboard.rows == []
    session = substate(root_state, SessionState)
    assert session.company_siret == "90023456800013"


def test_logout_while_the_database_is_down_still_ends_everything() -> None:
    client = TestClient(api_module.api, base_url="http://localhost:3000")
    headers = {"X-Soprano-Request": "1", "Origin": "http://localhost:3000"}
    client.post(
        "/api/connexion",
        data={"identifiant": "operateur@demo.fr", "mot_de_passe": "Demo-2026!"},
        headers=headers,
    )
    token = client.cookies.get("rp_sid")
    assert token and auth.resolve_session(token) is not None
    with database_down():
        answer = client.post("/api/deconnexion", headers=headers)
        assert answer.status_code == 200
        assert answer.json() == {"ok": True, "closed": False}  # truthful: closed later
        assert "Max-Age=0" in answer.headers["set-cookie"] or 'rp_sid=""' in answer.headers["set-cookie"]
        assert auth.resolve_session(token) is None  # refused at once, without the database
    assert token_digest(token) in pending_logouts.pending()
    # The database is back: the old cookie does not work, and the session is closed for good.
    assert auth.resolve_session(token) is None
    assert auth.acts_for(token, 1) is None
    with session_scope() as db:
        row = db.exec(select(LoginSession).where(LoginSession.token_hash == token_digest(token))).one()
    assert row.ended_at is not None
    assert pending_logouts.pending() == frozenset()
