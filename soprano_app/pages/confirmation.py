"""Confirmation after « Valider »: the number, the date, and what happens next."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.roles import OPERATOR_ROLES
from ..state.dossier import DossierState
from ..state.survey import SurveyState
from .registry import page


def confirmation_body() -> rx.Component:
    s = DossierState.summary
    return rx.vstack(
        rx.callout(
            rx.text("Votre demande a été transmise au service des douanes.", weight="bold"),
            icon="circle-check",
            color_scheme="green",
            size="3",
            width="100%",
        ),
        rx.heading("Demande n° ", rx.el.span(s["numero"], id="numero-depose"), size="7", as_="h1"),
        rx.card(
            rx.data_list.root(
                rx.data_list.item(rx.data_list.label("Régime"), rx.data_list.value(s["regime_label"])),
                rx.data_list.item(rx.data_list.label("Déposée le"), rx.data_list.value(s["submitted_at"])),
                rx.data_list.item(
                    rx.data_list.label("Service des douanes"), rx.data_list.value(s["service"])
                ),
                rx.data_list.item(rx.data_list.label("Statut"), rx.data_list.value(s["statut_label"])),
            ),
            width="100%",
        ),
        rx.heading("Et maintenant ?", size="4", as_="h2"),
        rx.el.ol(
            rx.el.li(
                "Le service des douanes vérifie que la demande est complète. Il dispose de 30 jours pour l'accepter "
                "ou vous demander des compléments (article 22, paragraphe 2, du code des douanes de l'Union) : "
                "échéance le ",
                rx.text.strong(s["echeance"]),
                ".",
            ),
            rx.el.li(
                "Une fois la demande acceptée, la décision doit intervenir dans un délai de 30 jours (60 jours pour "
                "l'entrepôt douanier, 120 jours si plusieurs États membres sont concernés)."
            ),
            rx.el.li(
                "Vous suivez l'avancement et les échanges dans l'historique du dossier. Le dossier figure désormais "
                "dans « En attente » sur votre page d'accueil."
            ),
            class_name="steps",
        ),
        rx.cond(
            SurveyState.offered,
            rx.callout.root(
                rx.callout.icon(rx.icon("message-circle-heart", size=18)),
                rx.callout.text(
                    "Votre avis nous intéresse : comment s'est passé ce dépôt ? ",
                    rx.link(
                        "Répondre au questionnaire (2 minutes)",
                        href=routes.AVIS + "?etape=apres_depot",
                        id="survey-offer",
                    ),
                ),
                width="100%",
            ),
        ),
        rx.hstack(
            rx.link(rx.button("Voir le dossier", variant="soft"), href=routes.dossier_path(s["id"].to(str))),
            rx.link(rx.button("Retour à l'accueil"), href=routes.ACCUEIL),
            spacing="3",
        ),
        spacing="4",
        width="100%",
        max_width="52rem",
    )


@page(
    routes.CONFIRMATION,
    "Demande transmise",
    on_load=[DossierState.load, SurveyState.offer],
    roles=OPERATOR_ROLES,
)
def confirmation_page() -> rx.Component:
    return page_shell(
        rx.cond(
            DossierState.loaded,
            rx.cond(
                DossierState.found,
                confirmation_body(),
                rx.callout(
                    "Ce dossier est introuvable.", icon="shield-alert", color_scheme="red", role="alert"
                ),
            ),
            rx.center(rx.spinner(size="3"), padding="3em"),
        )
    )
