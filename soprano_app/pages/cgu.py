"""« Conditions générales d'utilisation » (guide §2.2.1): first connection and new versions."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.cgu import CGU_SECTIONS, CGU_TITLE
from ..state.cgu import CguState
from ..state.session import SessionState
from .registry import page


def cgu_text() -> rx.Component:
    """The version an administrator published (Markdown, without raw HTML), or the built-in text."""
    return rx.cond(
        CguState.markdown != "",
        rx.markdown(
            CguState.markdown,
            use_raw=False,
            use_math=False,
            use_katex=False,
            class_name="help-body",
            id="cgu-text",
        ),
        _builtin_text(),
    )


def _builtin_text() -> rx.Component:
    return rx.vstack(
        *[
            rx.vstack(
                rx.heading(title, size="4", as_="h2"),
                *[rx.text(paragraph, size="3") for paragraph in paragraphs],
                spacing="2",
            )
            for title, paragraphs in CGU_SECTIONS
        ],
        spacing="4",
        id="cgu-text",
    )


def decision() -> rx.Component:
    return rx.cond(
        CguState.pending,
        rx.card(
            rx.text(
                "L'accès au service est subordonné à l'acceptation des présentes conditions.",
                weight="medium",
            ),
            rx.hstack(
                rx.button("J'accepte", size="3", on_click=CguState.accept, id="cgu-accept"),
                rx.button(
                    "Je refuse",
                    size="3",
                    variant="outline",
                    color_scheme="gray",
                    on_click=CguState.refuse,
                    id="cgu-refuse",
                ),
                rx.text("Refuser vous déconnecte.", size="2", color_scheme="gray"),
                spacing="3",
                align="center",
                margin_top="0.75rem",
            ),
            width="100%",
        ),
        rx.cond(
            SessionState.is_authenticated,
            rx.callout("Vous avez accepté cette version des conditions.", icon="check", color_scheme="green"),
        ),
    )


@page(routes.CGU, "Conditions générales d'utilisation", on_load=CguState.load)
def cgu_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading(CGU_TITLE, size="7", as_="h1"),
            rx.text("Version ", CguState.version, size="2", color_scheme="gray", id="cgu-version"),
            cgu_text(),
            decision(),
            spacing="4",
            max_width="52rem",
        ),
        protected=False,
        with_nav=False,
    )
