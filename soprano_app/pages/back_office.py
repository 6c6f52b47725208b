"""Customs officer's home: the dossiers submitted to his service."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.dossier_table import dossier_list
from ..components.layout import page_shell
from ..domain.roles import CUSTOMS_ROLES
from ..state.dashboard import DashboardState
from ..state.questions import QuestionsState
from ..state.session import SessionState
from .registry import page


@page(
    routes.BACK_OFFICE,
    "Dossiers du service — SOPRANO libre",
    on_load=[DashboardState.load_customs, QuestionsState.load_waiting],
    roles=CUSTOMS_ROLES,
    nav=((CUSTOMS_ROLES, "Dossiers du service"),),
    nav_order=10,
)
def back_office_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.vstack(
                rx.heading("Dossiers du service", size="7", as_="h1"),
                rx.text(
                    rx.text.strong(SessionState.service_name),
                    " — « À traiter » : le service doit agir ; « En attente » : l'opérateur doit répondre.",
                    size="2",
                    color_scheme="gray",
                ),
                spacing="1",
            ),
            rx.cond(
                QuestionsState.waiting > 0,
                rx.callout(
                    rx.link(
                        QuestionsState.waiting.to(str) + " question(s) d'opérateurs en attente de réponse",
                        href=routes.QUESTIONS + "?statut=ouverte",
                    ),
                    icon="messages-square",
                    id="questions-waiting-notice",
                ),
            ),
            dossier_list(customs=True),
            spacing="5",
            width="100%",
        )
    )
