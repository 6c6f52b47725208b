"""Notifications: new requests, comments and decisions on the user's dossiers."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.roles import DOSSIER_ROLES
from ..state.notifications import NotificationsState
from .registry import page


def _item(row: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.cond(row["unread"] == "true", rx.badge("nouveau", color_scheme="orange", size="1")),
            rx.link(row["title"], href=row["href"], weight="medium"),
            rx.spacer(),
            rx.text(row["date"], size="1", color_scheme="gray"),
            align="center",
            width="100%",
            spacing="2",
        ),
        rx.cond(row["body"] != "", rx.text(row["body"], size="2", class_name="notification-body")),
        style={"list_style": "none", "padding": "0.6rem 0", "border_bottom": "1px solid var(--gray-4)"},
        class_name="notification",
    )


@page(routes.NOTIFICATIONS, "Notifications", on_load=NotificationsState.load, roles=DOSSIER_ROLES)
def notifications_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Notifications", size="7", as_="h1"),
            rx.cond(
                NotificationsState.rows.length() > 0,
                rx.el.ul(
                    rx.foreach(NotificationsState.rows, _item),
                    style={"padding": "0", "width": "100%"},
                    id="notifications",
                ),
                rx.text("Aucune notification.", color_scheme="gray"),
            ),
            spacing="4",
            width="100%",
            max_width="52rem",
        )
    )
