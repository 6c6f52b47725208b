"""The accounts handlers called as a crafted client could: only the administrator's tab acts."""

import pytest
import reflex as rx
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.models import AdminEvent, User
from soprano_app.state.accounts import AccountsAdminState, JournalState, PasswordState
from tests.fixtures import accepted, browse, substate

pytestmark = pytest.mark.usefixtures("demo")


async def test_an_operator_tab_cannot_create_or_deactivate_accounts(root_state: rx.State) -> None:
    browse(root_state, "/administration", accepted("operateur@demo.fr"))
    state = substate(root_state, AccountsAdminState)
    state.editing = 0  # as a crafted delta would leave it
    state.email, state.first_name, state.last_name, state.role = "pirate@exemple.fr", "P", "R", "admin"
    await state.save()
    await state.set_active("1", False)
    with session_scope() as db:
        assert db.exec(select(User).where(User.email == "pirate@exemple.fr")).first() is None
        assert db.exec(select(User).where(User.id == 1)).one().active
        assert {e.action for e in db.exec(select(AdminEvent)).all()} == {
            "mandat_enregistre"
        }  # the demo's only
    journal = substate(root_state, JournalState)
    await journal.load()
    assert journal.rows == []


async def test_the_administrator_creates_an_account_from_the_dialog(root_state: rx.State) -> None:
    browse(root_state, "/administration", accepted("admin@demo.fr"))
    state = substate(root_state, AccountsAdminState)
    await state.open_new()
    assert state.editing == 0 and state.companies and state.services
    state.set_field("email", "nouvelle.agente@douane-demo.fr")
    state.set_field("first_name", "Lina")
    state.set_field("last_name", "Morel")
    state.set_field("role", "agent")
    state.set_field("password_hash", "x")  # not a field of the form: ignored
    await state.save()
    assert "service" in state.error and state.editing == 0  # nothing lost
    state.set_field("service_id", state.services[0]["id"])
    await state.save()
    assert state.editing == -1 and "lien d'activation" in state.notice


async def test_a_forged_link_is_refused(root_state: rx.State) -> None:
    browse(root_state, "/mot-de-passe?jeton=nimportequoi")
    state = substate(root_state, PasswordState)
    await state.open_link()
    assert state.checked and not state.valid
    state.password = state.confirm = "Tartine-Orbite-97-Guidon"
    await state.choose()
    assert "plus valable" in state.error


async def test_an_operator_tab_cannot_touch_companies_services_or_the_terms(root_state: rx.State) -> None:
    from soprano_app.models import Company, CustomsService, Mandate
    from soprano_app.state.cgu import CguAdminState
    from soprano_app.state.companies import CompaniesState
    from soprano_app.state.customs_services import CustomsServicesState

    browse(root_state, "/administration/entreprises", accepted("operateur@demo.fr"))
    companies = substate(root_state, CompaniesState)
    companies.company = {
        "raison_sociale": "Pirate SA",
        "siren": "732829320",
        "siret": "73282932000074",
        "eori": "FR732829320",
    }
    await companies.save_company()
    await companies.end_mandate("1")
    services = substate(root_state, CustomsServicesState)
    services.editing, services.form = 1, {"departements": "75"}
    await services.save()
    terms = substate(root_state, CguAdminState)
    terms.version, terms.text = "pirate", "x" * 100
    await terms.publish()
    with session_scope() as db:
        assert db.exec(select(Company).where(Company.raison_sociale == "Pirate SA")).first() is None
        assert all(m.valid_to is None for m in db.exec(select(Mandate)).all())
        assert "75" not in db.exec(select(CustomsService).where(CustomsService.id == 1)).one().departements
        assert {e.action for e in db.exec(select(AdminEvent)).all()} == {
            "mandat_enregistre"
        }  # the demo's only


async def test_public_forms_are_limited_per_address(root_state: rx.State) -> None:
    from soprano_app.services import throttle
    from soprano_app.state.survey import SurveyState

    throttle.reset()
    browse(root_state, "/mot-de-passe-oublie")
    state = substate(root_state, PasswordState)
    state.email = "pas-une-adresse"
    for _ in range(15):  # typos do not count
        await state.ask()
    assert "adresse électronique valide" in state.sent
    state.email = "personne@exemple.fr"
    answers = []
    for _ in range(11):
        await state.ask()
        answers.append(state.sent)
    assert answers[0].startswith("Si un compte actif") and answers[-1].startswith("Trop d'envois")
    survey = substate(root_state, SurveyState)
    survey.satisfaction = "4"
    for _ in range(10):
        survey.done = False
        await survey.send()
    survey.done = False
    await survey.send()
    assert survey.error.startswith("Trop d'envois") and not survey.done
    throttle.reset()
