"""« Assistance » (guide §6): regulatory documentation and help contacts."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.roles import Role
from ..state.session import SessionState
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


@page(
    routes.ASSISTANCE,
    "Assistance",
    on_load=SessionState.load_optional,
    nav=((frozenset(Role), "Assistance"),),
    nav_order=40,
)
def assistance_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Assistance", size="7", as_="h1"),
            rx.card(
                rx.heading("Documentation réglementaire", size="4", as_="h2"),
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
                rx.text(
                    "Pour une question sur les conditions d'un régime particulier, contactez le pôle d'action "
                    "économique (PAE) ou le service des douanes territorialement compétent pour le lieu où votre "
                    "comptabilité principale est tenue. Chaque champ du formulaire comporte une infobulle « ? » "
                    "qui explique ce qui est attendu.",
                    margin_top="0.5rem",
                ),
                width="100%",
            ),
            rx.card(
                rx.heading("Assistance technique", size="4", as_="h2"),
                rx.text(
                    "En cas d'anomalie (page qui ne s'affiche pas, message d'erreur inattendu), notez le numéro de "
                    "dossier, l'heure et le message affiché, puis signalez-le à l'équipe qui exploite cette "
                    "instance. Ce logiciel est libre : ses anomalies connues et leur suivi sont publics.",
                    margin_top="0.5rem",
                ),
                width="100%",
            ),
            spacing="4",
            width="100%",
            max_width="52rem",
        ),
        protected=False,
    )
