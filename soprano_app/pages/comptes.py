"""Passwords (« Mot de passe oublié », choosing one from a link, « Mon compte ») and the administrative
journal."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.passwords import MIN_LENGTH
from ..domain.roles import ADMIN_ROLES, Role
from ..state.accounts import ACTION_OPTIONS, JournalState, MyAccountState, PasswordState
from ..state.cgu import CguAdminState as C
from ..state.customs_services import CustomsServicesState as S
from ..state.session import SessionState
from .registry import page

_POLICY = (
    f"Au moins {MIN_LENGTH} caractères ; ni votre nom, ni votre adresse ; pas un mot de passe courant. "
    "Une phrase de plusieurs mots sans rapport entre eux est un bon choix."
)


def _password_input(
    label: str, input_id: str, value: rx.Var, on_change: object, autocomplete: str
) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=input_id),
        rx.input(
            value=value,
            on_change=on_change,
            type="password",
            id=input_id,
            auto_complete=autocomplete,
            width="100%",
            max_width="24rem",
        ),
        spacing="1",
        width="100%",
    )


def _error(message: rx.Var, error_id: str) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="triangle-alert", color_scheme="red", role="alert", id=error_id),
    )


@page(routes.MOT_DE_PASSE_OUBLIE, "Mot de passe oublié", on_load=SessionState.load_optional)
def forgotten_password_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Mot de passe oublié", size="7", as_="h1"),
            rx.text(
                "Saisissez l'adresse de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.",
                size="2",
            ),
            rx.form(
                rx.vstack(
                    rx.el.label("Adresse électronique", html_for="reset-email"),
                    rx.input(
                        value=PasswordState.email,
                        on_change=PasswordState.set_email,
                        type="email",
                        id="reset-email",
                        auto_complete="username",
                        width="24rem",
                    ),
                    rx.button("Recevoir un lien", type="submit", id="reset-send"),
                    spacing="2",
                ),
                on_submit=lambda _data: PasswordState.ask(),
                reset_on_submit=False,
            ),
            rx.cond(PasswordState.sent != "", rx.callout(PasswordState.sent, icon="mail", id="reset-sent")),
            rx.link("Retour à la connexion", href=routes.CONNEXION, size="2"),
            spacing="4",
            max_width="40rem",
        ),
        protected=False,
    )


@page(
    routes.MOT_DE_PASSE,
    "Choisir un mot de passe",
    on_load=[SessionState.load_optional, PasswordState.open_link],
)
def choose_password_page() -> rx.Component:
    form = rx.vstack(
        rx.heading(
            rx.cond(PasswordState.is_activation, "Activer votre compte", "Choisir un nouveau mot de passe"),
            size="7",
            as_="h1",
        ),
        rx.text("Compte : ", rx.code(PasswordState.account), size="2", id="password-account"),
        rx.text(_POLICY, size="2", color_scheme="gray"),
        _password_input(
            "Nouveau mot de passe",
            "new-password",
            PasswordState.password,
            PasswordState.set_password,
            "new-password",
        ),
        _password_input(
            "Confirmez le mot de passe",
            "confirm-password",
            PasswordState.confirm,
            PasswordState.set_confirm,
            "new-password",
        ),
        _error(PasswordState.error, "password-error"),
        rx.button("Enregistrer le mot de passe", on_click=PasswordState.choose, id="password-save"),
        spacing="3",
        width="100%",
    )
    return page_shell(
        rx.vstack(
            rx.cond(
                ~PasswordState.checked,
                rx.spinner(),
                rx.cond(
                    PasswordState.done,
                    rx.callout.root(
                        rx.callout.icon(rx.icon("circle-check", size=18)),
                        rx.callout.text(
                            "Votre mot de passe est enregistré. Connectez-vous avec l'adresse ",
                            rx.code(PasswordState.account),
                            ".",
                        ),
                        color_scheme="green",
                        id="password-done",
                    ),
                    rx.cond(
                        PasswordState.valid,
                        form,
                        rx.callout(
                            "Ce lien n'est plus valable (déjà utilisé, expiré ou incomplet). Demandez-en un nouveau "
                            "depuis « Mot de passe oublié ».",
                            icon="link-2-off",
                            color_scheme="orange",
                            id="password-link-invalid",
                        ),
                    ),
                ),
            ),
            rx.link("Aller à la connexion", href=routes.CONNEXION, size="2", id="password-login"),
            spacing="4",
            max_width="40rem",
        ),
        protected=False,
    )


@page(routes.MON_COMPTE, "Mon compte", roles=frozenset(r for r in Role if r is not Role.SYSTEME))
def my_account_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Mon compte", size="7", as_="h1"),
            rx.text(rx.text.strong(SessionState.user_name), size="2"),
            rx.heading("Changer mon mot de passe", size="4", as_="h2"),
            rx.text(_POLICY, size="2", color_scheme="gray"),
            _password_input(
                "Mot de passe actuel",
                "current-password",
                MyAccountState.current,
                MyAccountState.set_current,
                "current-password",
            ),
            _password_input(
                "Nouveau mot de passe",
                "new-password",
                MyAccountState.new,
                MyAccountState.set_new,
                "new-password",
            ),
            _password_input(
                "Confirmez le nouveau mot de passe",
                "confirm-password",
                MyAccountState.confirm,
                MyAccountState.set_confirm,
                "new-password",
            ),
            _error(MyAccountState.error, "password-error"),
            rx.cond(
                MyAccountState.done,
                rx.callout(
                    "Mot de passe changé. Vos autres sessions sont fermées.",
                    icon="circle-check",
                    color_scheme="green",
                    id="password-changed",
                ),
            ),
            rx.button("Changer le mot de passe", on_click=MyAccountState.change, id="password-change"),
            spacing="3",
            width="100%",
            max_width="40rem",
        )
    )


@page(
    routes.ADMIN_JOURNAL,
    "Journal d'administration",
    roles=ADMIN_ROLES,
    on_load=JournalState.load,
    nav=((ADMIN_ROLES, "Journal"),),
    nav_order=25,
)
def journal_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Journal d'administration", size="7", as_="h1"),
            rx.hstack(
                rx.el.label("Action", html_for="journal-action"),
                rx.el.select(
                    rx.el.option("Toutes", value=""),
                    *[rx.el.option(o["label"], value=o["value"]) for o in ACTION_OPTIONS],
                    value=JournalState.action,
                    on_change=JournalState.filter_action,
                    id="journal-action",
                ),
                rx.el.label("Compte, entreprise ou auteur", html_for="journal-search"),
                rx.input(
                    value=JournalState.search,
                    on_change=JournalState.filter_text.debounce(300),
                    id="journal-search",
                    type="search",
                ),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Date"),
                        rx.table.column_header_cell("Auteur"),
                        rx.table.column_header_cell("Action"),
                        rx.table.column_header_cell("Sur"),
                        rx.table.column_header_cell("Détail"),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        JournalState.rows,
                        lambda r: rx.table.row(
                            rx.table.cell(r["at"]),
                            rx.table.cell(r["actor"]),
                            rx.table.cell(r["action"]),
                            rx.table.cell(r["target"]),
                            rx.table.cell(r["detail"]),
                        ),
                    )
                ),
                width="100%",
                id="journal-table",
            ),
            rx.cond(JournalState.rows.length() == 0, rx.text("Aucune entrée.", id="journal-empty")),  # type: ignore[attr-defined]
            spacing="4",
            width="100%",
        )
    )


def _service_field(label: str, name: str) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=f"service-{name}"),
        rx.input(
            value=S.form[name],
            on_change=lambda v: S.set_field(name, v),
            id=f"service-{name}",
            width="100%",
        ),
        spacing="1",
        width="100%",
    )


def _service_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Modifier le service"),
            rx.vstack(
                _service_field("Départements couverts (numéros séparés par des virgules)", "departements"),
                _service_field("Adresse", "rue"),
                rx.hstack(
                    _service_field("Code postal", "code_postal"),
                    _service_field("Ville", "ville"),
                    width="100%",
                ),
                rx.hstack(
                    _service_field("Téléphone", "telephone"),
                    _service_field("Courriel", "email"),
                    width="100%",
                ),
                _service_field("Horaires", "horaires"),
                _error(S.error, "service-error"),
                rx.hstack(
                    rx.button("Fermer", variant="soft", color_scheme="gray", on_click=S.close, type="button"),
                    rx.button("Enregistrer", on_click=S.save, id="service-save"),
                    justify="end",
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            max_width="36rem",
            on_escape_key_down=S.close,
        ),
        open=S.editing > 0,
    )


@page(
    routes.ADMIN_SERVICES,
    "Services des douanes",
    roles=ADMIN_ROLES,
    on_load=S.load,
    nav=((ADMIN_ROLES, "Services"),),
    nav_order=15,
)
def customs_services_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Services des douanes", size="7", as_="h1"),
            rx.text(
                "Les départements couverts décident du service compétent pour chaque demande et pour « Trouver mon "
                "service » ; un département n'est couvert que par un service.",
                size="2",
            ),
            rx.cond(S.notice != "", rx.callout(S.notice, icon="info", id="service-notice")),
            _service_dialog(),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Service"),
                        rx.table.column_header_cell("Départements"),
                        rx.table.column_header_cell("Coordonnées"),
                        rx.table.column_header_cell("Agents"),
                        rx.table.column_header_cell(""),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        S.rows,
                        lambda r: rx.table.row(
                            rx.table.row_header_cell(r["name"]),
                            rx.table.cell(r["departements"]),
                            rx.table.cell(
                                rx.text(r["rue"], " ", r["code_postal"], " ", r["ville"], size="1"),
                                rx.text(r["telephone"], " · ", r["email"], size="1"),
                            ),
                            rx.table.cell(r["agents"]),
                            rx.table.cell(
                                rx.button(
                                    "Modifier",
                                    size="1",
                                    variant="soft",
                                    on_click=S.open_edit(r["id"]),
                                    class_name="service-edit",
                                )
                            ),
                            data_name=r["name"],
                        ),
                    )
                ),
                width="100%",
                id="services-table",
            ),
            spacing="4",
            width="100%",
        )
    )


@page(
    routes.ADMIN_CGU,
    "Conditions d'utilisation",
    roles=ADMIN_ROLES,
    on_load=C.load,
    nav=((ADMIN_ROLES, "CGU"),),
    nav_order=28,
)
def cgu_admin_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Conditions générales d'utilisation", size="7", as_="h1"),
            rx.text(
                "Version en vigueur : ",
                rx.text.strong(C.current, id="cgu-current"),
                rx.cond(C.published_at != "", rx.text.span(" (publiée le ", C.published_at, ")")),
                size="2",
            ),
            rx.link("Lire la version en vigueur", href=routes.CGU, size="2"),
            rx.heading("Publier une nouvelle version", size="4", as_="h2"),
            rx.text(
                "Le texte s'écrit en Markdown (titres « ## », listes « - », liens) ; le HTML n'est pas admis. La "
                "nouvelle version est en vigueur dès sa publication : chaque utilisateur devra l'accepter à sa page "
                "suivante.",
                size="2",
                color_scheme="gray",
            ),
            rx.el.label("Nom de la version", html_for="cgu-new-version"),
            rx.input(
                value=C.version,
                on_change=C.set_version,
                id="cgu-new-version",
                placeholder="2027-01",
                max_width="12rem",
            ),
            rx.el.label("Texte (Markdown)", html_for="cgu-new-text"),
            rx.text_area(value=C.text, on_change=C.set_text, rows="14", width="100%", id="cgu-new-text"),
            _error(C.error, "cgu-error"),
            rx.cond(
                C.notice != "",
                rx.callout(C.notice, icon="circle-check", color_scheme="green", id="cgu-notice"),
            ),
            rx.button(
                rx.icon("megaphone", size=16), "Publier cette version", on_click=C.publish, id="cgu-publish"
            ),
            spacing="3",
            width="100%",
            max_width="52rem",
        )
    )
