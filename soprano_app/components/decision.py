"""The decision phase on a dossier page: time limit, open request, steps, comments."""

from __future__ import annotations

import reflex as rx

from ..state.attachments import AttachmentsState
from ..state.comments import CommentState
from ..state.decision import DecisionState
from ..state.dossier import DossierState
from .fact import fact
from .form_field import server_echo


def rdc11_notice() -> rx.Component:
    """Customs: this application comes within a year of a revocation or annulment (RDC 11)."""
    return rx.cond(
        DecisionState.rdc11_ground != "",
        rx.callout(
            DecisionState.rdc11_ground + " « Déclarer la demande irrecevable » reprend ce motif.",
            icon="ban",
            color_scheme="red",
            id="rdc11-notice",
        ),
    )


def rights_notice() -> rx.Component:
    return rx.cond(
        DecisionState.rights_notice != "",
        rx.callout(
            DecisionState.rights_notice, icon="lock", color_scheme="gray", id="rights-notice", width="100%"
        ),
    )


def deadline_notice() -> rx.Component:
    return rx.cond(
        DecisionState.deadline_notice != "",
        rx.callout(
            DecisionState.deadline_notice,
            icon="alarm-clock-off",
            color_scheme="red",
            role="alert",
            id="deadline-notice",
            width="100%",
        ),
    )


def clock_card() -> rx.Component:
    c = DecisionState.clock
    return rx.cond(
        DecisionState.clock.contains("phase"),
        rx.card(
            rx.hstack(
                rx.icon(
                    "timer",
                    size=20,
                    color=rx.cond(c["overdue"].to(bool), rx.color("red", 10), rx.color("accent", 10)),
                ),
                rx.heading("Délai légal : ", c["phase"].to(str), size="4", as_="h2"),
                align="center",
                spacing="2",
            ),
            rx.grid(
                fact("Point de départ", rx.text(c["start"].to(str))),
                fact("Échéance", rx.text(c["due"].to(str), weight="bold", id="clock-due")),
                fact(
                    "Jours restants",
                    rx.badge(
                        c["days_left"].to(str),
                        color_scheme=rx.cond(
                            c["overdue"].to(bool), "red", rx.cond(c["paused"].to(bool), "amber", "green")
                        ),
                        id="clock-left",
                    ),
                ),
                rx.cond(
                    c["reply_due"].to(str) != "",
                    fact(
                        c["reply_label"].to(str),
                        rx.text(c["reply_due"].to(str), weight="bold", id="reply-due"),
                    ),
                ),
                columns={"initial": "2", "md": "4"},
                spacing_x="5",
                spacing_y="3",
                margin_top="0.5rem",
            ),
            rx.cond(
                c["extensions"].to(list[dict[str, str]]).length() > 0,
                rx.box(
                    rx.text("Prolongations", weight="medium", size="2", margin_top="0.5rem"),
                    rx.el.ul(
                        rx.foreach(
                            c["extensions"].to(list[dict[str, str]]),
                            lambda e: rx.el.li(
                                rx.text(e["date"], " : +", e["days"], " jours — ", e["reason"], size="2")
                            ),
                        ),
                        class_name="summary-list",
                        id="clock-extensions",
                    ),
                ),
            ),
            rx.text(
                "Délais en jours calendaires ; un délai qui finit un samedi, un dimanche ou un jour férié est reporté "
                "au jour ouvrable suivant.",
                size="1",
                color_scheme="gray",
                margin_top="0.5rem",
            ),
            width="100%",
            id="clock",
        ),
    )


def _reply_field(field: rx.Var) -> rx.Component:
    field_id = field["id"].to(str)
    value = DecisionState.replies[field_id].to(str)
    return rx.box(
        rx.el.label(field["label"].to(str), html_for="reply-" + field_id, class_name="field-label"),
        rx.text(field["infobulle"].to(str), size="1", color_scheme="gray"),
        rx.match(
            field["kind"].to(str),
            (
                "booleen",
                rx.radio_group(
                    ["oui", "non"],
                    value=value,
                    on_change=lambda v: DecisionState.set_reply(field_id, v),
                    direction="row",
                    id="reply-" + field_id,
                ),
            ),
            (
                "enum",
                rx.el.select(
                    rx.el.option("— Choisir —", value=""),
                    rx.foreach(
                        field["options"].to(list[dict[str, str]]),
                        lambda o: rx.el.option(o["label"], value=o["code"]),
                    ),
                    value=value,
                    on_change=lambda v: DecisionState.set_reply(field_id, v),
                    id="reply-" + field_id,
                    class_name="native-select",
                ),
            ),
            (
                "texte_long",
                rx.text_area(
                    value=value,
                    on_change=lambda v: DecisionState.set_reply(field_id, v),
                    debounce_timeout=150,
                    custom_attrs=server_echo(value),
                    id="reply-" + field_id,
                    width="100%",
                ),
            ),
            rx.input(
                value=value,
                on_change=lambda v: DecisionState.set_reply(field_id, v),
                debounce_timeout=150,
                custom_attrs=server_echo(value),
                id="reply-" + field_id,
                width="100%",
            ),
        ),
        class_name="field",
    )


