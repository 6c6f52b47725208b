"""« Notes internes du service »: the customs agents' private annotations of a dossier."""

from __future__ import annotations

import reflex as rx

from ..domain.dossier_notes import MAX_NOTE
from ..state.notes import NotesState as N
from .form_field import server_echo


def _note(note: rx.Var) -> rx.Component:
    return rx.box(
        rx.text(note["author"], " — ", note["date"], size="1", color_scheme="gray"),
        rx.text(note["text"], size="2", white_space="pre-wrap"),  # plain text, never HTML
        class_name="internal-note",
        padding_y="0.4em",
        border_top=f"1px solid {rx.color('gray', 5)}",
        width="100%",
    )


def notes_card() -> rx.Component:
    return rx.cond(
        N.visible,
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.icon("notebook-pen", size=16, aria_hidden="true"),
                    rx.heading("Notes internes du service", size="3", as_="h2"),
                    rx.badge("Jamais communiquées au demandeur", color_scheme="gray", variant="soft"),
                    align="center",
                    spacing="2",
                    wrap="wrap",
                ),
                rx.text_area(
                    value=N.draft,
                    on_change=N.set_draft,
                    placeholder="Une note pour les agents du service (contexte, points à vérifier…)",
                    max_length=MAX_NOTE,
                    aria_label="Nouvelle note interne",
                    id="note-text",
                    custom_attrs=server_echo(N.draft),
                    width="100%",
                ),
                rx.cond(
                    N.error != "",
                    rx.text(N.error, color_scheme="red", size="2", role="alert", id="note-error"),
                ),
                rx.button("Ajouter la note", on_click=N.add, loading=N.busy, size="2", id="note-add"),
                rx.vstack(rx.foreach(N.notes, _note), spacing="0", width="100%", id="notes-list"),
                spacing="2",
                width="100%",
            ),
            width="100%",
            id="notes-card",
        ),
    )
