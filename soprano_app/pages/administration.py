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
            scheduler_card(),
            rx.cond(AdminState.time_machine, time_machine_card()),
            spacing="4",
            width="100%",
        )
    )


def scheduler_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Planificateur", size="4", as_="h2"),
                rx.spacer(),
                rx.button(
                    "Actualiser",
                    size="1",
                    variant="soft",
                    on_click=AdminState.refresh_scheduler,
                    id="refresh-scheduler",
                ),
                rx.button(
                    rx.icon("play", size=14),
                    "Lancer maintenant",
                    size="1",
                    on_click=AdminState.run_now,
                    id="run-now",
                ),
                width="100%",
                align="center",
            ),
            rx.text(
                "Il fait agir les délais : demandes irrecevables faute de compléments, délais de réponse expirés, "
                "délais dépassés, rappels, autorisations en vigueur ou expirées, brouillons abandonnés.",
                size="2",
                color_scheme="gray",
            ),
            rx.hstack(
                rx.text(
                    "État : ", rx.text.strong(AdminState.scheduler["state"]), size="2", id="scheduler-state"
                ),
                rx.text(
                    "Dernière passe : ",
                    rx.text.strong(AdminState.scheduler["last_run"]),
                    size="2",
                    id="last-run",
                ),
                rx.text("Prochaine passe : ", rx.text.strong(AdminState.scheduler["next_run"]), size="2"),
                spacing="5",
                wrap="wrap",
            ),
            rx.cond(
                AdminState.scheduler["outcome"] != "",
                rx.callout(
                    AdminState.scheduler["outcome"], color_scheme="red", icon="triangle-alert", size="1"
                ),
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Tâche"),
                        rx.table.column_header_cell("Effets à la dernière passe"),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        AdminState.jobs,
                        lambda job: rx.table.row(
                            rx.table.row_header_cell(job["label"]),
                            rx.table.cell(job["count"], id="job-" + job["name"]),
                        ),
                    )
                ),
                variant="surface",
                size="1",
                width="100%",
                id="scheduler-jobs",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="scheduler",
    )


def time_machine_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Date simulée (démonstration)", size="4", as_="h2"),
            rx.text(
                "Avancez la date de l'application pour montrer ce que font les délais. Le temps ne recule pas ; "
                "« ./manage.sh reset-demo » revient à la date réelle.",
                size="2",
                color_scheme="gray",
            ),
            rx.text(
                "Date de l'application : ",
                rx.text.strong(AdminState.app_date, id="app-date"),
                rx.cond(AdminState.simulated, " (simulée)", " (réelle)"),
                size="2",
            ),
            rx.hstack(
                rx.button("+ 1 jour", variant="soft", on_click=AdminState.advance("1"), id="advance-1"),
                rx.button("+ 1 semaine", variant="soft", on_click=AdminState.advance("7"), id="advance-7"),
                rx.button("+ 30 jours", variant="soft", on_click=AdminState.advance("30"), id="advance-30"),
                spacing="2",
                wrap="wrap",
            ),
            rx.hstack(
                rx.el.label("Aller au (JJ/MM/AAAA)", html_for="target-date", class_name="field-label"),
                rx.input(
                    value=AdminState.target_date,
                    on_change=AdminState.set_target_date,
                    id="target-date",
                    max_width="10rem",
                    placeholder="JJ/MM/AAAA",
                ),
                rx.button("Aller à cette date", on_click=AdminState.move_to_target, id="move-to"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.cond(
                AdminState.time_error != "",
                rx.callout(
                    AdminState.time_error,
                    color_scheme="red",
                    icon="triangle-alert",
                    role="alert",
                    id="time-error",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="time-machine",
    )
