"""« Valider »: recap of every answer with « Modifier » links, the attestation, the submission."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.changes import changes_card
from ..components.layout import page_shell
from ..components.recap_view import recap_rubriques
from ..domain.catalogue import CATALOGUE
from ..domain.roles import OPERATOR_ROLES
from ..state.recapitulatif import RecapitulatifState
from ..state.session import may_file
from .registry import page


def _problem_list() -> rx.Component:
    return rx.foreach(
        RecapitulatifState.problems,
        lambda group: rx.box(
            rx.text(group["label"], weight="bold", size="2"),
            rx.el.ul(
                rx.foreach(
                    group["items"].to(list[dict[str, str]]),
                    lambda item: rx.el.li(item["label"], " : ", item["message"]),
                ),
                class_name="summary-list",
            ),
        ),
    )


def problems() -> rx.Component:
    return rx.cond(
        RecapitulatifState.error_count > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle-alert")),
            rx.box(
                rx.callout.text(
                    "La demande ne peut pas encore être validée : ",
                    RecapitulatifState.error_count,
                    " erreur(s) bloquante(s). Retournez au formulaire et utilisez « Contrôler » pour les corriger.",
                    weight="bold",
                ),
                _problem_list(),
            ),
            color_scheme="red",
            role="alert",
            id="recap-errors",
        ),
        rx.cond(
            RecapitulatifState.warning_count > 0,
            rx.callout.root(
                rx.callout.icon(rx.icon("info")),
                rx.box(
                    rx.callout.text(
                        RecapitulatifState.warning_count,
                        " avertissement(s) : ils ne bloquent pas la validation.",
                    ),
                    _problem_list(),
                ),
                color_scheme="amber",
            ),
        ),
    )


def attestation() -> rx.Component:
    field = CATALOGUE.field("val_attestation")
    return rx.card(
        rx.vstack(
            rx.heading("Attestation", size="4", as_="h2"),
            rx.el.label(
                rx.checkbox(
                    checked=RecapitulatifState.attested,
                    on_change=RecapitulatifState.set_attested,
                    id="attestation",
                    size="3",
                    aria_label=field.label,
                ),
                rx.text(field.label, rx.el.span(" *", color=rx.color("red", 10)), size="3"),
                class_name="choice",
            ),
            rx.text(field.infobulle, size="2", color_scheme="gray"),
            rx.cond(
                RecapitulatifState.message != "",
                rx.callout(
                    RecapitulatifState.message,
                    icon="triangle-alert",
                    color_scheme="red",
                    role="alert",
                    id="recap-message",
                ),
            ),
            rx.hstack(
                rx.link(
                    rx.button("← Retour au formulaire", variant="soft", color_scheme="gray"),
                    href=routes.formulaire_path(RecapitulatifState.dossier_id.to(str)),
                ),
                rx.button(
                    rx.cond(RecapitulatifState.submitting, rx.spinner(size="2"), rx.icon("send", size=16)),
                    "Valider et transmettre la demande",
                    size="3",
                    on_click=RecapitulatifState.submit,
                    disabled=RecapitulatifState.submitting | (RecapitulatifState.error_count > 0),
                    id="btn-transmettre",
                ),
                spacing="3",
                wrap="wrap",
            ),
            spacing="3",
        ),
        width="100%",
    )


@page(
    routes.RECAPITULATIF, "Récapitulatif de la demande", on_load=RecapitulatifState.load, roles=OPERATOR_ROLES
)
def recap_page() -> rx.Component:
    edit = routes.formulaire_path(RecapitulatifState.dossier_id.to(str))
    return page_shell(
        rx.cond(
            RecapitulatifState.loaded,
            rx.cond(
                RecapitulatifState.not_found != "",
                rx.callout(
                    RecapitulatifState.not_found, icon="shield-alert", color_scheme="red", role="alert"
                ),
                rx.vstack(
                    rx.heading("Récapitulatif de la demande", size="7", as_="h1"),
                    rx.text(
                        RecapitulatifState.regime_label,
                        " — dossier ",
                        rx.text.strong(RecapitulatifState.numero),
                        ". Relisez vos réponses avant de valider : après validation, la demande est transmise au "
                        "service des douanes et ne peut plus être modifiée.",
                        size="2",
                        color_scheme="gray",
                    ),
                    problems(),
                    changes_card(RecapitulatifState.origin, RecapitulatifState.changes),
                    recap_rubriques(RecapitulatifState.rubriques, edit),
                    rx.cond(
                        may_file(),
                        attestation(),
                        rx.callout(
                            "Votre rôle dans l'entreprise (« Préparation ») permet de préparer ce brouillon, pas de le "
                            "déposer : un collègue habilité au « Dépôt » le validera et le transmettra.",
                            icon="lock",
                            id="filing-notice",
                        ),
                    ),
                    spacing="4",
                    width="100%",
                ),
            ),
            rx.center(rx.spinner(size="3"), padding="3em"),
        )
    )
