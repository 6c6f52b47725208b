"""Reflex state handlers called directly, as a crafted client could: the server decides."""

import pytest
import reflex as rx
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.domain.roles import OPERATOR_ROLES, Role
from soprano_app.models import CguAcceptance, Company, Dossier
from soprano_app.services import auth
from soprano_app.state.cgu import CguState
from soprano_app.state.choix_operateur import ChoixOperateurState
from soprano_app.state.connexion import ConnexionState
from soprano_app.state.dashboard import DashboardState
from soprano_app.state.dossier import DossierState
from soprano_app.state.session import SessionState
from tests.fixtures import accepted, browse, login_token, redirect_target, substate

pytestmark = pytest.mark.usefixtures("demo")


async def test_anonymous_visitor_is_sent_to_login_with_the_page_to_return_to(root_state: rx.State) -> None:
    browse(root_state, "/autorisations")
    session = substate(root_state, SessionState)
    assert (
        redirect_target((await session._authorise(OPERATOR_ROLES))[1]) == "/connexion?suivant=/autorisations"
    )
    assert not session.is_authenticated


async def test_cgu_gate_comes_first_then_the_page(root_state: rx.State) -> None:
    token = login_token("operateur@demo.fr")
    browse(root_state, "/autorisations", token)
    session = substate(root_state, SessionState)
    assert redirect_target((await session._authorise(OPERATOR_ROLES))[1]) == "/cgu?suivant=/autorisations"
    browse(root_state, "/cgu?suivant=/autorisations", token)
    cgu = substate(root_state, CguState)
    await cgu.load()
    assert cgu.pending
    assert redirect_target(await cgu.accept()) == "/autorisations"
    with session_scope() as db:
        assert len(db.exec(select(CguAcceptance)).all()) == 1
    browse(root_state, "/autorisations", token)
    _ctx, result = await session._authorise(OPERATOR_ROLES)
    assert result is None
    assert session.is_authenticated and session.company_name == "Ateliers Durand SAS"


async def test_roles_are_kept_apart(root_state: rx.State) -> None:
    session = substate(root_state, SessionState)
    browse(root_state, "/douane", accepted("operateur@demo.fr"))
    assert redirect_target((await session._authorise(frozenset({Role.AGENT})))[1]) == "/"
    browse(root_state, "/", accepted("agent@demo.fr"))
    assert redirect_target((await session._authorise(OPERATOR_ROLES))[1]) == "/douane"
    browse(root_state, "/douane", accepted("admin@demo.fr"))
    assert redirect_target((await session._authorise(frozenset({Role.AGENT})))[1]) == "/administration"


async def test_dashboard_handlers_refuse_a_crafted_role(root_state: rx.State) -> None:
    browse(root_state, "/", accepted("operateur@demo.fr"))
    board = substate(root_state, DashboardState)
    assert redirect_target(await board.load_customs()) == "/"
    assert board.rows == []
    await board.load_operator()
    assert {r["entreprise"] for r in board.rows} == {"Ateliers Durand SAS"}


async def test_dashboard_filter_sort_and_bad_arguments(root_state: rx.State) -> None:
    browse(root_state, "/", accepted("operateur@demo.fr"))
    board = substate(root_state, DashboardState)
    await board.load_operator()
    assert board.count_a_traiter == 2 and board.count_en_attente == 2 and len(board.rows) == 4
    await board.toggle("a_traiter", False)
    assert {r["bucket"] for r in board.rows} == {"en_attente"}
    await board.toggle("clotures", True)
    assert {r["statut"] for r in board.rows} == {"DEPOSEE", "EN_INSTRUCTION", "ACCORDEE"}
    await board.toggle("company_id", True)  # not a bucket: ignored
    await board.sort_by("numero")
    assert [r["numero"] for r in board.rows] == sorted(r["numero"] for r in board.rows)
    await board.sort_by("password_hash")  # not sortable: ignored
    assert board.sort == "numero"
    await board.set_page_size("1000")
    assert board.page_size == 10


async def test_representative_must_choose_then_sees_only_that_company(root_state: rx.State) -> None:
    token = accepted("representant@demo.fr")
    browse(root_state, "/", token)
    board = substate(root_state, DashboardState)
    assert redirect_target(await board.load_operator()) == "/choix-operateur"
    browse(root_state, "/choix-operateur", token)
    choice = substate(root_state, ChoixOperateurState)
    await choice.load()
    assert len(choice.rows) == 3
    await choice.set_search("Lille")
    assert [r["raison_sociale"] for r in choice.rows] == ["Verrerie du Nord SA"]
    choice.select("999999")  # not in the list: ignored
    assert not choice.dialog_open
    choice.select(choice.rows[0]["id"])
    assert choice.dialog_open and "Verrerie du Nord SA" in choice.selected_label
    assert redirect_target(await choice.confirm()) == "/"
    browse(root_state, "/", token)
    await board.load_operator()
    assert {r["entreprise"] for r in board.rows} == {"Verrerie du Nord SA"}


