"""A tab's server-side state belongs to the login session it was filled under.

Reflex keeps each tab's state on the server, keyed by a token the browser keeps in its
``sessionStorage``; logging out does not touch it. So:

- ``SessionBinding`` (a Reflex middleware, run before every event, hydration included) remembers
  which session cookie the state was filled under; when an event arrives with another cookie, or
  none (after a logout, an expiry, another user's login, or a replayed tab token), every state of
  the application is emptied before anything is read or sent back;
- ``forget_tab`` empties them explicitly at logout, at expiry and when the acting company changes;
- the browser drops its tab token at login and logout (``assets/soprano.js``), so the next page
  gets a fresh state tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import reflex as rx
from reflex.middleware.middleware import Middleware
from reflex.state import BaseState

from ..middleware import cookie_token
from ..services.security import token_digest

if TYPE_CHECKING:
    from reflex.app import App
    from reflex.state import StateUpdate
    from reflex_base.event import Event

_APP_PACKAGE = __name__.split(".")[0] + "."


def _app_states(cls: type[BaseState]) -> Iterator[type[BaseState]]:
    for sub in sorted(cls.get_substates(), key=lambda c: c.get_full_name()):
        if sub.__module__.startswith(_APP_PACKAGE):
            yield sub
        yield from _app_states(sub)


# View preferences (filters, sorting) that survive a change of acting company, per state name:
# they say how the user likes to see a list, nothing about any company.
KEPT_ON_COMPANY_CHANGE: dict[str, tuple[str, ...]] = {}


async def forget_tab(state: BaseState, *, company_change: bool = False) -> None:
    """Empty every state of the application in this tab (Reflex's own internal states excepted);
    on a change of acting company, the view preferences stay."""
    for cls in _app_states(rx.State):
        substate = await state.get_state(cls)
        kept_names = KEPT_ON_COMPANY_CHANGE.get(cls.get_full_name(), ()) if company_change else ()
        kept = {name: getattr(substate, name) for name in kept_names}
        substate.reset()
        for name, value in kept.items():
            setattr(substate, name, value)


def binding_of(raw_cookie_header: str) -> str:
    """What a tab's state is bound to: the keyed hash of its session cookie, or "" without one."""
    token = cookie_token(raw_cookie_header)
    return token_digest(token) if token else ""


class SessionBinding(Middleware):
    """Empties a tab's state when the session cookie behind its events is not the one it was
    filled under (see the module docstring)."""

    async def preprocess(self, app: App, state: BaseState, event: Event) -> StateUpdate | None:
        from .session import SessionState

        session = await state.get_state(SessionState)
        bound = binding_of(state.router.headers.cookie or "")
        if session._bound_to != bound:
            # An unbound state holds nothing personal (a new tab, or one just emptied by a logout):
            # it is bound as it is. A state bound to another session is emptied first.
            if session._bound_to:
                await forget_tab(state)
            session._bound_to = bound
        return None
