"""One way to declare a page: ``@page(route, title, roles=…, nav=…)`` on its component function.

It registers the page (``pages/__init__.py`` imports every module of this package, so a new page
cannot be forgotten), guards it (``SessionState.guard`` runs before the page's own ``on_load``: the
wrong role, no session, pending CGU or company choice redirect at once) and feeds the navigation of
the roles it names (``components/layout.py``). The page's state handlers still check the session
themselves: any client can call them directly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import reflex as rx

from ..domain.roles import Role
from ..state.session import SessionState

Component = Callable[[], rx.Component]


@dataclass(frozen=True)
class Page:
    route: str
    title: str
    component: Component
    on_load: tuple[Any, ...]
    roles: frozenset[Role] | None  # None: the page decides (public, or before the gates)
    nav: tuple[tuple[frozenset[Role], str], ...]  # (roles, label) of its link in the navigation
    nav_order: int


REGISTERED: list[Page] = []


def page(
    route: str,
    title: str,
    *,
    on_load: Any | Sequence[Any] = (),
    roles: frozenset[Role] | None = None,
    nav: Sequence[tuple[frozenset[Role], str]] = (),
    nav_order: int = 100,
) -> Callable[[Component], Component]:
    loads = tuple(on_load) if isinstance(on_load, (list, tuple)) else (on_load,)
    if roles is not None:
        loads = (SessionState.guard(",".join(sorted(role.value for role in roles))), *loads)

    def register(component: Component) -> Component:
        REGISTERED.append(Page(route, title, component, loads, roles, tuple(nav), nav_order))
        return component

    return register


def navigation(role: Role) -> list[tuple[str, str]]:
    """(label, route) of the links shown to ``role``, in their order."""
    links = [
        (page.nav_order, label, page.route)
        for page in REGISTERED
        for roles, label in page.nav
        if role in roles
    ]
    return [(label, route) for _order, label, route in sorted(links)]


def add_pages(app: rx.App) -> None:
    for registered in REGISTERED:
        app.add_page(
            registered.component,
            route=registered.route,
            title=registered.title,
            on_load=list(registered.on_load) or None,
        )
