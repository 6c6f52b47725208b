"""The confirmation asked before a consequential click: a title, what will happen, « Annuler » and
the confirm button (red when something is removed). A Radix alert dialog: focus trapped, Escape
cancels."""

from __future__ import annotations

from typing import Any

import reflex as rx


def confirm_dialog(
    *,
    title: str,
    description: Any,
    open: rx.Var[bool] | bool,
    on_confirm: Any,
    on_cancel: Any,
    confirm_label: str = "Supprimer",
    confirm_id: str = "",
    destructive: bool = True,
) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(description),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button("Annuler", variant="soft", color_scheme="gray", on_click=on_cancel)
                ),
                rx.alert_dialog.action(
                    rx.button(
                        confirm_label,
                        color_scheme="red" if destructive else None,
                        on_click=on_confirm,
                        id=confirm_id or None,
                    )
                ),
                justify="end",
                spacing="3",
                margin_top="1rem",
            ),
        ),
        open=open,
    )
