"""« Modifications demandées »: what an avenant changes, on the recap before « Valider » and on the
dossier page for both sides."""

from __future__ import annotations

import reflex as rx

from .. import routes


def changes_card(origin: rx.Var, changes: rx.Var, card_id: str = "changes") -> rx.Component:
    """``origin``: {"kind", "numero", "id"}; ``changes``: rows {"rubrique", "label", "before", "after"}."""
    return rx.cond(
        origin.contains("numero"),
        rx.card(
            rx.hstack(
                rx.icon("git-compare", size=20, color=rx.color("accent", 10)),
                rx.heading(
                    origin["kind"].to(str),
                    " de l'autorisation n° ",
                    rx.link(origin["numero"].to(str), href=routes.authorisation_path(origin["id"].to(str))),
                    size="4",
                    as_="h2",
                ),
                align="center",
                spacing="2",
            ),
            rx.cond(
                origin["kind"].to(str) == "Avenant",
                rx.cond(
                    changes.length() > 0,
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell("Rubrique"),
                                rx.table.column_header_cell("Champ"),
                                rx.table.column_header_cell("Autorisé"),
                                rx.table.column_header_cell("Demandé"),
                            )
                        ),
                        rx.table.body(
                            rx.foreach(
                                changes,
                                lambda c: rx.table.row(
                                    rx.table.cell(c["rubrique"]),
                                    rx.table.row_header_cell(c["label"]),
                                    rx.table.cell(rx.el.del_(c["before"]), class_name="change-before"),
                                    rx.table.cell(rx.el.ins(c["after"]), class_name="change-after"),
                                ),
                            )
                        ),
                        size="1",
                        width="100%",
                        margin_top="0.5rem",
                        class_name="changes-table",
                    ),
                    rx.text(
                        "Aucune donnée de l'autorisation n'est modifiée pour l'instant.",
                        size="2",
                        color_scheme="gray",
                        margin_top="0.5rem",
                    ),
                ),
                rx.text(
                    "Demande de renouvellement : les données de l'autorisation en cours ont été reprises.",
                    size="2",
                    margin_top="0.5rem",
                ),
            ),
            width="100%",
            id=card_id,
        ),
    )
