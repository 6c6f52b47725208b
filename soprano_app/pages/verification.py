"""Public check of a printed authorisation (the QR code of the PDF): no login, only what the document
shows, its status today, and the SHA-256 of the document as issued."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.fact import fact
from ..components.layout import page_shell
from ..state.verification import VerificationState as V
from .autorisations import STATUS_COLORS
from .registry import page


def _found() -> rx.Component:
    f = V.found
    return rx.vstack(
        rx.cond(
            f["alarming"] == "True",
            rx.callout(
                "Cette autorisation est " + f["status_label"].lower() + " : le document imprimé ne vaut plus "
                "autorisation.",
                icon="octagon-alert",
                color_scheme="red",
                role="alert",
                id="verification-alarm",
            ),
        ),
        rx.card(
            rx.grid(
                fact("Numéro", f["numero"]),
                fact("Titulaire", f["titulaire"]),
                fact("Régime", f["regime_label"]),
                fact("Version imprimée", f["version_label"]),
                fact("Prise d'effet", f["valid_from"]),
                fact("Fin de validité", f["valid_to"]),
                fact(
                    "Statut au " + f["checked_on"],
                    rx.badge(
                        f["status_label"],
                        color_scheme=rx.match(f["status"], *STATUS_COLORS, "gray"),
                        size="3",
                        id="verification-status",
                    ),
                ),
                columns={"initial": "1", "sm": "2"},
                spacing_x="5",
                spacing_y="3",
                width="100%",
            ),
            width="100%",
        ),
        rx.cond(
            f["newer_version"] != "",
            rx.callout(
                "Une version plus récente a été délivrée depuis : « " + f["newer_version"] + " ».",
                icon="info",
                id="verification-newer",
            ),
        ),
        rx.box(
            rx.text("Empreinte SHA-256 du document délivré", size="2", weight="medium"),
            rx.code(f["sha256"], id="verification-sha256", style={"word_break": "break-all"}),
            rx.text(
                "Comparez-la à celle du fichier PDF que vous détenez (par exemple « sha256sum fichier.pdf ») : "
                "si elles diffèrent, le fichier n'est pas celui qui a été délivré.",
                size="1",
                color_scheme="gray",
            ),
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


@page(routes.VERIFICATION, "Vérification d'une autorisation — SOPRANO libre", on_load=V.load)
def verification_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Vérification d'une autorisation", size="7", as_="h1"),
            rx.text(
                "Cette page confirme l'existence et le statut du jour d'une autorisation imprimée par SOPRANO "
                "libre, logiciel libre indépendant : elle n'émane pas de l'administration des douanes.",
                size="2",
                color_scheme="gray",
            ),
            rx.match(
                V.outcome,
                ("trouvee", _found()),
                (
                    "inconnue",
                    rx.callout(
                        "Aucune autorisation ne correspond.",
                        icon="search-x",
                        color_scheme="gray",
                        id="verification-unknown",
                    ),
                ),
                (
                    "limite",
                    rx.callout(
                        "Trop de vérifications depuis votre adresse : réessayez dans quelques minutes.",
                        icon="timer",
                        color_scheme="orange",
                        id="verification-limit",
                    ),
                ),
                rx.center(rx.spinner(size="3"), padding="3em"),
            ),
            spacing="4",
            width="100%",
            max_width="48rem",
        ),
        protected=False,
        with_nav=False,
    )
