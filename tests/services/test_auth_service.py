"""Login, lockout, sessions, terms of use and company choice, against a real database."""

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.domain.cgu import CURRENT_CGU_VERSION
from soprano_app.models import CguAcceptance, LoginSession, Mandate, User
from soprano_app.services import auth
from soprano_app.services.demo import DEMO_PASSWORD
from soprano_app.settings import settings
from tests.fixtures import company_id, login_token

pytestmark = pytest.mark.usefixtures("demo")


DURAND, VERRERIE, CHANTIERS = "90012345600015", "90023456800013", "90034567900014"


def test_good_credentials_open_a_session_whose_token_is_not_stored() -> None:
    result = auth.authenticate(" Operateur@Demo.FR ", DEMO_PASSWORD)
    assert result.ok and result.message == ""
    with session_scope() as db:
        stored = db.exec(select(LoginSession.token_hash)).all()
    assert result.token not in stored and len(stored) == 1


def test_wrong_password_and_unknown_user_get_the_same_message() -> None:
    assert auth.authenticate("operateur@demo.fr", "nope").message == "Identifiant ou mot de passe incorrect."
    assert auth.authenticate("personne@demo.fr", "nope").message == "Identifiant ou mot de passe incorrect."
    assert auth.authenticate("", "").message == "Saisissez votre identifiant et votre mot de passe."


@pytest.mark.parametrize("email", ["operateur@demo.fr", "inconnu@demo.fr"])
def test_five_failures_lock_even_the_right_password(email: str, now: datetime) -> None:
    for _ in range(4):
        assert "incorrect" in auth.authenticate(email, "mauvais", now).message
    fifth = auth.authenticate(email, "mauvais", now)
    assert "verrouillé pendant 15 minutes" in fifth.message
    locked = auth.authenticate(email, DEMO_PASSWORD, now + timedelta(minutes=5))
    assert not locked.ok and "Réessayez dans 10 minutes" in locked.message
    if email == "operateur@demo.fr":
        assert auth.authenticate(email, DEMO_PASSWORD, now + timedelta(minutes=15, seconds=1)).ok


def test_a_success_resets_the_failure_count(now: datetime) -> None:
    for _ in range(4):
        auth.authenticate("operateur@demo.fr", "mauvais", now)
    assert auth.authenticate("operateur@demo.fr", DEMO_PASSWORD, now).ok
    for _ in range(4):
        auth.authenticate("operateur@demo.fr", "mauvais", now)
    assert auth.authenticate("operateur@demo.fr", DEMO_PASSWORD, now).ok


def test_session_expires_after_thirty_idle_minutes(now: datetime) -> None:
    token = auth.authenticate("operateur@demo.fr", DEMO_PASSWORD, now).token
    assert token is not None
    idle = timedelta(seconds=settings.session_idle_seconds)
    assert settings.session_idle_seconds == 30 * 60
    ctx = auth.resolve_session(token, now + idle - timedelta(seconds=1))
    assert ctx is not None
    # That request counted as activity: the session lives on from there.
    assert auth.resolve_session(token, now + idle + timedelta(minutes=10)) is not None
    assert auth.resolve_session(token, now + 2 * idle + timedelta(minutes=11)) is None
    # Once expired, always expired.
    assert auth.resolve_session(token, now + idle) is None


def test_watching_the_clock_is_not_activity(now: datetime) -> None:
    token = auth.authenticate("operateur@demo.fr", DEMO_PASSWORD, now).token
    assert token is not None
    idle = timedelta(seconds=settings.session_idle_seconds)
    assert auth.resolve_session(token, now + idle - timedelta(minutes=1), touch=False) is not None
    assert auth.resolve_session(token, now + idle + timedelta(seconds=1), touch=False) is None


def test_keep_alive_restarts_the_idle_period(now: datetime) -> None:
    token = auth.authenticate("operateur@demo.fr", DEMO_PASSWORD, now).token
    assert token is not None
    idle = timedelta(seconds=settings.session_idle_seconds)
    ctx = auth.keep_alive(token, now + idle - timedelta(minutes=2))
    assert ctx is not None and ctx.expires_at == now + 2 * idle - timedelta(minutes=2)
    assert auth.resolve_session(token, now + idle + timedelta(minutes=5), touch=False) is not None


def test_logout_ends_the_session() -> None:
    token = login_token("operateur@demo.fr")
    auth.end_session(token)
    assert auth.resolve_session(token) is None


