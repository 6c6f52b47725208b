"""Dossier page: its summary and history, for the operator and for the customs service."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.action_dialog import action_dialog
from ..components.attachments import attachments_panel, remove_dialog, upload_dialog
from ..components.changes import changes_card
from ..components.decision import (
    actions_panel,
    clock_card,
    comment_box,
    deadline_notice,
    history_filter,
    rdc11_notice,
    request_card,
    rights_notice,
)
from ..components.dossier_table import status_badge
from ..components.fact import fact
from ..components.follow import follow_card
from ..components.history import history_timeline
from ..components.layout import page_shell
from ..components.notes import notes_card
from ..components.recap_view import recap_rubriques
from ..domain.roles import DOSSIER_ROLES, Role
from ..domain.statuses import DossierStatus, Side
from ..state.decision import DecisionState
from ..state.dossier import DossierState
from ..state.session import SessionState
from .registry import page


def summary() -> rx.Component:
    """The dossier at a glance, in a grid so that the steps below stay within reach."""
    s = DossierState.summary
    return rx.card(
        rx.grid(
            fact("Opérateur", s["entreprise"]),
            fact("Régime", s["regime_label"]),
            fact("Type de demande", s["type_demande_label"]),
            fact("Statut", status_badge(s["statut_label"], s["bucket"], s["statut"])),
            fact("Service des douanes", s["service"]),
            fact("Échéance", s["echeance"]),
            fact("Créé le", s["created_at"]),
            fact("Déposé le", s["submitted_at"]),
            fact("Dernière modification", s["updated_at"]),
            columns={"initial": "1", "sm": "2", "md": "3"},
            spacing_x="5",
            spacing_y="3",
            width="100%",
        ),
        width="100%",
        id="dossier-summary",
    )


def decision_callout() -> rx.Component:
    """Once the application is closed: the decision, its grounds, and the authorisation if granted."""
    s = DossierState.summary
    granted = s["autorisation_numero"] != ""
    return rx.cond(
        s["decision_date"] != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("scale", size=18)),
            rx.vstack(
                rx.text(
                    rx.text.strong(s["statut_label"]),
                    " le ",
                    s["decision_date"],
                    rx.cond(
                        granted, rx.text.span(" — autorisation n° ", rx.text.strong(s["autorisation_numero"]))
                    ),
                ),
                rx.cond(
                    s["decision_text"] != "",
                    rx.text(s["decision_text"], white_space="pre-wrap", size="2"),
                ),
                rx.cond(
                    s["decision_notice"] != "",
                    rx.text(s["decision_notice"], size="2", weight="medium", id="decision-notice"),
                ),
                rx.cond(
                    granted,
                    rx.link(
                        "Voir l'autorisation",
                        href=routes.authorisation_path(s["autorisation_id"]),
                        id="link-authorisation",
                    ),
                ),
                spacing="1",
            ),
            color_scheme=rx.match(
                s["statut"],
                (DossierStatus.ACCORDEE.value, "green"),
                (DossierStatus.REFUSEE.value, DossierStatus.IRRECEVABLE.value, "red"),
                "gray",
            ),
            width="100%",
            id="decision",
        ),
    )


def not_found() -> rx.Component:
    return rx.callout(
        "Ce dossier est introuvable ou vous n'êtes pas habilité à le consulter.",
        icon="shield-alert",
        color_scheme="red",
        role="alert",
        id="dossier-not-found",
    )


@page(routes.DOSSIER, "Dossier — SOPRANO libre", on_load=DossierState.load, roles=DOSSIER_ROLES)
def dossier_page() -> rx.Component:
    return page_shell(
        rx.cond(
            DossierState.loaded,
            rx.cond(
                DossierState.found,
                rx.vstack(
                    rx.heading(
                        "Dossier ",
                        DossierState.summary["numero"],
                        size="7",
                        as_="h1",
                        id="dossier-title",
                        data_id=DossierState.summary["id"],  # which dossier the page shows (tests wait on it)
                    ),
                    summary(),
                    follow_card(),
                    rx.cond(
                        DossierState.is_draft | (DecisionState.side == Side.OPERATOR.value),
                        rx.hstack(
                            rx.cond(
                                DossierState.is_draft,
                                rx.link(
                                    rx.button(rx.icon("pencil", size=16), "Reprendre la saisie", size="3"),
                                    href=routes.formulaire_path(DossierState.summary["id"].to(str)),
                                    id="resume-draft",
                                ),
                            ),
                            rx.cond(
                                DecisionState.side == Side.OPERATOR.value,
                                rx.tooltip(
                                    rx.button(
                                        rx.icon("copy", size=16),
                                        "Dupliquer",
                                        on_click=DossierState.duplicate,
                                        size="3",
                                        variant="soft",
                                        id="duplicate-dossier",
                                    ),
                                    content="Nouvelle demande préremplie avec ces réponses "
                                    "(sans les dates, la validation ni les pièces jointes)",
                                ),
                            ),
                            spacing="3",
                            wrap="wrap",
                        ),
                    ),
                    decision_callout(),
                    changes_card(DossierState.origin, DossierState.changes),
                    deadline_notice(),
                    rights_notice(),
                    rdc11_notice(),
                    clock_card(),
                    request_card(),
                    actions_panel(),
                    notes_card(),
                    rx.card(attachments_panel(), width="100%"),
                    rx.cond(
                        DossierState.rubriques.length() > 0,
                        rx.el.details(
                            rx.el.summary(rx.text("La demande déposée", weight="bold", size="4", as_="span")),
                            rx.vstack(
                                recap_rubriques(DossierState.rubriques), spacing="3", margin_top="0.75rem"
                            ),
                            id="demande-deposee",
                            open=SessionState.role == Role.AGENT.value,
                            style={"width": "100%"},
                        ),
                    ),
                    rx.hstack(
                        rx.heading("Historique", size="5", as_="h2"),
                        rx.spacer(),
                        rx.el.a(
                            rx.icon("download", size=14, aria_hidden="true"),
                            " Dossier complet (ZIP)",
                            href=routes.dossier_zip_path(DossierState.summary["id"]),
                            download="",
                            reload_document=True,
                            title="La demande et l'historique en PDF, avec toutes les pièces jointes",
                            class_name="download-link export-link",
                            id="dossier-zip",
                        ),
                        history_filter(),
                        width="100%",
                        align="center",
                    ),
                    rx.cond(
                        DossierState.integrity != "",
                        rx.callout(
                            DossierState.integrity,
                            icon=rx.cond(DossierState.integrity_ok, "shield-check", "shield-alert"),
                            color_scheme=rx.cond(DossierState.integrity_ok, "green", "red"),
                            size="1",
                            id="history-integrity",
                            width="100%",
                        ),
                    ),
                    comment_box(),
                    rx.cond(
                        (DecisionState.side == Side.OPERATOR.value) & (DossierState.summary["service"] != ""),
                        rx.link(
                            rx.icon("messages-square", size=14),
                            " Poser une question au service sur ce dossier",
                            href=routes.ASSISTANCE
                            + "?dossier="
                            + DossierState.summary["id"]
                            + "#poser-question",
                            size="2",
                            id="ask-about-this-dossier",
                        ),
                    ),
                    history_timeline(DossierState.history, DossierState.only_comments),
                    upload_dialog(),
                    remove_dialog(),
                    action_dialog(),
                    spacing="4",
                    width="100%",
                ),
                not_found(),
            ),
            rx.center(rx.spinner(size="3"), padding="2em"),
        )
    )
