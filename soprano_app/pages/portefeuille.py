"""« Portefeuille »: a representative's dossiers and authorisations across the companies he may act
for, with a company column and filter; acting on one switches company first (with confirmation)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.dossier_table import status_badge
from ..components.layout import page_shell
from ..domain.roles import OPERATOR_ROLES, Role
from ..state.portfolio import PortfolioState as P
from .registry import page


def _company_filter() -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text("Entreprise", size="2", weight="medium", id="portfolio-company-label"),
            rx.select.root(
                rx.select.trigger(aria_labelledby="portfolio-company-label", id="portfolio-company"),
                rx.select.content(
                    rx.select.item("Toutes les entreprises", value="toutes"),
                    rx.foreach(P.companies, lambda c: rx.select.item(c["name"], value=c["id"])),
                ),
                value=rx.cond(P.company_filter == "", "toutes", P.company_filter),
                on_change=P.filter_company,
            ),
            spacing="1",
        ),
        rx.el.label(
            rx.checkbox(checked=P.show_closed, on_change=P.set_show_closed, id="portfolio-closed"),
            rx.text("Afficher les dossiers clôturés", size="2"),
            html_for="portfolio-closed",
            display="flex",
            gap="0.5rem",
            align_items="center",
            padding_bottom="0.4rem",
        ),
        spacing="5",
        align="end",
        wrap="wrap",
    )


def _open_link(label: rx.Var, company_id: rx.Var, path: rx.Var) -> rx.Component:
    return rx.link(
        label,
        href="#",
        on_click=P.open_item(company_id.to(int), path).prevent_default,
        weight="medium",
    )


def _dossier_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            _open_link(row["numero"], row["company_id"], routes.dossier_path(row["id"]))
        ),
        rx.table.cell(row["entreprise"]),
        rx.table.cell(rx.badge(row["regime"], variant="outline")),
        rx.table.cell(row["type_demande"]),
        rx.table.cell(status_badge(row["statut_label"], row["bucket"], row["statut"])),
        rx.table.cell(
            rx.cond(row["echeance"] != "", row["echeance"], "—"),
            color=rx.cond(row["overdue"] == "True", rx.color("red", 11), "inherit"),
        ),
    )


def _authorisation_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            _open_link(row["numero"], row["company_id"], routes.authorisation_path(row["id"]))
        ),
        rx.table.cell(row["titulaire"]),
        rx.table.cell(rx.badge(row["regime"], variant="outline")),
        rx.table.cell(row["status_label"]),
        rx.table.cell(row["valid_to"]),
    )


def _header(*titles: str) -> rx.Component:
    return rx.table.header(rx.table.row(*[rx.table.column_header_cell(t) for t in titles]))


def _switch_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Changer d'entreprise"),
            rx.alert_dialog.description(
                "Ce dossier appartient à ",
                rx.text.strong(P.switch_label),
                ". Agir désormais pour cette entreprise ?",
            ),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button("Annuler", variant="soft", color_scheme="gray", on_click=P.cancel_switch)
                ),
                rx.alert_dialog.action(
                    rx.button("Agir pour cette entreprise", on_click=P.confirm_switch, id="switch-confirm")
                ),
                justify="end",
                spacing="3",
                margin_top="1em",
            ),
        ),
        open=P.switch_open,
    )


@page(
    routes.PORTEFEUILLE,
    "Portefeuille — SOPRANO libre",
    on_load=P.load,
    roles=OPERATOR_ROLES,
    nav=((frozenset({Role.REPRESENTANT}), "Portefeuille"),),
    nav_order=15,
)
def portefeuille_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Portefeuille", size="7", as_="h1"),
            rx.text(
                "Les dossiers et les autorisations de toutes les entreprises pour lesquelles vous agissez. "
                "Ouvrir l'un d'eux vous fait agir pour son entreprise.",
                size="2",
                color_scheme="gray",
            ),
            _company_filter(),
            rx.cond(
                ~P.loaded,
                rx.center(rx.spinner(size="3"), padding="2em", width="100%"),
                rx.vstack(
                    rx.heading("Dossiers", size="5", as_="h2"),
                    rx.table.root(
                        _header(
                            "Numéro de dossier",
                            "Entreprise",
                            "Régime",
                            "Type de demande",
                            "Statut",
                            "Échéance",
                        ),
                        rx.table.body(rx.foreach(P.rows, _dossier_row)),
                        variant="surface",
                        width="100%",
                        id="portfolio-dossiers",
                    ),
                    rx.hstack(
                        rx.text(P.total, " dossier(s)", size="2", color_scheme="gray", id="portfolio-total"),
                        rx.spacer(),
                        rx.button(
                            "Précédente",
                            disabled=P.page <= 1,
                            on_click=P.go_to_page(P.page - 1),
                            variant="soft",
                            size="1",
                        ),
                        rx.text("Page ", P.page, " sur ", P.page_count, size="2"),
                        rx.button(
                            "Suivante",
                            disabled=P.page >= P.page_count,
                            on_click=P.go_to_page(P.page + 1),
                            variant="soft",
                            size="1",
                        ),
                        width="100%",
                        align="center",
                        spacing="2",
                    ),
                    rx.heading("Autorisations", size="5", as_="h2"),
                    rx.table.root(
                        _header("Numéro", "Titulaire", "Régime", "Statut", "Fin de validité"),
                        rx.table.body(rx.foreach(P.authorisations, _authorisation_row)),
                        variant="surface",
                        width="100%",
                        id="portfolio-authorisations",
                    ),
                    spacing="3",
                    width="100%",
                ),
            ),
            _switch_dialog(),
            spacing="4",
            width="100%",
        )
    )
