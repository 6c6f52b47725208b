"""« Historique »: one timeline of processing steps, comments and attachments, newest first."""

from __future__ import annotations

import reflex as rx

ICONS = (
    ("commentaire", "message-square"),
    ("creation", "file-plus"),
    ("piece_jointe", "paperclip"),
    ("delai", "alarm-clock-off"),
)


def letter_link(url: rx.Var) -> rx.Component:
    """The decision letter of a step (a server route: a full download, not an in-app link)."""
    return rx.el.a(
        rx.icon("file-text", size=14, aria_hidden="true"),
        " Lettre de décision (PDF)",
        href=url,
        download="",
        reload_document=True,
        class_name="download-link letter-link",
    )


def notice_lines(entry: rx.Var) -> rx.Component:
    """When a decision reached the applicant, and the dates that follow (domain/notification.py)."""

    def line(key: str, icon: str, class_name: str) -> rx.Component:
        return rx.cond(
            entry.contains(key) & (entry[key] != ""),
            rx.hstack(
                rx.icon(icon, size=14, aria_hidden="true"),
                rx.text(entry[key], size="1"),
                spacing="1",
                align="center",
                color=rx.color("gray", 11),
                class_name=class_name,
            ),
        )

    return rx.fragment(
        rx.cond(
            entry.contains("confidential") & (entry["confidential"].to(str) == "True"),  # values are strings
            rx.badge(
                "Non communiqué au demandeur (art. 13, paragraphe 3, RDC)",
                color_scheme="orange",
                variant="soft",
                class_name="confidential-badge",
            ),
        ),
        rx.cond(
            entry.contains("internal") & (entry["internal"].to(str) == "True"),
            rx.badge("Interne au service des douanes", color_scheme="gray", variant="soft"),
        ),
        line("notice", "mail-check", "notice-line"),
        line("effect", "calendar-check", "effect-line"),
        line("appeal", "scale", "appeal-line"),
    )


def history_entry(entry: rx.Var, only_comments: rx.Var | bool = False) -> rx.Component:
    item = rx.el.li(
        rx.hstack(
            rx.box(
                rx.icon(rx.match(entry["kind"], *ICONS, "arrow-right-left"), size=16, aria_hidden="true"),
                style={"padding_top": "0.15rem", "color": rx.color("accent", 10)},
            ),
            rx.vstack(
                rx.hstack(
                    rx.text(entry["date"], weight="bold", size="2"),
                    rx.text("·", size="2", color_scheme="gray"),
                    rx.text(entry["author"], size="2", class_name="history-author"),
                    rx.badge(entry["kind_label"], variant="surface", size="1"),
                    rx.text("statut : ", entry["status_at"], size="1", color_scheme="gray"),
                    wrap="wrap",
                    align="center",
                    spacing="2",
                ),
                rx.cond(entry["change"] != "", rx.text(entry["change"], size="2", weight="medium")),
                rx.cond(entry["message"] != "", rx.text(entry["message"], size="2", white_space="pre-wrap")),
                rx.cond(
                    entry.contains("letter_url") & (entry["letter_url"] != ""),
                    letter_link(entry["letter_url"]),
                ),
                notice_lines(entry),
                spacing="1",
                width="100%",
            ),
            align="start",
            spacing="3",
            width="100%",
        ),
        class_name="history-item",
        data_kind=entry["kind"],
        style={
            "padding": "0.75rem 0",
            "border_bottom": f"1px solid {rx.color('gray', 4)}",
            "list_style": "none",
        },
    )
    if isinstance(only_comments, bool):
        return item
    return rx.cond(~only_comments | (entry["kind"] == "commentaire"), item)


def history_timeline(entries: rx.Var, only_comments: rx.Var | bool = False) -> rx.Component:
    return rx.el.ol(
        rx.foreach(entries, lambda entry: history_entry(entry, only_comments)),
        style={"padding": "0", "margin": "0", "width": "100%"},
        id="history",
    )
