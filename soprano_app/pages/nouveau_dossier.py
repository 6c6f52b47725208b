"""« Déposer un nouveau dossier » (guide §3.1): « Régime particulier », « Continuer », then the regime."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.catalogue import CATALOGUE
from ..domain.catalogue import codelists as cl
from ..domain.regimes import REGIMES, Regime
from ..domain.roles import OPERATOR_ROLES
from ..state.new_dossier import NewDossierState
from .registry import page


def _label(field_id: str) -> rx.Component:
    field = CATALOGUE.field(field_id)
    return rx.hstack(
        rx.el.label(
            field.label,
            rx.el.span(" *", color=rx.color("red", 10)),
            html_for=field_id,
            class_name="field-label",
        ),
        rx.tooltip(
            rx.icon_button(
                rx.icon("circle-help", size=15),
                variant="ghost",
                size="1",
                type="button",
                aria_label=f"Aide : {field.label}",
                color_scheme="gray",
            ),
            content=field.infobulle,
        ),
        spacing="1",
        align="center",
    )


def step_type() -> rx.Component:
    return rx.card(
        rx.vstack(
            _label("type_dossier"),
            rx.el.select(
                rx.el.option("— Choisir —", value=""),
                *[rx.el.option(o.label, value=o.code) for o in cl.TYPE_DOSSIER],
                id="type_dossier",
                value=NewDossierState.type_dossier,
                on_change=NewDossierState.set_type_dossier,
                class_name="native-select",
            ),
            rx.button("Continuer", on_click=NewDossierState.go_on, id="btn-continuer", size="3"),
            spacing="3",
            align="start",
        ),
        max_width="36rem",
    )


def _regime_card(code: str, label: str) -> rx.Component:
    return rx.el.label(
        rx.hstack(
            rx.radio_group.item(value=code, id=f"regime-{code}"),
            rx.vstack(
                rx.text(label, " (", code, ")", weight="bold"),
                rx.text(REGIMES[Regime(code)].hint, size="2", color_scheme="gray"),
                spacing="1",
            ),
            align="start",
            spacing="3",
        ),
        class_name=rx.cond(NewDossierState.regime == code, "regime-card selected", "regime-card"),
    )


def step_regime() -> rx.Component:
    entrepot = CATALOGUE.field("type_entrepot")
    variante = CATALOGUE.field("variante_pa")
    return rx.card(
        rx.vstack(
            rx.el.fieldset(
                rx.el.legend(_label("regime")),
                rx.radio_group.root(
                    rx.grid(
                        *[_regime_card(o.code, o.label) for o in cl.REGIMES],
                        columns={"initial": "1", "sm": "2"},
                        spacing="3",
                    ),
                    value=NewDossierState.regime,
                    on_change=NewDossierState.set_regime,
                ),
                class_name="plain-fieldset",
            ),
            rx.cond(
                NewDossierState.regime == "ED",
                rx.vstack(
                    _label("type_entrepot"),
                    rx.el.select(
                        rx.el.option("— Choisir —", value=""),
                        *[rx.el.option(o.label, value=o.code) for o in entrepot.options],
                        id="type_entrepot",
                        value=NewDossierState.type_entrepot,
                        on_change=NewDossierState.set_type_entrepot,
                        class_name="native-select",
                    ),
                    spacing="2",
                ),
            ),
            rx.cond(
                NewDossierState.regime == "PA",
                rx.vstack(
                    _label("variante_pa"),
                    rx.el.select(
                        rx.el.option("— Choisir —", value=""),
                        *[rx.el.option(o.label, value=o.code) for o in variante.options],
                        id="variante_pa",
                        value=NewDossierState.variante_pa,
                        on_change=NewDossierState.set_variante_pa,
                        class_name="native-select",
                    ),
                    spacing="2",
                ),
            ),
            rx.hstack(
                rx.button("← Retour", variant="soft", color_scheme="gray", on_click=NewDossierState.back),
                rx.button(
                    rx.cond(NewDossierState.creating, rx.spinner(size="2"), rx.icon("file-plus", size=16)),
                    "Commencer la saisie",
                    on_click=NewDossierState.create,
                    disabled=NewDossierState.creating,
                    id="btn-creer",
                    size="3",
                ),
                spacing="3",
            ),
            spacing="4",
            width="100%",
        ),
        max_width="52rem",
    )


@page(
    routes.NOUVEAU_DOSSIER,
    "Déposer un nouveau dossier",
    on_load=NewDossierState.load,
    roles=OPERATOR_ROLES,
    nav=((OPERATOR_ROLES, "Déposer un nouveau dossier"),),
    nav_order=20,
)
def nouveau_dossier_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Déposer un nouveau dossier", size="7", as_="h1"),
            rx.text(
                "Le formulaire reprend le modèle de demande d'autorisation de recours à un régime particulier autre "
                "que le transit (annexe A du règlement délégué (UE) 2015/2446). Votre brouillon est enregistré "
                "automatiquement : vous pouvez l'interrompre et le reprendre depuis l'accueil.",
                size="2",
                color_scheme="gray",
                max_width="52rem",
            ),
            rx.cond(
                NewDossierState.error != "",
                rx.callout(
                    NewDossierState.error,
                    icon="triangle-alert",
                    color_scheme="red",
                    role="alert",
                    id="new-error",
                ),
            ),
            rx.cond(NewDossierState.step == 1, step_type(), step_regime()),
            spacing="4",
            width="100%",
        )
    )
