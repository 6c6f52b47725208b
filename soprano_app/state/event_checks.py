"""Every event a browser sends is checked against its handler's signature before it runs.

Reflex makes every public method of a state callable by any client, with any JSON arguments; a
wrong type (« abc » for a number, a string for a list) would raise inside the handler. Here, at the
boundary, each argument is validated with pydantic against the handler's annotation (numbers may
stand for text; nothing else is converted). An event with a wrong, missing or unknown argument,
or aimed at Reflex's generic ``setvar`` (this application never uses it), is dropped: nothing
runs, nothing changes, a warning is logged. Handlers still check the *values* they receive
(a page number in range, a field of the catalogue…).
"""

from __future__ import annotations

import inspect
import logging
import typing
from functools import cache
from typing import TYPE_CHECKING, Any

import reflex as rx
from pydantic import ConfigDict, TypeAdapter, ValidationError
from reflex.middleware.middleware import Middleware
from reflex.state import StateUpdate

if TYPE_CHECKING:
    from reflex.app import App
    from reflex.state import BaseState
    from reflex_base.event import Event

logger = logging.getLogger(__name__)

_APP_PACKAGE = __name__.split(".")[0] + "."
_CONFIG = ConfigDict(arbitrary_types_allowed=True, coerce_numbers_to_str=True)


@cache
def _signature(event_name: str) -> tuple[dict[str, TypeAdapter[Any]], frozenset[str]] | None:
    """(an adapter per parameter, the required ones) of an application handler; None for Reflex's
    own handlers (hydration, client storage…), which it checks itself."""
    state_path, _, handler_name = event_name.rpartition(".")
    try:
        cls = rx.State.get_class_substate(state_path)
    except ValueError:
        return None
    handler = cls.event_handlers.get(handler_name)
    if handler is None or not cls.__module__.startswith(_APP_PACKAGE):
        return None
    fn = handler.fn
    hints = typing.get_type_hints(fn, include_extras=True)  # with the bounds of state/arguments.py
    parameters = list(inspect.signature(fn).parameters.values())[1:]  # without self
    adapters = {p.name: TypeAdapter(hints.get(p.name, Any), config=_CONFIG) for p in parameters}
    required = frozenset(p.name for p in parameters if p.default is inspect.Parameter.empty)
    return adapters, required


def refusal(event_name: str, payload: Any) -> str:
    """Why an event must not run ("" when it may). The payload's values are replaced by their
    checked form."""
    if event_name.endswith(".setvar"):
        return "setvar is not used by this application"
    try:
        signature = _signature(event_name)
    except Exception:  # an annotation pydantic cannot read: let Reflex and the handler decide
        logger.exception("handler %s: signature not checkable", event_name)
        return ""
    if signature is None:
        return ""
    adapters, required = signature
    if not isinstance(payload, dict):
        return "payload is not an object"
    if unknown := set(payload) - set(adapters):
        return f"unknown arguments {sorted(unknown)}"
    if missing := required - set(payload):
        return f"missing arguments {sorted(missing)}"
    for name, value in payload.items():
        try:
            # The checked value replaces the sent one: « 5 » for a page number arrives as 5.
            payload[name] = adapters[name].validate_python(value)
        except ValidationError:
            return f"argument {name!r} has the wrong type or is out of range"
    return ""


class CheckEventArguments(Middleware):
    async def preprocess(self, app: App, state: BaseState, event: Event) -> StateUpdate | None:
        reason = refusal(event.name, event.payload)
        if reason:
            logger.warning("event %s dropped: %s", event.name, reason)
            return StateUpdate()
        return None
