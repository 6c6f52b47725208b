"""Administrator's home: accounts, roles and locked identifiers."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.roles import ADMIN_ROLES
from ..state.admin import AdminState
from .registry import page


def account_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.code(row["email"])),
        rx.table.cell(row["name"]),
        rx.table.cell(row["role"]),
        rx.table.cell(row["attachment"]),
        rx.table.cell(
            rx.cond(
                row["locked_until"] != "",
                rx.hstack(
                    rx.badge("Verrouillé jusqu'à ", row["locked_until"], color_scheme="red"),
                    rx.button(
                        "Déverrouiller", size="1", variant="soft", on_click=AdminState.unlock(row["email"])
                    ),
                    spacing="2",
                ),
                rx.badge("Actif", color_scheme="green"),
            )
        ),
    )


@page(
    routes.ADMINISTRATION,
    "Administration",
    on_load=AdminState.load,
    roles=ADMIN_ROLES,
    nav=((ADMIN_ROLES, "Administration"),),
    nav_order=10,
)
def administration_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Administration", size="7", as_="h1"),
            rx.heading("Comptes utilisateurs", size="4", as_="h2"),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Identifiant"),
                        rx.table.column_header_cell("Nom"),
                        rx.table.column_header_cell("Rôle"),
                        rx.table.column_header_cell("Entreprise / service"),
                        rx.table.column_header_cell("État"),
                    )
                ),
                rx.table.body(rx.foreach(AdminState.accounts, account_row)),
                variant="surface",
                width="100%",
            ),
            spacing="4",
            width="100%",
        )
    )
