"""One authorisation (guide §5): its data as granted, its versions and lineage, its PDF, and the
holder's « avenant » and « renouvellement » requests."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.authorisation_life import life_history, procedure_panel, step_dialog
from ..components.fact import fact
from ..components.layout import page_shell
from ..components.recap_view import recap_rubriques
from ..domain.roles import DOSSIER_ROLES
from ..state.authorisations import AuthorisationsState
from .autorisations import STATUS_COLORS
from .registry import page

FOLLOW_UP_LABELS = (("2", "Demander une modification (avenant)"), ("3", "Demander le renouvellement"))


def follow_up_button(option: rx.Var) -> rx.Component:
    return rx.cond(
        option["refused"] == "",
        rx.button(
            rx.icon(rx.match(option["kind"], ("2", "file-pen"), "refresh-cw"), size=16),
            rx.match(option["kind"], *FOLLOW_UP_LABELS, "Demander"),
            variant="soft",
            size="3",
            loading=AuthorisationsState.starting,
            on_click=AuthorisationsState.start_follow_up(option["kind"]),
            id="start-" + option["kind"],
        ),
    )


def follow_up_notes() -> rx.Component:
    """Why a button is missing (an avenant already open, an expired authorisation…)."""
    return rx.fragment(
        rx.foreach(
            AuthorisationsState.follow_ups,
            lambda o: rx.cond(
                o["refused"] != "",
                rx.text(
                    rx.icon("info", size=14, display="inline", vertical_align="middle"),
                    " ",
                    o["label"],
                    " : ",
                    o["refused"],
                    " ",
                    rx.cond(
                        o["open_dossier_id"] != "0",
                        rx.link("Ouvrir le dossier", href=routes.dossier_path(o["open_dossier_id"])),
                    ),
                    size="2",
                    color_scheme="gray",
                    class_name="follow-up-note",
                ),
            ),
        ),
        rx.cond(
            AuthorisationsState.follow_up_error != "",
            rx.callout(
                AuthorisationsState.follow_up_error,
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                id="follow-up-error",
            ),
        ),
    )


def lineage_links() -> rx.Component:
    return rx.fragment(
        rx.cond(
            AuthorisationsState.replaced_by.contains("numero"),
            rx.callout(
                rx.text(
                    "Renouvelée par l'autorisation n° ",
                    rx.link(
                        AuthorisationsState.replaced_by["numero"],
                        href=routes.authorisation_path(AuthorisationsState.replaced_by["id"]),
                    ),
                    ".",
                ),
                icon="refresh-cw",
                id="replaced-by",
            ),
        ),
        rx.cond(
            AuthorisationsState.replaces.contains("numero"),
            rx.callout(
                rx.text(
                    "Renouvelle l'autorisation n° ",
                    rx.link(
                        AuthorisationsState.replaces["numero"],
                        href=routes.authorisation_path(AuthorisationsState.replaces["id"]),
                    ),
                    ".",
                ),
                icon="history",
                color_scheme="gray",
                id="replaces",
            ),
        ),
    )


def versions_table() -> rx.Component:
    return rx.box(
        rx.heading("Historique de l'autorisation", size="5", as_="h2", margin_bottom="0.5rem"),
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    *[
                        rx.table.column_header_cell(h)
                        for h in (
                            "Version",
                            "Objet",
                            "Prise d'effet",
                            "Fin de validité",
                            "Accordée le",
                            "Garantie",
                            "Dossier",
                        )
                    ]
                )
            ),
            rx.table.body(
                rx.foreach(
                    AuthorisationsState.versions,
                    lambda v: rx.table.row(
                        rx.table.row_header_cell(v["label"]),
                        rx.table.cell(rx.text(v["objet"], white_space="pre-wrap")),
                        rx.table.cell(v["effective_from"]),
                        rx.table.cell(v["valid_to"]),
                        rx.table.cell(v["granted_at"], " — ", v["granted_by"]),
                        rx.table.cell(
                            rx.cond(v["guarantee"] != "", v["guarantee"], "—"), class_name="guarantee"
                        ),
                        rx.table.cell(
                            rx.link(v["dossier_numero"], href=routes.dossier_path(v["dossier_id"]))
                        ),
                    ),
                )
            ),
            variant="surface",
            size="1",
            width="100%",
            id="versions",
        ),
        width="100%",
    )


def print_on_a_date(authorisation_id: rx.Var) -> rx.Component:
    """The authorisation as it stood on a chosen date (version then in force, status then)."""
    return rx.hstack(
        rx.el.label("Situation au (JJ/MM/AAAA)", html_for="print-date", class_name="field-label"),
        rx.input(
            value=AuthorisationsState.print_date,
            on_change=AuthorisationsState.set_print_date,
            id="print-date",
            max_width="8.5rem",
            placeholder="JJ/MM/AAAA",
            custom_attrs={"data-server-value": AuthorisationsState.print_date},
        ),
        rx.cond(
            AuthorisationsState.print_iso != "",
            rx.button(
                rx.el.a(
                    rx.icon("calendar-clock", size=16),
                    "Imprimer à cette date",
                    href=routes.authorisation_pdf_path(authorisation_id)
                    + "?date="
                    + AuthorisationsState.print_iso,
                    download="",
                    reload_document=True,
                    id="authorisation-pdf-on-date",
                ),
                as_child=True,
                variant="soft",
            ),
            rx.button("Imprimer à cette date", variant="soft", disabled=True),
        ),
        align="center",
        spacing="2",
        wrap="wrap",
    )


@page(routes.AUTORISATION, "Autorisation", on_load=AuthorisationsState.load_one, roles=DOSSIER_ROLES)
def detail_page() -> rx.Component:
    a = AuthorisationsState.current
    return page_shell(
        rx.cond(
            AuthorisationsState.loaded,
            rx.cond(
                AuthorisationsState.current.contains("numero"),
                rx.vstack(
                    rx.heading(
                        "Autorisation n° ",
                        rx.el.span(a["numero"], id="authorisation-number"),
                        size="7",
                        as_="h1",
                    ),
                    rx.hstack(
                        rx.button(
                            rx.el.a(
                                rx.icon("printer", size=16),
                                "Imprimer / enregistrer (PDF)",
                                href=routes.authorisation_pdf_path(a["id"]),
                                download="",
                                reload_document=True,  # a server route, not a page (see attachments)
                                id="authorisation-pdf",
                            ),
                            as_child=True,
                            size="3",
                        ),
                        rx.foreach(AuthorisationsState.follow_ups, follow_up_button),
                        print_on_a_date(a["id"]),
                        wrap="wrap",
                        spacing="3",
                        align="center",
                    ),
                    follow_up_notes(),
                    lineage_links(),
                    procedure_panel(),
                    step_dialog(),
                    rx.card(
                        rx.grid(
                            fact("Titulaire", a["titulaire"]),
                            fact("Régime", a["regime_label"]),
                            fact("Code du type de décision", a["type_code"]),
                            fact(
                                "Statut",
                                rx.hstack(
                                    rx.badge(
                                        a["status_label"],
                                        color_scheme=rx.match(a["status"], *STATUS_COLORS, "gray"),
                                        id="authorisation-status",
                                    ),
                                    rx.cond(a["flag"] != "", rx.badge(a["flag"], variant="outline")),
                                    rx.cond(
                                        a["monitoring"] != "",
                                        rx.badge(a["monitoring"], variant="soft", color_scheme="amber"),
                                    ),
                                    spacing="1",
                                    wrap="wrap",
                                ),
                            ),
                            fact(
                                "Version",
                                rx.cond(
                                    a["version"] == "0", "Décision initiale", "Avenant n° " + a["version"]
                                ),
                            ),
                            fact("Prise d'effet", a["valid_from"]),
                            fact("Fin de validité", a["valid_to"]),
                            fact("Délivrée le", a["granted_at"]),
                            fact("Par", a["granted_by"]),
                            fact(
                                "Dossier de demande",
                                rx.link(a["dossier_numero"], href=routes.dossier_path(a["dossier_id"])),
                            ),
                            columns={"initial": "1", "sm": "2", "md": "3"},
                            spacing_x="5",
                            spacing_y="3",
                            width="100%",
                        ),
                        width="100%",
                    ),
                    versions_table(),
                    life_history(),
                    rx.heading("Données autorisées", size="5", as_="h2"),
                    recap_rubriques(AuthorisationsState.granted),
                    spacing="4",
                    width="100%",
                ),
                rx.callout(
                    "Cette autorisation est introuvable ou vous n'êtes pas habilité à la consulter.",
                    icon="shield-alert",
                    color_scheme="red",
                    role="alert",
                    id="authorisation-not-found",
                ),
            ),
            rx.center(rx.spinner(size="3"), padding="3em"),
        )
    )
