"""« Assistance technique »: a request to the support, « Mes demandes d'assistance », one request, and
the support's queue (the administrator)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.attachments import named_file_input
from ..components.layout import page_shell
from ..domain.roles import Role
from ..domain.tickets import CATEGORY_LABELS, STATUS_LABELS, TicketStatus
from ..state.tickets import UPLOAD_ID
from ..state.tickets import TicketsState as T
from .registry import page

_USERS = frozenset(r for r in Role if r not in (Role.ADMIN, Role.SYSTEME))
_EVERYONE = frozenset(r for r in Role if r is not Role.SYSTEME)
_STATUS_COLORS = ((TicketStatus.OUVERTE.value, "orange"), (TicketStatus.REPONDUE.value, "green"), "gray")


def _status(status: rx.Var, label: rx.Var) -> rx.Component:
    return rx.badge(label, color_scheme=rx.match(status, *_STATUS_COLORS), class_name="ticket-status")


def _error() -> rx.Component:
    return rx.cond(
        T.error != "",
        rx.callout(T.error, icon="triangle-alert", color_scheme="red", role="alert", id="ticket-error"),
    )


def _form() -> rx.Component:
    send = rx.cond(
        rx.selected_files(UPLOAD_ID).length() > 0,
        rx.button(
            rx.icon("send", size=16),
            "Envoyer la demande",
            on_click=T.send_with_screenshot(rx.upload_files(upload_id=UPLOAD_ID)),
            loading=T.busy,
            id="ticket-send",
        ),
        rx.button(
            rx.icon("send", size=16), "Envoyer la demande", on_click=T.send, loading=T.busy, id="ticket-send"
        ),
    )
    return rx.card(
        rx.vstack(
            rx.heading("Signaler un problème", size="4", as_="h2"),
            rx.el.label("Catégorie", html_for="ticket-category"),
            rx.el.select(
                rx.el.option("Choisissez une catégorie", value=""),
                *[rx.el.option(label, value=category.value) for category, label in CATEGORY_LABELS.items()],
                value=T.category,
                on_change=T.set_category,
                id="ticket-category",
            ),
            rx.el.label(
                "Description (ce que vous faisiez, ce qui s'est affiché)", html_for="ticket-description"
            ),
            rx.text_area(
                value=T.description,
                on_change=T.set_description,
                rows="6",
                width="100%",
                id="ticket-description",
            ),
            rx.cond(
                T.page != "",
                rx.text("Page concernée : ", rx.code(T.page), size="2", id="ticket-page"),
            ),
            named_file_input(
                rx.upload.root(
                    rx.hstack(
                        rx.icon("image", size=18, color=rx.color("accent", 9)),
                        rx.text("Capture d'écran (facultatif, PNG, JPEG ou PDF, 5 Mo) :", size="2"),
                        rx.button("Choisir un fichier", variant="soft", size="1", type="button"),
                        align="center",
                        spacing="2",
                        wrap="wrap",
                    ),
                    id=UPLOAD_ID,
                    multiple=False,
                    accept={
                        "image/png": [".png"],
                        "image/jpeg": [".jpg", ".jpeg"],
                        "application/pdf": [".pdf"],
                    },
                    max_files=1,
                    class_name="dropzone dropzone-compact",
                ),
                "Capture d'écran",
            ),
            rx.foreach(
                rx.selected_files(UPLOAD_ID),
                lambda name: rx.text(
                    rx.icon("file", size=14), " ", name, size="2", class_name="selected-file"
                ),
            ),
            _error(),
            send,
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _list(title: str, with_author: bool) -> rx.Component:
    return rx.vstack(
        rx.heading(title, size="4", as_="h2"),
        rx.cond(
            T.rows.length() > 0,  # type: ignore[attr-defined]
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Référence"),
                        rx.table.column_header_cell("Catégorie"),
                        *([rx.table.column_header_cell("Demandeur")] if with_author else []),
                        rx.table.column_header_cell("Statut"),
                        rx.table.column_header_cell("Dernier message"),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        T.rows,
                        lambda r: rx.table.row(
                            rx.table.cell(rx.link(r["reference"], href=routes.ticket_path(r["id"]))),
                            rx.table.cell(r["category"]),
                            *([rx.table.cell(r["author"])] if with_author else []),
                            rx.table.cell(_status(r["status"], r["status_label"])),
                            rx.table.cell(r["updated_at"]),
                        ),
                    )
                ),
                width="100%",
                id="tickets-table",
            ),
            rx.text("Aucune demande.", id="tickets-empty"),
        ),
        spacing="2",
        width="100%",
    )


@page(routes.ASSISTANCE_TECHNIQUE, "Assistance technique", roles=_USERS, on_load=T.load_mine)
def technical_support_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Assistance technique", size="7", as_="h1"),
            rx.text(
                "Une anomalie, une page qui ne s'affiche pas, un message inattendu ? Décrivez-le : l'équipe qui "
                "exploite ce service vous répond ici et par courriel.",
                size="2",
            ),
            _form(),
            _list("Mes demandes d'assistance", with_author=False),
            spacing="4",
            width="100%",
            max_width="52rem",
        )
    )


@page(
    routes.SUPPORT,
    "Support",
    roles=frozenset({Role.ADMIN}),
    on_load=T.load_queue,
    nav=((frozenset({Role.ADMIN}), "Support"),),
    nav_order=20,
)
def support_queue_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Demandes d'assistance technique", size="7", as_="h1"),
            rx.text(T.waiting.to(str), " demande(s) en attente du support.", id="tickets-waiting"),
            rx.hstack(
                rx.el.label("Statut", html_for="tickets-status"),
                rx.el.select(
                    rx.el.option("Toutes", value=""),
                    *[rx.el.option(label, value=status.value) for status, label in STATUS_LABELS.items()],
                    value=T.status,
                    on_change=T.filter_status,
                    id="tickets-status",
                ),
                align="center",
                spacing="2",
            ),
            _list("File des demandes", with_author=True),
            spacing="4",
            width="100%",
        )
    )


def _message(m: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.icon(rx.cond(m["by_support"] == "True", "life-buoy", "user"), size=16, aria_hidden="true"),
            rx.text(m["author"], weight="bold", size="2"),
            rx.text("·", size="2", color_scheme="gray"),
            rx.text(m["at"], size="2", color_scheme="gray"),
            spacing="2",
            align="center",
        ),
        rx.text(m["body"], white_space="pre-wrap", size="2", margin_top="0.4rem"),
        width="100%",
        class_name="ticket-message",
    )


@page(routes.TICKET, "Demande d'assistance", roles=_EVERYONE, on_load=T.load_ticket)
def ticket_page() -> rx.Component:
    t = T.ticket
    return page_shell(
        rx.vstack(
            rx.cond(
                T.missing,
                rx.callout(
                    "Cette demande d'assistance est introuvable ou vous n'êtes pas habilité à la consulter.",
                    icon="circle-help",
                    id="ticket-not-found",
                ),
                rx.vstack(
                    rx.heading(
                        "Demande ", rx.el.span(t["reference"], id="ticket-reference"), size="7", as_="h1"
                    ),
                    rx.hstack(
                        _status(t["status"], t["status_label"]),
                        rx.text(
                            t["category"],
                            " · ",
                            t["author"],
                            " · ",
                            t["created_at"],
                            size="2",
                            color_scheme="gray",
                        ),
                        spacing="3",
                        align="center",
                        wrap="wrap",
                    ),
                    rx.card(
                        rx.text(
                            t["description"], white_space="pre-wrap", size="2", id="ticket-description-shown"
                        ),
                        rx.cond(t["page"] != "", rx.text("Page concernée : ", rx.code(t["page"]), size="1")),
                        rx.cond(
                            t["screenshot_url"] != "",
                            rx.el.a(
                                rx.icon("image", size=14),
                                " ",
                                t["screenshot_name"],
                                href=t["screenshot_url"],
                                download="",
                                reload_document=True,
                                class_name="download-link",
                                id="ticket-screenshot-link",
                            ),
                        ),
                        width="100%",
                    ),
                    rx.vstack(
                        rx.foreach(T.messages, _message), spacing="3", width="100%", id="ticket-thread"
                    ),
                    rx.cond(
                        T.may_reply,
                        rx.vstack(
                            rx.el.label("Votre message", html_for="ticket-reply"),
                            rx.text_area(
                                value=T.reply,
                                on_change=T.set_reply,
                                rows="4",
                                width="100%",
                                id="ticket-reply",
                            ),
                            _error(),
                            rx.hstack(
                                rx.button(
                                    rx.icon("send", size=16),
                                    "Envoyer",
                                    on_click=T.send_reply,
                                    loading=T.busy,
                                    id="ticket-send-reply",
                                ),
                                rx.button(
                                    "Clore la demande",
                                    variant="soft",
                                    color_scheme="gray",
                                    on_click=T.close_ticket,
                                    disabled=T.busy,
                                    id="ticket-close",
                                ),
                                spacing="3",
                            ),
                            spacing="2",
                            width="100%",
                        ),
                        rx.text("Cette demande est close.", id="ticket-closed"),
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
