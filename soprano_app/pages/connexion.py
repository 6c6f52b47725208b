"""« Connexion »: identifiant and mot de passe; lists the demo accounts in demo mode."""

from __future__ import annotations

import json

import reflex as rx

from .. import routes
from ..components import styles
from ..components.layout import page_shell
from ..domain.roles import ROLE_LABELS
from ..services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from ..settings import settings
from ..state.connexion import ConnexionState
from ..state.session import browser_call
from .registry import page

FORM_ID = "login-form"


def _fill_script(email: str) -> str:
    return (
        f"document.getElementById('identifiant').value={json.dumps(email)};"
        f"document.getElementById('mot_de_passe').value={json.dumps(DEMO_PASSWORD)};"
        "document.getElementById('mot_de_passe').focus();"
    )


def demo_accounts() -> rx.Component:
    if not settings.demo_enabled:
        return rx.fragment()
    return rx.card(
        rx.heading("Comptes de démonstration", size="3", as_="h2"),
        rx.text("Mot de passe commun : ", rx.code(DEMO_PASSWORD), size="2"),
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell("Identifiant"),
                    rx.table.column_header_cell("Rôle"),
                    rx.table.column_header_cell(rx.el.span("Action", class_name="sr-only")),
                )
            ),
            rx.table.body(
                *[
                    rx.table.row(
                        rx.table.cell(rx.code(account.email)),
                        rx.table.cell(
                            rx.text(ROLE_LABELS[account.role], weight="medium", size="2"),
                            rx.text(account.description, size="1", color_scheme="gray"),
                        ),
                        rx.table.cell(
                            rx.button(
                                "Utiliser",
                                size="1",
                                variant="soft",
                                type="button",
                                aria_label=f"Remplir le formulaire avec le compte {account.email}",
                                on_click=rx.call_script(_fill_script(account.email)),
                            )
                        ),
                    )
                    for account in DEMO_ACCOUNTS
                ]
            ),
            size="1",
            variant="surface",
        ),
        style={"max_width": "40rem", "margin": "0 auto", "width": "100%"},
    )


def login_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading("Connexion", size="6", as_="h1"),
                rx.text(
                    "Connectez-vous pour déposer et suivre vos demandes d'autorisation de régime particulier.",
                    size="2",
                    color_scheme="gray",
                ),
                rx.cond(
                    ConnexionState.info != "",
                    rx.callout(
                        ConnexionState.info, icon="info", color_scheme="blue", width="100%", id="login-info"
                    ),
                ),
                rx.cond(
                    ConnexionState.error != "",
                    rx.callout(
                        ConnexionState.error,
                        icon="triangle-alert",
                        color_scheme="red",
                        role="alert",
                        width="100%",
                        id="login-error",
                    ),
                ),
                rx.el.label("Identifiant (adresse électronique)", html_for="identifiant", class_name="label"),
                rx.input(
                    id="identifiant",
                    name="identifiant",
                    type="email",
                    auto_complete="username",
                    required=True,
                    width="100%",
                    size="3",
                ),
                rx.el.label("Mot de passe", html_for="mot_de_passe", class_name="label"),
                rx.input(
                    id="mot_de_passe",
                    name="mot_de_passe",
                    type="password",
                    auto_complete="current-password",
                    required=True,
                    width="100%",
                    size="3",
                ),
                rx.el.input(type="hidden", name="suivant", value=ConnexionState.next_path),
                rx.button(
                    rx.cond(ConnexionState.submitting, rx.spinner(size="2"), rx.icon("log-in", size=16)),
                    "Se connecter",
                    type="submit",
                    size="3",
                    width="100%",
                    id="login-submit",
                    # The page is served pre-rendered: until React has taken it over, a click would submit
                    # the form natively (a page reload, the login lost). Enabled once hydrated.
                    disabled=ConnexionState.submitting | ~rx.State.is_hydrated,
                ),
                rx.link(
                    "Mot de passe oublié ?", href=routes.MOT_DE_PASSE_OUBLIE, size="2", id="link-forgotten"
                ),
                spacing="3",
                width="100%",
            ),
            id=FORM_ID,
            method="post",  # never a GET: the password must not end up in an address
            on_submit=[
                ConnexionState.start,
                rx.call_script(
                    browser_call(f"window.soprano.login({json.dumps(FORM_ID)})"), callback=ConnexionState.done
                ),
            ],
            reset_on_submit=False,
        ),
        style=styles.CARD_NARROW,
    )


@page(routes.CONNEXION, "Connexion — SOPRANO libre", on_load=ConnexionState.load)
def connexion_page() -> rx.Component:
    return page_shell(
        rx.vstack(login_form(), demo_accounts(), spacing="5", width="100%"),
        protected=False,
        with_nav=False,
    )
