"""A labelled value (« Échéance : 14/12/2026 »), laid out in grids on the dossier page."""

from __future__ import annotations

import reflex as rx


def fact(label: str | rx.Var, value: rx.Component | rx.Var) -> rx.Component:
    """Empty texts show as a dash; components are shown as they are."""
    shown = rx.cond(value != "", value, "—") if isinstance(value, rx.Var) else value
    return rx.box(
        rx.text(label, size="1", color_scheme="gray", as_="div"),
        rx.text(shown, size="2", weight="medium", as_="div") if isinstance(value, rx.Var) else shown,
        class_name="fact",
    )
