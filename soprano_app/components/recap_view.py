"""The whole application read-only, by rubrique (recap before « Valider », dossier view, customs)."""

from __future__ import annotations

import reflex as rx


def _entry(entry: rx.Var) -> rx.Component:
    return rx.cond(
        entry["table"].to(bool),
        rx.box(
            rx.text(entry["label"], weight="medium", size="2"),
            rx.table.root(
                rx.table.header(
                    rx.table.row(rx.foreach(entry["columns"].to(list[str]), rx.table.column_header_cell))
                ),
                rx.table.body(
                    rx.foreach(
                        entry["rows"].to(list[list[str]]),
                        lambda row: rx.table.row(
                            rx.foreach(row, lambda cell: rx.table.cell(cell, class_name="cell-wrap"))
                        ),
                    )
                ),
                size="1",
                variant="surface",
                width="100%",
            ),
            class_name="recap-table",
        ),
        rx.cond(
            entry["heading"].to(bool),
            rx.text(
                entry["label"], weight="bold", size="2", class_name="recap-heading", data_depth=entry["depth"]
            ),
            rx.box(
                rx.text(entry["label"], size="2", color_scheme="gray", class_name="recap-label"),
                rx.text(entry["value"], size="2", white_space="pre-wrap", class_name="recap-value"),
                class_name="recap-row",
                data_depth=entry["depth"],
            ),
        ),
    )


def recap_rubriques(rubriques: rx.Var, edit_href: rx.Var | None = None) -> rx.Component:
    """``edit_href``: the form URL, to which « Modifier » adds ``?rubrique=…``; None when read-only."""
    return rx.foreach(
        rubriques,
        lambda rubrique: rx.card(
            rx.hstack(
                rx.heading(rubrique["label"], size="5", as_="h2"),
                rx.spacer(),
                rx.link(
                    rx.button(rx.icon("pencil", size=14), "Modifier", variant="soft", size="1"),
                    href=edit_href + "?rubrique=" + rubrique["rubrique"].to(str),
                    aria_label="Modifier la rubrique " + rubrique["label"].to(str),
                )
                if edit_href is not None
                else rx.fragment(),
                width="100%",
                align="center",
            ),
            rx.foreach(
                rubrique["sections"].to(list[dict]),
                lambda section: rx.box(
                    rx.heading(section["title"], size="3", as_="h3", class_name="section-title"),
                    rx.foreach(section["entries"].to(list[dict]), _entry),
                ),
            ),
            width="100%",
            class_name="recap-rubrique",
        ),
    )
