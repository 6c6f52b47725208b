"""« Accueil » of operators and representatives (guide §2.4): the dossiers that need an action."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.dossier_table import dossier_list
from ..components.layout import page_shell
from ..domain.roles import OPERATOR_ROLES
from ..state.dashboard import DashboardState
from ..state.session import SessionState
from .registry import page


@page(
    routes.ACCUEIL,
    "Accueil — SOPRANO libre",
    on_load=DashboardState.load_operator,
    roles=OPERATOR_ROLES,
    nav=((OPERATOR_ROLES, "Accueil"),),
    nav_order=10,
)
def accueil_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.heading("Mes dossiers", size="7", as_="h1"),
                    rx.text(
                        "Dossiers de ",
                        rx.text.strong(SessionState.company_name),
                        ". « À traiter » : vous devez intervenir ; « En attente » : le service des douanes "
                        "instruit le dossier.",
                        size="2",
                        color_scheme="gray",
                    ),
                    spacing="1",
                ),
                rx.spacer(),
                rx.link(
                    rx.button(rx.icon("file-plus", size=16), "Déposer un nouveau dossier", size="3"),
                    href=routes.NOUVEAU_DOSSIER,
                ),
                width="100%",
                align="end",
                wrap="wrap",
                spacing="3",
            ),
            dossier_list(customs=False),
            spacing="5",
            width="100%",
        )
    )
