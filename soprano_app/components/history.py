"""« Historique » timeline: processing steps and comments, newest first."""

from __future__ import annotations

import reflex as rx


def history_entry(entry: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.box(
                rx.icon(
                    rx.match(
                        entry["kind"],
                        ("commentaire", "message-square"),
                        ("creation", "file-plus"),
                        "arrow-right-left",
                    ),
                    size=16,
                    aria_hidden="true",
                ),
                style={"padding_top": "0.15rem", "color": rx.color("accent", 10)},
            ),
            rx.vstack(
                rx.hstack(
                    rx.text(entry["date"], weight="bold", size="2"),
                    rx.text("·", size="2", color_scheme="gray"),
                    rx.text(entry["author"], size="2"),
                    rx.badge(entry["kind_label"], variant="surface", size="1"),
                    wrap="wrap",
                    align="center",
                    spacing="2",
                ),
                rx.cond(entry["change"] != "", rx.text(entry["change"], size="2", weight="medium")),
                rx.cond(entry["message"] != "", rx.text(entry["message"], size="2", white_space="pre-wrap")),
                spacing="1",
            ),
            align="start",
            spacing="3",
        ),
        style={
            "padding": "0.75rem 0",
            "border_bottom": f"1px solid {rx.color('gray', 4)}",
            "list_style": "none",
        },
    )


def history_timeline(entries: rx.Var) -> rx.Component:
    return rx.el.ol(rx.foreach(entries, history_entry), style={"padding": "0", "margin": "0"}, id="history")
