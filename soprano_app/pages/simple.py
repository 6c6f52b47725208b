"""« Assistance » (guide §6): regulatory documentation and help contacts."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.roles import Role
from ..state.questions import DirectoryState as D
from ..state.session import SessionState
from .aide import help_search
from .registry import page

_REGULATION_LINKS = (
    (
        "Code des douanes de l'Union — règlement (UE) n° 952/2013 (titre VII : régimes particuliers)",
        "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32013R0952",
    ),
    (
        "Règlement délégué (UE) 2015/2446 (annexe A : modèle de demande d'autorisation)",
        "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32015R2446",
    ),
    (
        "Règlement d'exécution (UE) 2015/2447",
        "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32015R2447",
    ),
)


def _service_card(card: rx.Var, card_id: str = "") -> rx.Component:
    return rx.card(
        rx.text(card["name"], weight="bold"),
        rx.text(card["address"], size="2"),
        rx.text("Téléphone : ", card["telephone"], size="2"),
        rx.text("Courriel : ", card["email"], size="2"),
        rx.text("Horaires : ", card["horaires"], size="2"),
        rx.text("Départements : ", card["departements"], size="1", color_scheme="gray"),
        width="100%",
        id=card_id,
        class_name="service-card",
    )


def _find_service() -> rx.Component:
    return rx.vstack(
        rx.heading("Trouver mon service", size="3", as_="h3"),
        rx.form(
            rx.hstack(
                rx.input(
                    value=D.where,
                    on_change=D.set_where,
                    placeholder="Code postal, département ou commune (69003, Rhône, Villeurbanne)",
                    id="directory-where",
                    aria_label="Code postal, département ou commune",
                    width="26rem",
                ),
                rx.button(rx.icon("search", size=16), "Trouver", type="submit", id="directory-find"),
                spacing="2",
                wrap="wrap",
            ),
            on_submit=lambda _data: D.find(),
            reset_on_submit=False,
        ),
        rx.cond(D.understood != "", rx.text(D.understood, size="2", id="directory-understood")),
        rx.cond(D.found.length() > 0, _service_card(D.found, "directory-found")),  # type: ignore[attr-defined]
        rx.text(
            "La règle est celle du formulaire : le service compétent est celui du lieu où est tenue votre "
            "comptabilité principale (art. 22, paragraphe 1, CDU), selon son département.",
            size="1",
            color_scheme="gray",
        ),
        spacing="2",
        width="100%",
    )


def _ask() -> rx.Component:
    return rx.cond(
        D.may_ask,
        rx.vstack(
            rx.heading("Poser une question", size="3", as_="h3", id="poser-question"),
            rx.cond(
                D.dossier_id > 0,
                rx.text(
                    "Votre question portera sur le dossier et ira au service qui l'instruit.",
                    size="2",
                    id="ask-about-dossier",
                ),
                rx.vstack(
                    rx.el.label("Service des douanes", html_for="ask-service"),
                    rx.el.select(
                        rx.el.option("Choisissez un service", value=""),
                        rx.foreach(D.services, lambda s: rx.el.option(s["name"], value=s["id"])),
                        value=D.service_id,
                        on_change=D.set_service,
                        id="ask-service",
                    ),
                    spacing="1",
                ),
            ),
            rx.el.label("Objet", html_for="ask-subject"),
            rx.input(
                value=D.subject, on_change=D.set_subject, id="ask-subject", width="100%", max_length=140
            ),
            rx.el.label("Votre question", html_for="ask-body"),
            rx.text_area(value=D.body, on_change=D.set_body, rows="5", width="100%", id="ask-body"),
            rx.cond(
                D.error != "",
                rx.callout(D.error, icon="triangle-alert", color_scheme="red", role="alert", id="ask-error"),
            ),
            rx.button(
                rx.icon("send", size=16), "Envoyer la question", on_click=D.ask, loading=D.busy, id="ask-send"
            ),
            rx.link("Mes questions et leurs réponses", href=routes.QUESTIONS, size="2"),
            spacing="2",
            width="100%",
        ),
        rx.text(
            "Connecté en tant qu'opérateur ou représentant, vous pouvez poser ici une question au service ; "
            "elle est suivie dans « Mes questions ».",
            size="2",
        ),
    )


@page(
    routes.ASSISTANCE,
    "Assistance",
    on_load=[SessionState.load_optional, D.load],
    nav=((frozenset(Role), "Assistance"),),
    nav_order=40,
)
def assistance_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Assistance", size="7", as_="h1"),
            rx.card(
                rx.heading("Documentation réglementaire", size="4", as_="h2"),
                rx.text(
                    "Une page par régime et par étape de la procédure, un glossaire, et l'explication de chaque "
                    "champ du formulaire.",
                    size="2",
                    margin_top="0.5rem",
                ),
                rx.link("Ouvrir la documentation réglementaire", href=routes.AIDE, id="link-aide"),
                help_search(),
                rx.el.ul(
                    *[
                        rx.el.li(rx.link(label, href=href, is_external=True))
                        for label, href in _REGULATION_LINKS
                    ],
                    style={"padding_left": "1.25rem", "margin_top": "0.5rem"},
                ),
                width="100%",
            ),
            rx.card(
                rx.heading("Assistance réglementaire", size="4", as_="h2"),
                rx.vstack(
                    _find_service(),
                    _ask(),
                    rx.heading("Annuaire des services", size="3", as_="h3"),
                    rx.vstack(
                        rx.foreach(D.services, _service_card), spacing="2", width="100%", id="directory"
                    ),
                    spacing="4",
                    width="100%",
                    margin_top="0.5rem",
                ),
                width="100%",
            ),
            rx.card(
                rx.heading("Assistance technique", size="4", as_="h2"),
                rx.text(
                    "Une anomalie (page qui ne s'affiche pas, message d'erreur inattendu) ? Signalez-la avec une "
                    "capture d'écran : l'équipe qui exploite cette instance vous répond dans « Mes demandes "
                    "d'assistance » et par courriel.",
                    margin_top="0.5rem",
                ),
                rx.cond(
                    SessionState.is_authenticated,
                    rx.link("Signaler un problème", href=routes.ASSISTANCE_TECHNIQUE, id="link-ticket"),
                    rx.text("Connectez-vous pour signaler un problème.", size="2"),
                ),
                width="100%",
            ),
            rx.card(
                rx.heading("Votre avis nous intéresse", size="4", as_="h2"),
                rx.text(
                    "Cinq questions, deux minutes : dites-nous ce qui aide et ce qui gêne.",
                    margin_top="0.5rem",
                ),
                rx.link("Donner mon avis", href=routes.AVIS, id="link-survey"),
                width="100%",
            ),
            spacing="4",
            width="100%",
            max_width="52rem",
        ),
        protected=False,
    )