def request_card() -> rx.Component:
    r = DecisionState.request
    # The operator's side answers here, if its role in the company lets it (« Dépôt »).
    operator = (DecisionState.side == "operateur") & (DecisionState.rights_notice == "")
    return rx.cond(
        DecisionState.request.contains("id"),
        rx.card(
            rx.hstack(
                rx.icon("message-circle-question", size=20, color=rx.color("orange", 10)),
                rx.heading(r["label"].to(str), size="4", as_="h2"),
                spacing="2",
                align="center",
            ),
            rx.text(r["message"].to(str), white_space="pre-wrap", margin_top="0.5rem", id="request-message"),
            rx.text(
                "Réponse attendue avant le ",
                rx.text.strong(r["due"].to(str)),
                rx.cond(r["overdue"].to(bool), rx.text.span(" — délai dépassé", color=rx.color("red", 10))),
                size="2",
                margin_top="0.5rem",
            ),
            rx.cond(
                operator,
                rx.vstack(
                    rx.cond(
                        r["fields"].to(list[dict]).length() > 0,
                        rx.box(
                            rx.text("Champs rouverts par le service", weight="bold", size="2"),
                            rx.foreach(r["fields"].to(list[dict]), _reply_field),
                            width="100%",
                        ),
                    ),
                    rx.text(
                        "Joignez les documents demandés (ils s'ajoutent aux pièces jointes du dossier), "
                        "puis envoyez votre réponse.",
                        size="2",
                    ),
                    rx.hstack(
                        rx.button(
                            rx.icon("paperclip", size=16),
                            "Joindre des documents",
                            variant="soft",
                            type="button",
                            on_click=AttachmentsState.open_upload(""),
                            id="reply-attach",
                            size="3",
                        ),
                        rx.button(
                            rx.icon("reply", size=16),
                            "Répondre",
                            on_click=DecisionState.open_action("repondre"),
                            id="btn-repondre",
                            size="3",
                        ),
                        spacing="3",
                        wrap="wrap",
                    ),
                    spacing="3",
                    width="100%",
                    margin_top="0.75rem",
                ),
                rx.text("En attente de la réponse de l'opérateur.", size="2", color_scheme="gray"),
            ),
            width="100%",
            id="request",
            class_name="request-card",
        ),
    )


def actions_panel() -> rx.Component:
    return rx.cond(
        DecisionState.actions.length() > 0,
        rx.card(
            rx.heading(rx.cond(DecisionState.side == "douane", "Instruction", "Actions"), size="4", as_="h2"),
            rx.flex(
                rx.foreach(
                    DecisionState.actions,
                    lambda a: rx.cond(
                        a["action"].to(str) != "repondre",
                        rx.button(
                            a["label"].to(str),
                            variant=rx.cond(a["danger"].to(bool), "outline", "soft"),
                            color_scheme=rx.cond(a["danger"].to(bool), "red", "teal"),
                            on_click=DecisionState.open_action(a["action"].to(str)),
                            id="act-" + a["action"].to(str),
                        ),
                    ),
                ),
                wrap="wrap",
                spacing="2",
                margin_top="0.5rem",
            ),
            rx.cond(
                DecisionState.grant_blocked != "",
                rx.callout(
                    rx.text(rx.text.strong("Accorder l'autorisation : "), DecisionState.grant_blocked),
                    icon="lock",
                    size="1",
                    color_scheme="amber",
                    margin_top="0.75rem",
                    id="grant-blocked",
                ),
            ),
            width="100%",
            id="actions",
        ),
    )


def comment_box() -> rx.Component:
    return rx.cond(
        DecisionState.can_comment,
        rx.box(
            rx.el.label("Laisser un commentaire", html_for="comment", class_name="field-label"),
            rx.text_area(
                value=CommentState.comment,
                on_change=CommentState.set_comment,
                custom_attrs=server_echo(CommentState.comment),
                debounce_timeout=150,
                rows="3",
                width="100%",
                id="comment",
                placeholder="Votre message apparaîtra dans l'historique du dossier, visible des deux parties.",
            ),
            rx.cond(
                CommentState.comment_error != "",
                rx.text(CommentState.comment_error, color_scheme="red", size="2", role="alert"),
            ),
            rx.button(
                rx.icon("send", size=14),
                "Publier le commentaire",
                on_click=CommentState.post_comment,
                disabled=CommentState.busy,
                id="btn-comment",
                margin_top="0.5rem",
            ),
            width="100%",
        ),
    )


def history_filter() -> rx.Component:
    return rx.el.label(
        rx.checkbox(
            checked=DossierState.only_comments,
            on_change=DossierState.set_only_comments,
            id="only-comments",
            aria_label="Afficher uniquement les commentaires",
        ),
        rx.text("Afficher uniquement les commentaires", size="2"),
        class_name="choice",
    )
