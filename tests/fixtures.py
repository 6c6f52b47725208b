"""Fixtures and helpers shared by the suites that use the database (services, states, security),
loaded by ``tests/conftest.py``: a database migrated once per run (``database``), emptied for each
test that asks for it (``db``), the demo data (``demo``), a Reflex state tree (``root_state``), and
the sessions of the demo accounts (``login_token``, ``accepted``, ``ctx_of``, ``representative_for``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlmodel import select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.models import Company
from soprano_app.services import auth, list_counts
from soprano_app.services.demo import DEMO_PASSWORD, load_demo_data
from tests.support import Snapshot, empty_tables, recreate_database, restore_snapshot, take_snapshot


@pytest.fixture(scope="session")
def database() -> None:
    recreate_database()


@pytest.fixture
def db(database: None) -> Iterator[None]:
    empty_tables()
    app_clock.forget_cached_offset()  # no simulated date left over from another test
    list_counts.forget_all()  # the tables were emptied behind the services' back
    yield
    app_clock.forget_cached_offset()


_demo_snapshot: list[Snapshot] = []


@pytest.fixture
def demo(db: None) -> None:
    """The demo data: replayed through the services once per run, then restored from its rows."""
    if _demo_snapshot:
        restore_snapshot(_demo_snapshot[0])
    else:
        load_demo_data()
        _demo_snapshot.append(take_snapshot())


@pytest.fixture
def now() -> datetime:
    return datetime.now(UTC)


def login_token(email: str, password: str = DEMO_PASSWORD) -> str:
    result = auth.authenticate(email, password)
    assert result.ok, result.message
    assert result.token is not None
    return result.token


@pytest.fixture
def root_state() -> rx.State:
    from soprano_app import soprano_app  # noqa: F401  (registers every page state)

    return rx.State()


def substate(root: rx.State, cls: type[rx.State]) -> rx.State:
    return root.get_substate(tuple(cls.get_full_name().split(".")))


def browse(root: rx.State, path: str, token: str = "") -> None:
    """Make the root state look like a tab on ``path`` whose websocket carried ``token``."""
    headers = {"origin": "http://localhost:3000"}
    if token:
        headers["cookie"] = f"rp_sid={token}"
    root.router = RouterData.from_router_data(
        {"pathname": path.split("?")[0], "asPath": path, "headers": headers}
    )


def redirect_target(spec: object) -> str | None:
    """The path of an ``rx.redirect`` (or of a full reload through window.soprano.reload)."""
    if spec is None:
        return None
    handler = getattr(spec, "handler", None)
    args = {str(k): v for k, v in getattr(spec, "args", ())}
    if handler is not None and handler.fn.__qualname__.endswith("_redirect"):
        return str(args["path"]._var_value)
    return None


def accepted(email: str) -> str:
    """A session of a demo account that has accepted the CGU."""
    token = login_token(email)
    ctx = auth.resolve_session(token)
    assert ctx is not None
    auth.accept_cgu(ctx.user_id)
    return token


def company_id(siret: str) -> int:
    with session_scope() as db:
        company = db.exec(select(Company).where(Company.siret == siret)).one()
    assert company.id is not None
    return company.id


def ctx_of(email: str, siret: str | None = None) -> auth.SessionContext:
    """The context of a demo account's new session, acting for the company of ``siret`` if given."""
    token = login_token(email)
    if siret:
        auth.choose_company(token, company_id(siret))
    ctx = auth.resolve_session(token)
    assert ctx is not None
    return ctx


def representative_for(siret: str) -> auth.SessionContext:
    return ctx_of("representant@demo.fr", siret)


async def drain(outcome: Any) -> list[Any]:
    """Run a handler to its end whether it returns or yields; what it returned or yielded."""
    if hasattr(outcome, "__anext__"):
        return [step async for step in outcome]
    return [await outcome]


def filed_application(regime: str = "ED", email: str = "operateur@demo.fr", before_filing: Any = None) -> int:
    """A complete application the demo operator files now: its acceptance period runs (the demo's
    own DEPOSEE application is past it, and customs may then only accept it or declare it
    inadmissible)."""
    import json

    from soprano_app.domain.forms.examples import Filer, Party, complete_answers
    from soprano_app.domain.regimes import Regime
    from soprano_app.models import Dossier, User
    from soprano_app.services import drafts

    ctx = ctx_of(email)
    assert ctx.company is not None
    with session_scope() as db:
        company = db.get(Company, ctx.company.id)
        user = db.get(User, ctx.user_id)
        assert company is not None and user is not None
        party = Party(
            company.raison_sociale,
            company.siret,
            company.eori,
            company.rue,
            "",
            company.code_postal,
            company.ville,
        )
        filer = Filer(user.first_name, user.last_name, user.email)
    dossier_id = drafts.create_draft(ctx, regime, type_entrepot="CWP_AGREE" if regime == "ED" else "")
    with session_scope() as db:
        draft = db.get(Dossier, dossier_id)
        assert draft is not None
        stored, version = json.loads(draft.answers or "{}"), draft.version
    answers = (
        stored
        | complete_answers(Regime(regime), party, filer, app_clock.today())
        | {"val_attestation": "oui"}
    )
    saved = drafts.save_draft(ctx, dossier_id, answers, version)
    assert saved.ok, saved.message
    with session_scope() as db:
        draft = db.get(Dossier, dossier_id)
        assert draft is not None
        version = draft.version
    if before_filing is not None:  # e.g. attach files to the draft: (ctx, dossier_id)
        before_filing(ctx, dossier_id)
        with session_scope() as db:
            draft = db.get(Dossier, dossier_id)
            assert draft is not None
            version = draft.version
    result = drafts.submit(ctx, dossier_id, version)
    assert result.ok, [f.message for f in result.findings]
    return dossier_id
