"""« Mes autorisations » / « Autorisations délivrées » (guide §5): the list, paginated; one
authorisation is ``autorisation.py``."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.authorisations import STATUS_LABELS
from ..domain.roles import CUSTOMS_ROLES, DOSSIER_ROLES, OPERATOR_ROLES, Role
from ..state.authorisations import AuthorisationsState
from ..state.session import SessionState
from .registry import page

# The colour of each authorisation status, on the list and on the authorisation.
STATUS_COLORS = (
    ("EN_VIGUEUR", "green"),
    ("A_VENIR", "blue"),
    ("SUSPENDUE", "orange"),
    ("REVOQUEE", "red"),
    ("ANNULEE", "red"),
    ("EXPIREE", "gray"),
    ("REMPLACEE", "purple"),
)


def status_select() -> rx.Component:
    return rx.box(
        rx.el.label("Statut", html_for="status-filter", class_name="sr-only"),
        rx.el.select(
            rx.el.option("Tous les statuts", value=""),
            *[rx.el.option(label, value=status.value) for status, label in STATUS_LABELS.items()],
            value=AuthorisationsState.status_filter,
            on_change=AuthorisationsState.filter_status,
            id="status-filter",
            class_name="native-select",
            custom_attrs={"data-server-value": AuthorisationsState.status_filter},
        ),
    )


def filters() -> rx.Component:
    """« Toutes » / « Fin de validité dans les 90 jours (n) »: the latter sorted by end date; a status."""
    return rx.hstack(
        status_select(),
        rx.button(
            "Toutes",
            variant=rx.cond(AuthorisationsState.expiring, "outline", "solid"),
            on_click=AuthorisationsState.show_expiring(False),
            id="filter-all",
            aria_pressed=rx.cond(AuthorisationsState.expiring, "false", "true"),
        ),
        rx.button(
            rx.icon("hourglass", size=14),
            "Fin de validité dans les 90 jours (",
            AuthorisationsState.expiring_total,
            ")",
            variant=rx.cond(AuthorisationsState.expiring, "solid", "outline"),
            color_scheme="orange",
            on_click=AuthorisationsState.show_expiring(True),
            id="filter-expiring",
            aria_pressed=rx.cond(AuthorisationsState.expiring, "true", "false"),
        ),
        spacing="2",
        wrap="wrap",
    )


def _row(row: rx.Var) -> rx.Component:
    is_customs = SessionState.role == Role.AGENT.value
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link(row["numero"], href=routes.authorisation_path(row["id"]), weight="medium")
        ),
        rx.cond(is_customs, rx.table.cell(row["titulaire"])),
        rx.table.cell(row["regime_label"]),
        rx.table.cell(row["valid_from"]),
        rx.table.cell(row["valid_to"]),
        rx.table.cell(
            rx.vstack(
                rx.badge(row["status_label"], color_scheme=rx.match(row["status"], *STATUS_COLORS, "gray")),
                rx.cond(row["flag"] != "", rx.badge(row["flag"], variant="outline", color_scheme="blue")),
                rx.cond(
                    row["monitoring"] != "",
                    rx.badge(
                        row["monitoring"], variant="soft", color_scheme="amber", class_name="monitoring"
                    ),
                ),
                spacing="1",
                align="start",
            )
        ),
        rx.table.cell(rx.link(row["dossier_numero"], href=routes.dossier_path(row["dossier_id"]))),
    )


def pager() -> rx.Component:
    return rx.hstack(
        rx.text(AuthorisationsState.total, " autorisation(s)", size="2", color_scheme="gray"),
        rx.spacer(),
        rx.cond(
            AuthorisationsState.page_count > 1,
            rx.hstack(
                rx.button(
                    rx.icon("chevron-left", size=14),
                    "Précédente",
                    variant="soft",
                    disabled=AuthorisationsState.page <= 1,
                    on_click=AuthorisationsState.go_to_page(AuthorisationsState.page - 1),
                ),
                rx.text("Page ", AuthorisationsState.page, " sur ", AuthorisationsState.page_count, size="2"),
                rx.button(
                    "Suivante",
                    rx.icon("chevron-right", size=14),
                    variant="soft",
                    disabled=AuthorisationsState.page >= AuthorisationsState.page_count,
                    on_click=AuthorisationsState.go_to_page(AuthorisationsState.page + 1),
                ),
                align="center",
                spacing="3",
            ),
        ),
        width="100%",
        align="center",
    )


@page(
    routes.AUTORISATIONS,
    "Mes autorisations",
    on_load=AuthorisationsState.load_list,
    roles=DOSSIER_ROLES,
    nav=((OPERATOR_ROLES, "Mes autorisations"), (CUSTOMS_ROLES, "Autorisations délivrées")),
    nav_order=30,
)
def liste_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading(
                rx.cond(
                    SessionState.role == Role.AGENT.value, "Autorisations délivrées", "Mes autorisations"
                ),
                size="7",
                as_="h1",
            ),
            rx.cond(
                SessionState.company_name != "",
                rx.text(
                    "Autorisations de régime particulier délivrées à ",
                    rx.text.strong(SessionState.company_name),
                    ".",
                    color_scheme="gray",
                ),
                rx.text(
                    "Autorisations délivrées par ",
                    rx.text.strong(SessionState.service_name),
                    ".",
                    color_scheme="gray",
                ),
            ),
            filters(),
            rx.cond(
                AuthorisationsState.rows.length() > 0,
                rx.vstack(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell("Numéro"),
                                rx.cond(
                                    SessionState.role == Role.AGENT.value,
                                    rx.table.column_header_cell("Titulaire"),
                                ),
                                *[
                                    rx.table.column_header_cell(h)
                                    for h in (
                                        "Régime",
                                        "Prise d'effet",
                                        "Fin de validité",
                                        "Statut",
                                        "Dossier",
                                    )
                                ],
                            )
                        ),
                        rx.table.body(rx.foreach(AuthorisationsState.rows, _row)),
                        variant="surface",
                        width="100%",
                        id="authorisations-table",
                    ),
                    pager(),
                    width="100%",
                    spacing="3",
                ),
                rx.card(
                    rx.vstack(
                        rx.icon("badge-check", size=32, color=rx.color("gray", 9)),
                        rx.heading(
                            rx.cond(
                                AuthorisationsState.expiring,
                                "Aucune autorisation n'arrive à échéance dans les 90 jours",
                                rx.cond(
                                    AuthorisationsState.status_filter != "",
                                    "Aucune autorisation n'a ce statut",
                                    "Aucune autorisation pour le moment",
                                ),
                            ),
                            size="4",
                            as_="h2",
                        ),
                        rx.text(
                            rx.cond(
                                AuthorisationsState.expiring,
                                "Les autorisations déjà renouvelées n'y figurent pas.",
                                "Lorsqu'une demande est accordée par le service des douanes, "
                                "l'autorisation apparaît ici.",
                            ),
                            color_scheme="gray",
                            text_align="center",
                        ),
                        align="center",
                        spacing="2",
                        padding="1.5em",
                    ),
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
        )
    )