def test_operator_acts_for_his_company_and_must_accept_the_cgu() -> None:
    ctx = auth.resolve_session(login_token("operateur@demo.fr"))
    assert ctx is not None
    assert ctx.company is not None and ctx.company.siret == DURAND
    assert ctx.company_choices == 1 and not ctx.needs_company_choice
    assert ctx.cgu_pending
    auth.accept_cgu(ctx.user_id)
    auth.accept_cgu(ctx.user_id)  # idempotent
    ctx = auth.resolve_session(login_token("operateur@demo.fr"))
    assert ctx is not None and not ctx.cgu_pending
    with session_scope() as db:
        rows = db.exec(select(CguAcceptance).where(CguAcceptance.user_id == ctx.user_id)).all()
    assert [(r.version, r.accepted_at is not None) for r in rows] == [(CURRENT_CGU_VERSION, True)]


def test_a_new_cgu_version_must_be_accepted_again() -> None:
    ctx = auth.resolve_session(login_token("operateur@demo.fr"))
    assert ctx is not None
    auth.accept_cgu(ctx.user_id, "2020-01")
    assert ctx.cgu_pending
    ctx = auth.resolve_session(login_token("operateur@demo.fr"))
    assert ctx is not None and ctx.cgu_pending


def test_representative_chooses_among_his_mandates_only() -> None:
    token = login_token("representant@demo.fr")
    ctx = auth.resolve_session(token)
    assert ctx is not None and ctx.needs_company_choice and ctx.company_choices == 3
    names = [c.raison_sociale for c in auth.accessible_companies(ctx.user_id)]
    assert names == ["Ateliers Durand SAS", "Chantiers Navals de l'Ouest", "Verrerie du Nord SA"]
    assert [c.ville for c in auth.accessible_companies(ctx.user_id, "lille")] == ["Lille"]
    assert [c.siret for c in auth.accessible_companies(ctx.user_id, "900 345")] == [CHANTIERS]
    chosen = auth.choose_company(token, company_id(VERRERIE))
    assert chosen is not None and chosen.company is not None and chosen.company.siret == VERRERIE
    # His own firm is not a mandate: refused.
    assert auth.choose_company(token, company_id("90045678100013")) is None
    ctx = auth.resolve_session(token)
    assert ctx is not None and ctx.company is not None and ctx.company.siret == VERRERIE


def test_expired_mandates_give_no_access() -> None:
    token = login_token("representant@demo.fr")
    with session_scope() as db:
        rep = db.exec(select(User).where(User.email == "representant@demo.fr")).one()
        for mandate in db.exec(select(Mandate).where(Mandate.user_id == rep.id)).all():
            if mandate.company_id == company_id(CHANTIERS):
                mandate.valid_to = app_clock.today() - timedelta(days=1)
                db.add(mandate)
    assert auth.choose_company(token, company_id(CHANTIERS)) is None
    ctx = auth.resolve_session(token)
    assert ctx is not None and ctx.company_choices == 2


def test_operator_cannot_switch_to_another_company() -> None:
    token = login_token("operateur@demo.fr")
    assert auth.choose_company(token, company_id(VERRERIE)) is None


def test_customs_officer_and_admin_act_for_no_company() -> None:
    agent = auth.resolve_session(login_token("agent@demo.fr"))
    assert agent is not None and agent.is_customs and agent.company is None
    assert agent.service_name == "Pôle d'action économique de Lyon"
    admin = auth.resolve_session(login_token("admin@demo.fr"))
    assert admin is not None and admin.company is None and not admin.needs_company_choice


def test_parallel_logins_and_failures_are_all_counted(now: datetime) -> None:
    from concurrent.futures import ThreadPoolExecutor

    # Each attempt is counted before its check: up to 5 may run at once without any refusal.
    with ThreadPoolExecutor(5) as pool:
        ok = list(pool.map(lambda _: auth.authenticate("operateur@demo.fr", DEMO_PASSWORD, now).ok, range(5)))
    assert all(ok)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: auth.authenticate("operateur@demo.fr", "mauvais", now), range(8)))
    assert "verrouillé" in auth.authenticate("operateur@demo.fr", DEMO_PASSWORD, now).message


def test_acts_for_checks_session_company_and_mandate() -> None:
    token = login_token("representant@demo.fr")
    verrerie = company_id(VERRERIE)
    assert auth.acts_for(token, verrerie) is None  # not chosen yet
    auth.choose_company(token, verrerie)
    assert auth.acts_for(token, verrerie) is not None
    assert auth.acts_for(token, company_id(DURAND)) is None
    with session_scope() as db:
        for mandate in db.exec(select(Mandate).where(Mandate.company_id == verrerie)).all():
            mandate.valid_to = app_clock.today() - timedelta(days=1)
            db.add(mandate)
    assert auth.acts_for(token, verrerie) is None  # mandate ended
    auth.end_session(token)
    assert auth.acts_for(token, verrerie) is None