async def test_confirming_a_company_without_mandate_is_refused(root_state: rx.State) -> None:
    token = accepted("representant@demo.fr")
    browse(root_state, "/choix-operateur", token)
    choice = substate(root_state, ChoixOperateurState)
    await choice.load()
    with session_scope() as db:
        own_firm = db.exec(select(Company).where(Company.siret == "90045678100013")).one()
    choice.selected_id = str(own_firm.id)  # as if a crafted client had set it
    assert redirect_target(await choice.confirm()) is None
    assert choice.error == "Vous n'êtes pas habilité à agir pour cette entreprise."


async def test_dossier_of_another_company_is_not_shown(root_state: rx.State) -> None:
    with session_scope() as db:
        verrerie = db.exec(select(Company).where(Company.siret == "90023456800013")).one()
        foreign = db.exec(select(Dossier).where(Dossier.company_id == verrerie.id)).first()
    assert foreign is not None
    browse(root_state, f"/dossiers/{foreign.id}", accepted("operateur@demo.fr"))
    page = substate(root_state, DossierState)
    await page.load()
    assert page.loaded and not page.found and page.summary == {}


async def test_login_page_messages_and_already_logged_in(root_state: rx.State) -> None:
    browse(root_state, "/connexion?expire=1&suivant=/autorisations")
    login = substate(root_state, ConnexionState)
    assert await login.load() is None
    assert "session a expiré" in login.info and login.next_path == "/autorisations"
    login.done({"ok": False, "message": "Identifiant ou mot de passe incorrect."})
    assert login.error == "Identifiant ou mot de passe incorrect."
    login.done("garbage")  # type: ignore[arg-type]
    assert login.error == "Connexion impossible."
    browse(root_state, "/connexion", accepted("agent@demo.fr"))
    assert redirect_target(await login.load()) == "/douane"


async def test_stay_connected_refreshes_an_active_session(root_state: rx.State) -> None:
    token = accepted("operateur@demo.fr")
    browse(root_state, "/", token)
    session = substate(root_state, SessionState)
    session.idle_warning_open = True
    assert await session.stay_connected() is None
    assert not session.idle_warning_open and session.idle_logout_at
    auth.end_session(token)
    result = await session.stay_connected()
    assert result is not None  # a full reload towards /connexion?expire=1


def test_pages_declare_their_roles_their_guard_and_the_navigation() -> None:
    from soprano_app.domain.roles import DOSSIER_ROLES
    from soprano_app.pages import ALL_PAGES, navigation

    protected = {page.route: page for page in ALL_PAGES if page.roles is not None}
    assert protected["/douane"].roles == frozenset({Role.AGENT})
    assert protected["/dossiers/[dossier_id]"].roles == DOSSIER_ROLES
    for page in protected.values():  # the guard runs first
        assert "guard" in str(page.on_load[0])
    assert {page.route for page in ALL_PAGES if page.roles is None} == {
        "/connexion", "/cgu", "/choix-operateur", "/assistance", "/verification/[jeton]",
        "/aide", "/aide/[slug]", "/aide/champs/[champ]", "/avis", "/mot-de-passe", "/mot-de-passe-oublie",
    }  # fmt: skip
    assert navigation(Role.OPERATEUR) == [
        ("Accueil", "/"),
        ("Déposer un nouveau dossier", "/nouveau-dossier"),
        ("Mes autorisations", "/autorisations"),
        ("Documents", "/documents"),
        ("Mes questions", "/questions"),
        ("Assistance", "/assistance"),
    ]
    assert navigation(Role.REPRESENTANT)[:2] == [("Accueil", "/"), ("Portefeuille", "/portefeuille")]
    assert navigation(Role.AGENT) == [
        ("Dossiers du service", "/douane"),
        ("Autorisations délivrées", "/autorisations"),
        ("Pilotage", "/douane/pilotage"),
        ("Questions", "/questions"),
        ("Assistance", "/assistance"),
    ]
    assert navigation(Role.ADMIN) == [
        ("Administration", "/administration"),
        ("Entreprises", "/administration/entreprises"),
        ("Services", "/administration/services"),
        ("Support", "/support"),
        ("Journal", "/administration/journal"),
        ("CGU", "/administration/cgu"),
        ("Avis", "/administration/avis"),
        ("Assistance", "/assistance"),
    ]


async def test_the_page_guard_sends_each_role_home(root_state: rx.State) -> None:
    session = substate(root_state, SessionState)
    browse(root_state, "/douane", accepted("operateur@demo.fr"))
    assert redirect_target(await session.guard("agent")) == "/"
    browse(root_state, "/", accepted("agent@demo.fr"))
    assert redirect_target(await session.guard("operateur,representant")) == "/douane"
    assert redirect_target(await session.guard("agent")) is None


def test_every_page_builds() -> None:
    """Each page function returns its component tree (what the production build evaluates first)."""
    from soprano_app.pages import ALL_PAGES

    for page in ALL_PAGES:
        assert page.component() is not None, page.route
