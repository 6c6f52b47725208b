"""The editing right cached per tab (services/revocations.py): a keystroke does not query the
database while its grant holds, and a revocation — logout, company switch, end of a mandate,
deactivation, a status change, expiry — reaches the tab at its next keystroke."""

from collections.abc import Iterator
from datetime import date

import pytest
import reflex as rx
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.domain.company_roles import CompanyRole
from soprano_app.models import Mandate, User
from soprano_app.services import accounts, auth, companies, drafts, revocations
from soprano_app.state.form import FormState
from soprano_app.state.rubriques import RUBRIQUE_STATES
from tests.fixtures import accepted, browse, company_id, ctx_of, substate

pytestmark = pytest.mark.usefixtures("demo")

VERRERIE = "90023456800013"


@pytest.fixture(autouse=True)
def web_worker() -> Iterator[None]:
    """As in a web worker (it listens rather than stamps); one process, no Redis."""
    revocations.reset_for_tests()
    revocations.serve()
    yield
    revocations.reset_for_tests()


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the full (database) checks behind the keystrokes."""
    calls: list[int] = []
    real = auth.edit_right

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(auth, "edit_right", counted)
    return calls


async def opened(root: rx.State, token: str) -> tuple[int, FormState, rx.State]:
    ctx = auth.resolve_session(token)
    assert ctx is not None
    dossier_id = drafts.create_draft(ctx, "PA", variante_pa="IM_EX")
    browse(root, f"/formulaire?dossier={dossier_id}", token)
    form = substate(root, FormState)
    await form.load()
    assert form.loaded
    return dossier_id, form, substate(root, RUBRIQUE_STATES["demandeur"])


async def typed(demandeur: rx.State, form: FormState, value: str) -> bool:
    """One keystroke; True when the tab took it."""
    await demandeur.set_field("contact_demande_telephone", value)
    return form._answers.get("contact_demande_telephone") == value


async def test_keystrokes_use_the_grant_not_the_database(
    root_state: rx.State, full_checks: list[int]
) -> None:
    _id, form, demandeur = await opened(root_state, accepted("operateur@demo.fr"))
    for n in range(5):
        assert await typed(demandeur, form, f"04 72 00 00 0{n}")
    assert full_checks == []  # the load's own checks gave the first grant


async def test_logout_elsewhere_stops_the_next_keystroke(
    root_state: rx.State, full_checks: list[int]
) -> None:
    token = accepted("operateur@demo.fr")
    _id, form, demandeur = await opened(root_state, token)
    assert await typed(demandeur, form, "04 72 00 00 01")
    auth.end_session(token)  # « Se déconnecter » in another tab of the same session
    assert not await typed(demandeur, form, "04 72 00 00 02")
    assert len(full_checks) == 1  # the grant was void: the full check ran and refused


async def test_another_session_of_the_user_is_not_disturbed(
    root_state: rx.State, full_checks: list[int]
) -> None:
    _id, form, demandeur = await opened(root_state, accepted("operateur@demo.fr"))
    assert await typed(demandeur, form, "04 72 00 00 01")
    auth.end_session(auth.authenticate("operateur@demo.fr", "Demo-2026!").token or "")
    assert await typed(demandeur, form, "04 72 00 00 02")
    assert full_checks == []  # the load's own checks gave the first grant


async def test_company_switch_stops_the_form(root_state: rx.State) -> None:
    token = accepted("representant@demo.fr")
    auth.choose_company(token, company_id(VERRERIE))
    _id, form, demandeur = await opened(root_state, token)
    assert await typed(demandeur, form, "04 72 00 00 01")
    ctx = auth.resolve_session(token)
    assert ctx is not None
    other = next(c for c in auth.accessible_companies(ctx.user_id) if c.id != company_id(VERRERIE))
    assert auth.choose_company(token, other.id) is not None
    assert not await typed(demandeur, form, "04 72 00 00 02")


async def test_end_of_mandate_stops_the_form(root_state: rx.State) -> None:
    token = accepted("representant@demo.fr")
    auth.choose_company(token, company_id(VERRERIE))
    _id, form, demandeur = await opened(root_state, token)
    assert await typed(demandeur, form, "04 72 00 00 01")
    with session_scope() as db:
        mandate = db.exec(select(Mandate).where(Mandate.company_id == company_id(VERRERIE))).one()
    assert mandate.id is not None
    companies.end_mandate(ctx_of("admin@demo.fr"), mandate.id, on=date(2000, 1, 1))
    assert not await typed(demandeur, form, "04 72 00 00 02")


async def test_deactivation_stops_the_form(root_state: rx.State) -> None:
    _id, form, demandeur = await opened(root_state, accepted("operateur@demo.fr"))
    assert await typed(demandeur, form, "04 72 00 00 01")
    with session_scope() as db:
        user_id = db.exec(select(User.id).where(User.email == "operateur@demo.fr")).one()
    accounts.set_active(ctx_of("admin@demo.fr"), user_id, False)
    assert not await typed(demandeur, form, "04 72 00 00 02")


async def test_a_status_change_stops_the_form(root_state: rx.State) -> None:
    token = accepted("operateur@demo.fr")
    dossier_id, form, demandeur = await opened(root_state, token)
    assert await typed(demandeur, form, "04 72 00 00 01")
    ctx = auth.resolve_session(token)
    assert ctx is not None
    drafts.delete_draft(ctx, dossier_id)  # from another tab
    assert not await typed(demandeur, form, "04 72 00 00 02")


async def test_the_grant_expires_by_itself(
    root_state: rx.State, full_checks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _id, form, demandeur = await opened(root_state, accepted("operateur@demo.fr"))
    assert await typed(demandeur, form, "04 72 00 00 01")
    assert form._grant is not None
    later = form._grant.expires_at + 1
    monkeypatch.setattr(revocations.app_clock, "real_epoch", lambda: later)
    assert await typed(demandeur, form, "04 72 00 00 02")
    assert len(full_checks) == 1  # checked again in full, then renewed


async def test_a_grant_is_not_trusted_by_another_process(
    root_state: rx.State, full_checks: list[int]
) -> None:
    _id, form, demandeur = await opened(root_state, accepted("operateur@demo.fr"))
    assert await typed(demandeur, form, "04 72 00 00 01")
    assert form._grant is not None
    form._grant = revocations.EditGrant(**{**form._grant.__dict__, "worker": "another worker"})
    assert await typed(demandeur, form, "04 72 00 00 02")
    assert len(full_checks) == 1


async def test_a_rolled_back_change_revokes_nothing(root_state: rx.State, full_checks: list[int]) -> None:
    _id, form, demandeur = await opened(root_state, accepted("operateur@demo.fr"))
    assert await typed(demandeur, form, "04 72 00 00 01")
    with pytest.raises(RuntimeError), session_scope() as db:
        revocations.revoke_after_commit(db, revocations.user(form._user_id))
        raise RuntimeError("rolled back")
    assert await typed(demandeur, form, "04 72 00 00 02")
    assert full_checks == []  # the load's own checks gave the first grant


async def test_a_revocation_during_the_load_leaves_the_first_keystroke_to_check(
    root_state: rx.State, full_checks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = drafts.load_form

    def load_then_revoke(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real(*args, **kwargs)
        revocations.revoke(revocations.user(10**6))  # anybody's: the load cannot tell
        return found

    monkeypatch.setattr(drafts, "load_form", load_then_revoke)
    _id, form, demandeur = await opened(root_state, accepted("operateur@demo.fr"))
    assert form._grant is None
    assert await typed(demandeur, form, "04 72 00 00 01")
    assert len(full_checks) == 1 and form._grant is not None


async def test_a_consultation_user_gets_no_grant(root_state: rx.State) -> None:
    token = accepted("operateur@demo.fr")
    ctx = auth.resolve_session(token)
    assert ctx is not None
    dossier_id = drafts.create_draft(ctx, "PA", variante_pa="IM_EX")
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == "operateur@demo.fr")).one()
        user.company_role = CompanyRole.CONSULTATION.value
        db.add(user)
    browse(root_state, f"/formulaire?dossier={dossier_id}", token)
    form = substate(root_state, FormState)
    await form.load()
    demandeur = substate(root_state, RUBRIQUE_STATES["demandeur"])
    assert form.loaded and form._grant is None
    assert not await typed(demandeur, form, "04 72 00 00 01")
