"""Page shell: skip link, demo banner, header with navigation, main, footer, idle dialog."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..domain.roles import Role
from ..settings import settings
from ..state.session import SessionState
from . import styles

PRODUCT_NAME = "SOPRANO libre"
PRODUCT_TAGLINE = "Régimes particuliers"


def skip_link() -> rx.Component:
    return rx.el.a("Aller au contenu", href="#contenu", class_name="skip-link")


def demo_banner() -> rx.Component:
    if not settings.demo_enabled:
        return rx.fragment()
    return rx.el.aside(  # a landmark of its own: nothing on the page is outside one (axe « region »)
        rx.icon("flask-conical", size=16, aria_hidden="true"),
        rx.text(
            rx.text.strong("Environnement de démonstration"),
            " — données fictives, aucune valeur juridique.",
            rx.cond(
                SessionState.simulated_date != "",
                rx.fragment(
                    " Date simulée : ", rx.text.strong(SessionState.simulated_date, id="simulated-date"), "."
                ),
            ),
            size="2",
        ),
        id="demo-banner",
        aria_label="Environnement de démonstration",
        style=styles.DEMO_BANNER,
    )


def brand() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.box("RP", style=styles.BRAND_MARK, aria_hidden="true"),
            rx.vstack(
                rx.text(PRODUCT_NAME, weight="bold", size="4", line_height="1.1"),
                rx.text(PRODUCT_TAGLINE, size="1", color_scheme="gray", line_height="1.1"),
                spacing="0",
            ),
            align="center",
            spacing="2",
        ),
        href=routes.ACCUEIL,
        underline="none",
        color="inherit",
        aria_label=f"{PRODUCT_NAME} — {PRODUCT_TAGLINE} : page d'accueil",
    )


def _nav_links(items: list[tuple[str, str]]) -> rx.Component:
    return rx.hstack(
        *[
            rx.link(
                label,
                href=href,
                style=styles.NAV_LINK,
                aria_current=rx.cond(SessionState.router.url.path == href, "page", None),
            )
            for label, href in items
        ],
        spacing="1",
        wrap="wrap",
    )


def main_nav() -> rx.Component:
    """The links the pages declared for each role (``pages/registry.py``)."""
    from ..pages.registry import navigation  # the pages import this module: read them when drawing

    return rx.el.nav(
        rx.match(
            SessionState.role,
            (Role.AGENT.value, _nav_links(navigation(Role.AGENT))),
            (Role.ADMIN.value, _nav_links(navigation(Role.ADMIN))),
            (Role.REPRESENTANT.value, _nav_links(navigation(Role.REPRESENTANT))),
            _nav_links(navigation(Role.OPERATEUR)),
        ),
        aria_label="Navigation principale",
    )


def user_box() -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.hstack(
                rx.icon("user-round", size=14, aria_hidden="true"),
                rx.link(
                    rx.text(SessionState.user_name, size="2", weight="medium", id="current-user"),
                    href=routes.MON_COMPTE,
                    title="Mon compte : changer mon mot de passe",
                    color_scheme="gray",
                    high_contrast=True,
                ),
                spacing="1",
                align="center",
            ),
            rx.cond(
                SessionState.company_name != "",
                rx.text(
                    "Agit pour : ",
                    rx.text.strong(SessionState.company_name),
                    size="1",
                    color_scheme="gray",
                    id="acting-company",
                ),
                rx.text(
                    rx.cond(
                        SessionState.service_name != "", SessionState.service_name, SessionState.role_label
                    ),
                    size="1",
                    color_scheme="gray",
                ),
            ),
            spacing="0",
            align="end",
        ),
        rx.cond(
            SessionState.role != Role.ADMIN.value,
            rx.link(
                rx.box(
                    rx.icon("bell", size=18),
                    rx.cond(
                        SessionState.unread > 0,
                        rx.badge(
                            SessionState.unread,
                            color_scheme="red",
                            variant="solid",
                            radius="full",
                            size="1",
                            class_name="bell-count",
                            id="unread-count",
                        ),
                    ),
                    position="relative",
                    padding="0.25rem",
                ),
                href="/notifications",
                aria_label=rx.cond(
                    SessionState.unread > 0,
                    "Notifications : " + SessionState.unread.to(str) + " non lue(s)",
                    "Notifications",
                ),
                color="inherit",
                id="bell",
            ),
        ),
        rx.cond(
            SessionState.can_change_company,
            rx.link(
                rx.button("Changer d'opérateur", variant="soft", size="1"),
                href=routes.CHOIX_OPERATEUR,
                id="change-operator",
            ),
        ),
        rx.button(
            rx.icon("log-out", size=14, aria_hidden="true"),
            "Se déconnecter",
            variant="outline",
            size="1",
            id="logout",
            on_click=SessionState.logout,
        ),
        align="center",
        spacing="3",
    )


def site_header(with_nav: bool = True) -> rx.Component:
    return rx.el.header(
        rx.box(
            rx.hstack(
                brand(),
                rx.spacer(),
                rx.cond(SessionState.is_authenticated, user_box()),
                align="center",
                width="100%",
                wrap="wrap",
                spacing="3",
            ),
            rx.cond(SessionState.is_authenticated, main_nav()) if with_nav else rx.fragment(),
            style=styles.CONTAINER,
        ),
        style=styles.HEADER,
    )


def site_footer() -> rx.Component:
    return rx.el.footer(
        rx.box(
            rx.text(
                f"{PRODUCT_NAME} est un logiciel libre indépendant. Ce n'est pas un service officiel "
                "de l'administration des douanes.",
                size="1",
                color_scheme="gray",
            ),
            rx.hstack(
                rx.link("Assistance", href=routes.ASSISTANCE, size="1"),
                rx.link("Documentation réglementaire", href=routes.AIDE, size="1"),
                rx.link("Votre avis nous intéresse", href=routes.AVIS, size="1", id="footer-survey"),
                rx.cond(
                    SessionState.is_authenticated & (SessionState.role != "admin"),
                    rx.link(
                        "Signaler un problème",
                        # the page it is opened from goes with it (« Page concernée »)
                        # (its query too: the form's « ?dossier=42 » names the dossier)
                        href=routes.ASSISTANCE_TECHNIQUE
                        + "?page="
                        + rx.State.router.url.path
                        + rx.cond(rx.State.router.url.query != "", "?" + rx.State.router.url.query, ""),
                        size="1",
                        id="footer-ticket",
                    ),
                ),
                rx.link("Conditions générales d'utilisation", href=routes.CGU, size="1"),
                spacing="4",
                wrap="wrap",
            ),
            style=styles.CONTAINER,
        ),
        style=styles.FOOTER,
    )


def idle_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Votre session va expirer"),
            rx.alert_dialog.description(
                "Sans action de votre part, vous serez déconnecté à ",
                rx.text.strong(SessionState.idle_logout_at),
                " pour protéger vos données. Les informations non sauvegardées seraient perdues.",
            ),
            rx.flex(
                rx.alert_dialog.action(
                    rx.button("Rester connecté", on_click=SessionState.stay_connected, id="stay-connected"),
                ),
                rx.button(
                    "Se déconnecter",
                    variant="soft",
                    color_scheme="gray",
                    on_click=SessionState.logout,
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
            ),
            id="idle-dialog",
        ),
        open=SessionState.idle_warning_open,
    )


def loading() -> rx.Component:
    return rx.center(rx.spinner(size="3"), rx.text("Chargement…", size="2"), padding="4em", spacing="2")


def page_shell(*children: rx.Component, protected: bool = True, with_nav: bool = True) -> rx.Component:
    """The frame of every page. Protected content only renders once the guard has passed."""
    body = rx.box(*children, style=styles.CONTAINER)
    return rx.box(
        skip_link(),
        demo_banner(),
        site_header(with_nav=with_nav),
        rx.el.main(
            rx.cond(SessionState.is_authenticated, body, loading()) if protected else body,
            id="contenu",
            tab_index=-1,
            style=styles.MAIN,
        ),
        site_footer(),
        idle_dialog(),
        style=styles.PAGE,
    )
