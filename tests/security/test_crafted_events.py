"""Every public handler of every state, called as a crafted client could: wrong types are dropped
at the boundary (nothing runs, nothing changes), hostile values of the right type raise nothing."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Iterator
from typing import Any

import pytest
import reflex as rx
from reflex_base.event.processor.base_state_processor import _prepare_event_payload
from reflex_base.utils.types import get_type_hints
from sqlmodel import select

from soprano_app.db import session_scope
from soprano_app.models import Company, Dossier
from soprano_app.services import auth, drafts
from soprano_app.state.event_checks import refusal
from soprano_app.state.forget import _app_states
from tests.fixtures import browse, login_token

pytestmark = pytest.mark.usefixtures("demo")

WRONG: dict[Any, list[Any]] = {
    str: [None, ["x"], {"a": 1}, True],
    int: ["abc", "NaN", None, [1], {"a": 1}, 1.5, "1e400"],
    bool: ["abc", None, [1], {"a": 1}],
    float: ["abc", None, [1]],
}
HOSTILE: dict[Any, list[Any]] = {
    str: [
        "",
        "x" * 20_000,
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "99999999999999999999",
        "-1",
        "\x00",
    ],
    int: [10**30, -(10**30), -1, 0],
    bool: [True, False],
    float: [float("inf"), -1.0],
}


def _wrong_values(hint: Any) -> list[Any]:
    origin = typing.get_origin(hint)
    if origin is list:
        return ["x", 5, {"a": 1}, [{"a": 1}]] if typing.get_args(hint)[0] is str else ["x", 5]
    if origin is dict:
        return ["x", [1], 5]
    return WRONG.get(hint, [])


def _hostile_values(hint: Any) -> list[Any]:
    origin = typing.get_origin(hint)
    if origin is list:
        return [[], ["x"] * 500, ["<b>", "../", "\x00"]]
    if origin is dict:
        return [{}, {"x" * 500: "y"}, {"ok": "x" * 20_000}]
    return HOSTILE.get(hint, [])


def app_handlers() -> Iterator[tuple[type[rx.State], str, Any]]:
    from soprano_app import soprano_app  # noqa: F401  (registers every state)

    for cls in _app_states(rx.State):
        for name, handler in sorted(cls.event_handlers.items()):
            if name == "setvar" or name not in dir(cls):
                continue
            yield cls, name, handler


def _event_name(cls: type[rx.State], name: str) -> str:
    return f"{cls.get_full_name()}.{name}"


def test_every_wrongly_typed_argument_is_dropped_at_the_boundary() -> None:
    tried = dropped = 0
    for cls, name, handler in app_handlers():
        hints = get_type_hints(handler.fn)
        parameters = list(inspect.signature(handler.fn).parameters.values())[1:]
        good = {p.name: _hostile_values(hints.get(p.name))[:1] for p in parameters}
        base = {k: v[0] for k, v in good.items() if v}
        for parameter in parameters:
            for value in _wrong_values(hints.get(parameter.name)):
                tried += 1
                reason = refusal(_event_name(cls, name), {**base, parameter.name: value})
                assert reason, f"{cls.__name__}.{name}({parameter.name}={value!r}) would run"
                dropped += 1
        tried += 2
        assert refusal(_event_name(cls, name), {**base, "inconnu": 1}), f"{name}: unknown argument"
        assert refusal(_event_name(cls, name), "x"), f"{name}: payload not an object"
        dropped += 2
    for cls in {c for c, _n, _h in app_handlers()}:  # Reflex's generic setter, never used here
        tried += 1
        assert refusal(f"{cls.get_full_name()}.setvar", {"var_name": "dossier_id", "value": 9})
        dropped += 1
    print(f"crafted events tried: {tried}, dropped: {dropped}")
    assert tried == dropped > 100


async def _tab_of(email: str) -> rx.State:
    """A tab with a page loaded: the operator's draft form, or a dossier page for customs."""
    from soprano_app import soprano_app  # noqa: F401
    from soprano_app.state.dossier import DossierState
    from soprano_app.state.form import FormState

    token = login_token(email)
    ctx = auth.resolve_session(token)
    assert ctx is not None
    auth.accept_cgu(ctx.user_id)
    root = rx.State()
    if ctx.company is not None:
        dossier_id = drafts.create_draft(ctx, "PA", variante_pa="IM_EX")
        browse(root, f"/formulaire?dossier={dossier_id}", token)
        form = await root.get_state(FormState)
        await form.load()
        assert form.loaded and form.dossier_id == dossier_id
    else:
        with session_scope() as db:
            durand = select(Company.id).where(Company.siret == "90012345600015").scalar_subquery()
            mine = select(Dossier).where(Dossier.statut == "DEPOSEE", Dossier.company_id == durand)
            dossier = db.exec(mine).first()  # the agent's service (Lyon) handles Durand
        assert dossier is not None
        browse(root, f"/dossiers/{dossier.id}", token)
        page = await root.get_state(DossierState)
        await page.load()
        assert page.found
    return root


@pytest.mark.parametrize("email", ["operateur@demo.fr", "agent@demo.fr"])
async def test_hostile_values_of_the_right_type_raise_nothing(email: str) -> None:
    root = await _tab_of(email)
    calls = 0
    for cls, name, handler in app_handlers():
        if handler.is_background:
            continue
        hints = get_type_hints(handler.fn)
        parameters = list(inspect.signature(handler.fn).parameters.values())[1:]
        combos: list[dict[str, Any]] = [{}]
        for parameter in parameters:
            values = _hostile_values(hints.get(parameter.name)) or [None]
            combos = [{**c, parameter.name: v} for c in combos for v in values[:3]]
        for payload in combos[:12]:
            if refusal(_event_name(cls, name), payload):
                continue
            state = await root.get_state(cls)
            prepared = _prepare_event_payload(handler, payload)
            try:
                result = handler.fn(state, **prepared)
                if inspect.isawaitable(result):
                    await result
            except Exception as exc:  # the test reports which handler failed, and how
                pytest.fail(f"{cls.__name__}.{name}({payload!r:.200}) raised {exc!r}")
            calls += 1
    print(f"hostile values passed to handlers: {calls}")
    assert calls > 50
