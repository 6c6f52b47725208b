"""Questions to a customs service: the list (the asker's side, or the service's agents) and a thread."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.questions import STATUS_LABELS, QuestionStatus
from ..domain.roles import Role
from ..state.questions import QuestionsState as Q
from ..state.session import SessionState
from .registry import page

_ASKERS = frozenset({Role.OPERATEUR, Role.REPRESENTANT})
_WHO = _ASKERS | {Role.AGENT}
_STATUS_COLORS = (
    (QuestionStatus.OUVERTE.value, "orange"),
    (QuestionStatus.REPONDUE.value, "green"),
    "gray",
)


def _customs() -> rx.Var:
    return SessionState.role == Role.AGENT.value


def status_badge(status: rx.Var, label: rx.Var) -> rx.Component:
    return rx.badge(label, color_scheme=rx.match(status, *_STATUS_COLORS), class_name="question-status")


def _table() -> rx.Component:
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell("Objet"),
                rx.table.column_header_cell(rx.cond(_customs(), "Entreprise", "Service")),
                rx.table.column_header_cell("Dossier"),
                rx.table.column_header_cell("Statut"),
                rx.table.column_header_cell("Dernier message"),
            )
        ),
        rx.table.body(
            rx.foreach(
                Q.rows,
                lambda r: rx.table.row(
                    rx.table.cell(rx.link(r["subject"], href=routes.question_path(r["id"]))),
                    rx.table.cell(rx.cond(_customs(), r["company"], r["service"])),
                    rx.table.cell(rx.cond(r["dossier_numero"] != "", r["dossier_numero"], "—")),
                    rx.table.cell(status_badge(r["status"], r["status_label"])),
                    rx.table.cell(r["updated_at"]),
                ),
            )
        ),
        width="100%",
        id="questions-table",
    )


@page(
    routes.QUESTIONS,
    "Questions au service des douanes",
    roles=_WHO,
    on_load=Q.load_list,
    nav=((_ASKERS, "Mes questions"), (frozenset({Role.AGENT}), "Questions")),
    nav_order=35,
)
def questions_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading(
                rx.cond(_customs(), "Questions des opérateurs", "Mes questions au service des douanes"),
                size="7",
                as_="h1",
            ),
            rx.cond(
                _customs(),
                rx.text(
                    Q.waiting.to(str),
                    " question(s) en attente de réponse du service.",
                    id="questions-waiting",
                ),
                rx.link(
                    "Poser une nouvelle question",
                    href=routes.ASSISTANCE + "#poser-question",
                    id="new-question",
                ),
            ),
            rx.hstack(
                rx.el.label("Statut", html_for="questions-status"),
                rx.el.select(
                    rx.el.option("Toutes", value=""),
                    *[rx.el.option(label, value=status.value) for status, label in STATUS_LABELS.items()],
                    value=Q.status,
                    on_change=Q.filter_status,
                    id="questions-status",
                ),
                align="center",
                spacing="2",
            ),
            rx.cond(
                Q.rows.length() > 0,  # type: ignore[attr-defined]
                _table(),
                rx.text("Aucune question.", id="questions-empty"),
            ),
            spacing="4",
            width="100%",
        )
    )


def _message(m: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.icon(rx.cond(m["by_customs"] == "True", "landmark", "user"), size=16, aria_hidden="true"),
            rx.text(m["author"], weight="bold", size="2"),
            rx.text("·", size="2", color_scheme="gray"),
            rx.text(m["at"], size="2", color_scheme="gray"),
            spacing="2",
            align="center",
        ),
        rx.text(m["body"], white_space="pre-wrap", size="2", margin_top="0.4rem"),
        width="100%",
        class_name="question-message",
        background=rx.cond(m["by_customs"] == "True", rx.color("accent", 2), rx.color("gray", 2)),
    )


def _reply_form() -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.cond(_customs(), "Votre réponse", "Votre message"), html_for="question-reply"),
        rx.text_area(value=Q.reply, on_change=Q.set_reply, rows="5", width="100%", id="question-reply"),
        rx.cond(
            Q.error != "",
            rx.callout(Q.error, icon="triangle-alert", color_scheme="red", role="alert", id="question-error"),
        ),
        rx.hstack(
            rx.button(
                rx.icon("send", size=16),
                rx.cond(_customs(), "Répondre", "Envoyer"),
                on_click=Q.send_reply,
                loading=Q.busy,
                id="question-send",
            ),
            rx.button(
                "Clore la question",
                variant="soft",
                color_scheme="gray",
                on_click=Q.close_question,
                disabled=Q.busy,
                id="question-close",
            ),
            spacing="3",
        ),
        spacing="2",
        width="100%",
    )


@page(routes.QUESTION, "Question au service des douanes", roles=_WHO, on_load=Q.load_thread)
def question_page() -> rx.Component:
    q = Q.question
    return page_shell(
        rx.vstack(
            rx.link("← Toutes les questions", href=routes.QUESTIONS, size="2"),
            rx.cond(
                Q.missing,
                rx.callout(
                    "Cette question est introuvable ou vous n'êtes pas habilité à la consulter.",
                    icon="circle-help",
                    id="question-not-found",
                ),
                rx.vstack(
                    rx.heading(q["subject"], size="7", as_="h1", id="question-subject"),
                    rx.hstack(
                        status_badge(q["status"], q["status_label"]),
                        rx.text(q["service"], " · ", q["company"], size="2", color_scheme="gray"),
                        rx.cond(
                            q["dossier_id"] != "0",
                            rx.link(
                                "Dossier " + q["dossier_numero"],
                                href=routes.dossier_path(q["dossier_id"]),
                                size="2",
                                id="question-dossier",
                            ),
                        ),
                        spacing="3",
                        align="center",
                        wrap="wrap",
                    ),
                    rx.vstack(
                        rx.foreach(Q.messages, _message), spacing="3", width="100%", id="question-thread"
                    ),
                    rx.cond(
                        Q.may_reply, _reply_form(), rx.text("Cette question est close.", id="question-closed")
                    ),
                    spacing="4",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
            max_width="48rem",
        )
    )
