"""Accounts: created by the administrator and activated by their holder from a single-use link;
« Mot de passe oublié » (the same answer for every address, 30 minutes, single use); deactivation;
« Changer mon mot de passe »; and the administrative journal of it all."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.domain.accounts import RESET_REQUESTED, TOKEN_INVALID, AccountInput
from soprano_app.models import Company, CustomsService, PasswordToken, User
from soprano_app.services import accounts, admin, auth, journal
from soprano_app.services.mail import Mail
from tests.fixtures import ctx_of

pytestmark = pytest.mark.usefixtures("demo")

NEW_PASSWORD = "Tartine-Orbite-97-Guidon"


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[Mail]:
    mails: list[Mail] = []
    monkeypatch.setattr(accounts, "send_later", mails.extend)
    return mails


def token_in(mail: Mail) -> str:
    found = re.search(r"jeton=([\w-]+)", mail.body)
    assert found is not None
    return found.group(1)


def durand_id() -> int:
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == "90012345600015")).one()
        assert company.id is not None
        return company.id


def test_an_account_created_then_activated_by_its_holder(sent: list[Mail]) -> None:
    admin_ctx = ctx_of("admin@demo.fr")
    user_id = accounts.create_account(
        admin_ctx,
        AccountInput("Jean.Martin@Exemple.fr", "Jean", "Martin", "operateur", company_id=durand_id()),
    )
    assert auth.authenticate("jean.martin@exemple.fr", NEW_PASSWORD).token is None  # no password yet
    [mail] = sent
    assert mail.to == "jean.martin@exemple.fr" and "3 jours" in mail.body
    token = token_in(mail)
    state = accounts.link_state(token)
    assert state.valid and state.purpose == "activation" and state.email == "jean.martin@exemple.fr"
    with pytest.raises(accounts.AccountError, match="plus courants"):
        accounts.choose_password(token, "azertyuiop123")
    assert accounts.choose_password(token, NEW_PASSWORD) == "jean.martin@exemple.fr"
    assert auth.authenticate("jean.martin@exemple.fr", NEW_PASSWORD).token is not None
    with pytest.raises(accounts.AccountError, match="plus valable"):  # single use
        accounts.choose_password(token, NEW_PASSWORD + "x")
    rows = {r.email: r for r in admin.list_accounts(admin_ctx)}
    assert rows["jean.martin@exemple.fr"].activated and rows["jean.martin@exemple.fr"].id == user_id
    with pytest.raises(accounts.AccountError, match="existe déjà"):
        accounts.create_account(admin_ctx, AccountInput("jean.martin@exemple.fr", "J", "M", "admin"))
    entries = journal.entries(admin_ctx)
    assert entries[0].action == "Compte créé" and entries[0].target == "jean.martin@exemple.fr"


def test_forgotten_password_same_answer_thirty_minutes_single_use(sent: list[Mail]) -> None:
    assert accounts.request_reset("personne@nulle-part.fr") == RESET_REQUESTED
    assert sent == []
    assert accounts.request_reset("OPERATEUR@demo.fr") == RESET_REQUESTED
    [mail] = sent
    token = token_in(mail)
    with session_scope() as db:
        row = db.exec(select(PasswordToken).order_by(PasswordToken.id.desc())).first()  # type: ignore[union-attr]
        assert row is not None and row.expires_at - row.created_at == timedelta(minutes=30)
        row_id = row.id
        assert token not in (row.token_hash,)  # only its keyed hash is stored
    assert accounts.choose_password(token, NEW_PASSWORD) == "operateur@demo.fr"
    assert auth.authenticate("operateur@demo.fr", NEW_PASSWORD).token is not None
    # A second link expires after 30 minutes.
    accounts.request_reset("operateur@demo.fr")
    late = token_in(sent[-1])
    with session_scope() as db:
        newest = db.exec(
            select(PasswordToken).where(PasswordToken.id != row_id).order_by(PasswordToken.id.desc())
        ).first()  # type: ignore[union-attr]
        assert newest is not None
        newest.expires_at = app_clock.real_now() - timedelta(seconds=1)
        db.add(newest)
    assert not accounts.link_state(late).valid
    with pytest.raises(accounts.AccountError) as refused:
        accounts.choose_password(late, NEW_PASSWORD + "!")
    assert str(refused.value) == TOKEN_INVALID
    # At most three links an hour for one account.
    for _ in range(4):
        accounts.request_reset("operateur@demo.fr")
    assert len(sent) == 3


def test_deactivation_ends_the_sessions_and_the_login_reactivation_restores_it(sent: list[Mail]) -> None:
    admin_ctx = ctx_of("admin@demo.fr")
    token = (
        auth.authenticate("agent@demo.fr", "demo").token
        or auth.authenticate("agent@demo.fr", _demo_password()).token
    )
    assert token is not None and auth.resolve_session(token) is not None
    with session_scope() as db:
        agent = db.exec(select(User).where(User.email == "agent@demo.fr")).one()
        assert agent.id is not None
        agent_id = agent.id
    accounts.set_active(admin_ctx, agent_id, False)
    assert auth.resolve_session(token) is None
    assert auth.authenticate("agent@demo.fr", _demo_password()).token is None
    with pytest.raises(accounts.AccountError, match="votre propre compte"):
        accounts.set_active(admin_ctx, admin_ctx.user_id, False)
    accounts.set_active(admin_ctx, agent_id, True)
    assert auth.authenticate("agent@demo.fr", _demo_password()).token is not None
    actions = [e.action for e in journal.entries(admin_ctx)[:2]]
    assert actions == ["Compte réactivé", "Compte désactivé"]


def test_an_edit_is_checked_and_journaled() -> None:
    admin_ctx = ctx_of("admin@demo.fr")
    with session_scope() as db:
        agent = db.exec(select(User).where(User.email == "agent.lille@demo.fr")).one()
        nantes = db.exec(select(CustomsService).where(CustomsService.ville == "Nantes")).one()
    assert agent.id is not None
    data = AccountInput("agent.lille@demo.fr", "Julien", "Petit-Durand", "agent", service_id=nantes.id)
    accounts.update_account(admin_ctx, agent.id, data)
    [entry] = journal.entries(admin_ctx, action="compte_modifie")
    assert "nom : Petit → Petit-Durand" in entry.detail and "service" in entry.detail
    with pytest.raises(accounts.AccountError, match="autre compte"):
        accounts.update_account(
            admin_ctx, agent.id, AccountInput("agent@demo.fr", "J", "P", "agent", service_id=nantes.id)
        )
    with pytest.raises(accounts.AccountError, match="propre rôle"):
        accounts.update_account(
            admin_ctx,
            admin_ctx.user_id,
            AccountInput("admin@demo.fr", "Alex", "Admin", "agent", service_id=nantes.id),
        )
    assert journal.entries(admin_ctx, search="lille")[0].target == "agent.lille@demo.fr"


def test_only_the_administrator_manages_accounts() -> None:
    operator = ctx_of("operateur@demo.fr")
    with pytest.raises(PermissionError):
        accounts.create_account(operator, AccountInput("x@y.fr", "X", "Y", "admin"))
    with pytest.raises(PermissionError):
        accounts.set_active(operator, 1, False)
    with pytest.raises(PermissionError):
        journal.entries(operator)


def test_change_my_password_ends_my_other_sessions() -> None:
    first = auth.authenticate("operateur@demo.fr", _demo_password()).token
    second = auth.authenticate("operateur@demo.fr", _demo_password()).token
    assert first and second
    ctx = auth.resolve_session(first)
    assert ctx is not None
    with pytest.raises(accounts.AccountError, match="actuel n'est pas le bon"):
        accounts.change_password(ctx, "faux", NEW_PASSWORD)
    with pytest.raises(accounts.AccountError, match="au moins 12"):
        accounts.change_password(ctx, _demo_password(), "court")
    accounts.change_password(ctx, _demo_password(), NEW_PASSWORD)
    assert auth.resolve_session(first) is not None and auth.resolve_session(second) is None
    assert auth.authenticate("operateur@demo.fr", NEW_PASSWORD).token is not None


def _demo_password() -> str:
    from soprano_app.services.demo import DEMO_PASSWORD

    return DEMO_PASSWORD
