"""« Choix de l'opérateur représenté »: table with search, then a confirmation dialog."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.confirm import confirm_dialog
from ..components.layout import page_shell
from ..state.choix_operateur import ChoixOperateurState
from .registry import page


def company_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.text(row["siret"], font_family="monospace"),
            rx.text("SIREN ", row["siren"], size="1", color_scheme="gray"),
        ),
        rx.table.row_header_cell(row["raison_sociale"]),
        rx.table.cell(row["ville"]),
        rx.table.cell(
            rx.button(
                "Choisir",
                size="2",
                variant="soft",
                on_click=[rx.stop_propagation, ChoixOperateurState.select(row["id"])],
                aria_label="Choisir " + row["raison_sociale"].to(str),
            )
        ),
        on_click=ChoixOperateurState.select(row["id"]),
        style={"cursor": "pointer"},
    )


def company_dialog() -> rx.Component:
    return confirm_dialog(
        title="Confirmer l'opérateur représenté",
        description=rx.fragment(
            "Vous allez consulter et déposer des demandes pour le compte de ",
            rx.text.strong(ChoixOperateurState.selected_label),
            ".",
        ),
        open=ChoixOperateurState.dialog_open,
        on_confirm=ChoixOperateurState.confirm,
        on_cancel=ChoixOperateurState.cancel,
        confirm_label="OK",
        confirm_id="confirm-company",
        destructive=False,
    )


@page(routes.CHOIX_OPERATEUR, "Choix de l'opérateur représenté", on_load=ChoixOperateurState.load)
def choix_operateur_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Choix de l'opérateur représenté", size="7", as_="h1"),
            rx.text(
                "Vous représentez plusieurs opérateurs. Sélectionnez la ligne de l'opérateur pour lequel vous "
                "souhaitez déposer ou consulter une demande d'autorisation.",
                size="3",
            ),
            rx.cond(
                ChoixOperateurState.error != "",
                rx.callout(
                    ChoixOperateurState.error, icon="triangle-alert", color_scheme="red", role="alert"
                ),
            ),
            rx.box(
                rx.el.label(
                    "Rechercher (SIRET, SIREN, raison sociale ou ville)",
                    html_for="company-search",
                    class_name="label",
                ),
                rx.input(
                    id="company-search",
                    value=ChoixOperateurState.search,
                    on_change=ChoixOperateurState.set_search,
                    debounce_timeout=250,
                    placeholder="ex. 900 123 456 ou Lille",
                    margin_top="0.75rem",
                    max_width="28rem",
                ),
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("SIRET / SIREN"),
                        rx.table.column_header_cell("Raison sociale"),
                        rx.table.column_header_cell("Ville"),
                        rx.table.column_header_cell(rx.el.span("Action", class_name="sr-only")),
                    )
                ),
                rx.table.body(rx.foreach(ChoixOperateurState.rows, company_row)),
                variant="surface",
                width="100%",
                id="company-table",
            ),
            rx.cond(
                ChoixOperateurState.rows.length() == 0,
                rx.text("Aucune entreprise ne correspond à votre recherche.", color_scheme="gray"),
            ),
            company_dialog(),
            spacing="4",
            width="100%",
        ),
        with_nav=False,
    )
