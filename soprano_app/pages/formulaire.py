"""The application form (guide §3.2): rubriques, live checks, « Contrôler », « Sauvegarder », « Valider »."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.attachments import remove_dialog, upload_dialog
from ..components.form_parts import (
    action_bar,
    check_summary,
    delete_draft_dialog,
    rubrique_nav,
    search_dialog,
)
from ..components.group_table import delete_dialog
from ..components.layout import page_shell
from ..components.rubrique_view import rubrique_view
from ..domain.catalogue import CATALOGUE
from ..domain.roles import OPERATOR_ROLES
from ..state.form import RUBRIQUES, FormState
from .registry import page


def _next_buttons() -> rx.Component:
    buttons = []
    for n, key in enumerate(RUBRIQUES):
        previous = RUBRIQUES[n - 1] if n else None
        following = RUBRIQUES[n + 1] if n + 1 < len(RUBRIQUES) else None
        buttons.append(
            rx.cond(
                FormState.current == key,
                rx.hstack(
                    rx.button(
                        "← Rubrique précédente",
                        variant="ghost",
                        on_click=FormState.show_rubrique(previous),
                        type="button",
                    )
                    if previous
                    else rx.fragment(),
                    rx.spacer(),
                    rx.button(
                        "Rubrique suivante →",
                        variant="soft",
                        on_click=FormState.show_rubrique(following),
                        type="button",
                        id="next-rubrique",
                    )
                    if following
                    else rx.fragment(),
                    width="100%",
                ),
            )
        )
    return rx.fragment(*buttons)


def form_body() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.vstack(
                rx.heading("Demande d'autorisation — ", FormState.regime_label, size="7", as_="h1"),
                rx.text(
                    "Dossier ",
                    rx.text.strong(FormState.numero),
                    " · brouillon",
                    size="2",
                    color_scheme="gray",
                ),
                spacing="1",
            ),
            width="100%",
        ),
        rx.cond(
            FormState.follow_up != "",
            rx.callout(
                rx.text(
                    rx.text.strong(FormState.follow_up),
                    " : les données de l'autorisation sont reprises. Modifiez celles qui changent ; pour un "
                    "avenant, indiquez l'objet et le motif de la modification (rubrique « Demandeur »). Les "
                    "modifications sont listées avant la validation.",
                ),
                icon="file-pen",
                width="100%",
                id="follow-up-banner",
            ),
        ),
        action_bar(),
        delete_draft_dialog(),
        check_summary(),
        rx.flex(
            rx.box(rubrique_nav(), class_name="form-aside"),
            rx.box(
                *[rubrique_view(r) for r in CATALOGUE.rubriques],
                _next_buttons(),
                class_name="form-main",
            ),
            gap="1.5rem",
            direction={"initial": "column", "md": "row"},
            width="100%",
            align="start",
        ),
        search_dialog(),
        delete_dialog(),
        upload_dialog(),
        remove_dialog(),
        spacing="4",
        width="100%",
    )


@page(
    routes.FORMULAIRE, "Demande d'autorisation — SOPRANO libre", on_load=FormState.load, roles=OPERATOR_ROLES
)
def formulaire_page() -> rx.Component:
    return page_shell(
        rx.cond(
            FormState.loaded,
            rx.cond(
                FormState.not_found != "",
                rx.callout(
                    FormState.not_found,
                    icon="shield-alert",
                    color_scheme="red",
                    role="alert",
                    id="dossier-not-found",
                ),
                form_body(),
            ),
            rx.center(rx.spinner(size="3"), padding="3em"),
        )
    )


@page(
    routes.FORMULAIRE_ANCIEN,
    "Demande d'autorisation — SOPRANO libre",
    on_load=FormState.follow_old_link,
    roles=OPERATOR_ROLES,
)
def formulaire_ancien_page() -> rx.Component:
    return page_shell(rx.center(rx.spinner(size="3"), padding="3em"))
