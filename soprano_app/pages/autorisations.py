"""« Mes autorisations » (guide §5): the list, and each authorisation with the data granted."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.fact import fact
from ..components.layout import page_shell
from ..components.recap_view import recap_rubriques
from ..domain.roles import CUSTOMS_ROLES, DOSSIER_ROLES, OPERATOR_ROLES, Role
from ..state.authorisations import AuthorisationsState
from ..state.session import SessionState
from .registry import page

STATUS_COLORS = (("EN_VIGUEUR", "green"), ("A_VENIR", "blue"), ("EXPIREE", "gray"))


def _row(row: rx.Var) -> rx.Component:
    is_customs = SessionState.role == Role.AGENT.value
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link(row["numero"], href=routes.authorisation_path(row["id"]), weight="medium")
        ),
        rx.cond(is_customs, rx.table.cell(row["titulaire"])),
        rx.table.cell(row["regime_label"]),
        rx.table.cell(row["valid_from"]),
        rx.table.cell(row["valid_to"]),
        rx.table.cell(
            rx.badge(row["status_label"], color_scheme=rx.match(row["status"], *STATUS_COLORS, "gray"))
        ),
        rx.table.cell(rx.link(row["dossier_numero"], href=routes.dossier_path(row["dossier_id"]))),
    )


def pager() -> rx.Component:
    return rx.hstack(
        rx.text(AuthorisationsState.total, " autorisation(s)", size="2", color_scheme="gray"),
        rx.spacer(),
        rx.cond(
            AuthorisationsState.page_count > 1,
            rx.hstack(
                rx.button(
                    rx.icon("chevron-left", size=14),
                    "Précédente",
                    variant="soft",
                    disabled=AuthorisationsState.page <= 1,
                    on_click=AuthorisationsState.go_to_page(AuthorisationsState.page - 1),
                ),
                rx.text("Page ", AuthorisationsState.page, " sur ", AuthorisationsState.page_count, size="2"),
                rx.button(
                    "Suivante",
                    rx.icon("chevron-right", size=14),
                    variant="soft",
                    disabled=AuthorisationsState.page >= AuthorisationsState.page_count,
                    on_click=AuthorisationsState.go_to_page(AuthorisationsState.page + 1),
                ),
                align="center",
                spacing="3",
            ),
        ),
        width="100%",
        align="center",
    )


@page(
    routes.AUTORISATIONS,
    "Mes autorisations",
    on_load=AuthorisationsState.load_list,
    roles=DOSSIER_ROLES,
    nav=((OPERATOR_ROLES, "Mes autorisations"), (CUSTOMS_ROLES, "Autorisations délivrées")),
    nav_order=30,
)
def liste_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading(
                rx.cond(
                    SessionState.role == Role.AGENT.value, "Autorisations délivrées", "Mes autorisations"
                ),
                size="7",
                as_="h1",
            ),
            rx.cond(
                SessionState.company_name != "",
                rx.text(
                    "Autorisations de régime particulier délivrées à ",
                    rx.text.strong(SessionState.company_name),
                    ".",
                    color_scheme="gray",
                ),
                rx.text(
                    "Autorisations délivrées par ",
                    rx.text.strong(SessionState.service_name),
                    ".",
                    color_scheme="gray",
                ),
            ),
            rx.cond(
                AuthorisationsState.rows.length() > 0,
                rx.vstack(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell("Numéro"),
                                rx.cond(
                                    SessionState.role == Role.AGENT.value,
                                    rx.table.column_header_cell("Titulaire"),
                                ),
                                *[
                                    rx.table.column_header_cell(h)
                                    for h in (
                                        "Régime",
                                        "Prise d'effet",
                                        "Fin de validité",
                                        "Statut",
                                        "Dossier",
                                    )
                                ],
                            )
                        ),
                        rx.table.body(rx.foreach(AuthorisationsState.rows, _row)),
                        variant="surface",
                        width="100%",
                        id="authorisations-table",
                    ),
                    pager(),
                    width="100%",
                    spacing="3",
                ),
                rx.card(
                    rx.vstack(
                        rx.icon("badge-check", size=32, color=rx.color("gray", 9)),
                        rx.heading("Aucune autorisation pour le moment", size="4", as_="h2"),
                        rx.text(
                            "Lorsqu'une demande est accordée par le service des douanes, l'autorisation apparaît ici.",
                            color_scheme="gray",
                            text_align="center",
                        ),
                        align="center",
                        spacing="2",
                        padding="1.5em",
                    ),
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
        )
    )


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
                        wrap="wrap",
                        spacing="3",
                        align="center",
                    ),
                    follow_up_notes(),
                    lineage_links(),
                    rx.card(
                        rx.grid(
                            fact("Titulaire", a["titulaire"]),
                            fact("Régime", a["regime_label"]),
                            fact("Code du type de décision", a["type_code"]),
                            fact(
                                "Statut",
                                rx.badge(
                                    a["status_label"],
                                    color_scheme=rx.match(a["status"], *STATUS_COLORS, "gray"),
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
