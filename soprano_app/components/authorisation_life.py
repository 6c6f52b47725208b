"""The life of an authorisation on its page: the procedure in progress (a projet awaiting the
holder's observations, the holder's request, a suspension), the steps offered to this side, their
dialog, and the history of the authorisation after its grant."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ArrayVar

from ..settings import settings
from ..state.authorisation_steps import CONFIRMATIONS, UPLOAD_ID
from ..state.authorisation_steps import AuthorisationStepsState as S
from .action_dialog import labelled_input, standard_texts_picker
from .attachments import ACCEPT, named_file_input, rejection_codes
from .form_field import server_echo
from .history import letter_link, notice_lines


def _step_button(step: rx.Var) -> rx.Component:
    return rx.button(
        step["label"],
        variant="soft",
        on_click=S.open_step(step["action"]),
        id="life-" + step["action"],
    )


def procedure_panel() -> rx.Component:
    """What is in progress and what this side may do now (nothing shown when nothing applies)."""
    return rx.cond(
        (S.steps.length() > 0)
        | S.hearing.contains("measure")
        | S.holder_request.contains("kind")
        | (S.suspended_until != ""),
        rx.card(
            rx.vstack(
                rx.heading("Vie de l'autorisation", size="4", as_="h2"),
                rx.cond(
                    S.reassessment_open,
                    rx.callout("Un réexamen de l'autorisation est en cours.", icon="search", size="1"),
                ),
                rx.cond(
                    S.hearing.contains("measure"),
                    rx.callout(
                        rx.vstack(
                            rx.text(
                                rx.text.strong(S.hearing["projet"]),
                                " — ",
                                S.hearing["state"],
                                ".",
                            ),
                            rx.text("Motifs : ", S.hearing["grounds"], white_space="pre-wrap"),
                            rx.cond(
                                S.hearing["answer"] != "",
                                rx.text("Observations : ", S.hearing["answer"], white_space="pre-wrap"),
                            ),
                            spacing="1",
                        ),
                        icon="scale",
                        color_scheme="orange",
                        id="life-hearing",
                    ),
                ),
                rx.cond(
                    S.holder_request.contains("kind"),
                    rx.callout(
                        rx.vstack(
                            rx.text(
                                rx.text.strong("Demande de ", S.holder_request["kind"], " du titulaire"),
                                " du ",
                                S.holder_request["at"],
                                rx.cond(
                                    S.holder_request["until"] != "",
                                    " (jusqu'au " + S.holder_request["until"] + ")",
                                    "",
                                ),
                                rx.cond(
                                    S.holder_request["effect"] != "",
                                    " (à compter du " + S.holder_request["effect"] + ")",
                                    "",
                                ),
                                ".",
                            ),
                            rx.cond(
                                S.holder_request["message"] != "",
                                rx.text(S.holder_request["message"], white_space="pre-wrap"),
                            ),
                            spacing="1",
                        ),
                        icon="hand",
                        id="life-holder-request",
                    ),
                ),
                rx.cond(
                    S.suspended_until != "",
                    rx.callout(
                        "Suspendue jusqu'au "
                        + S.suspended_until
                        + " : l'autorisation ne peut pas être utilisée pour de nouveaux placements sous le régime.",
                        icon="circle-pause",
                        color_scheme="orange",
                        id="life-suspension",
                    ),
                ),
                rx.cond(
                    S.steps.length() > 0,
                    rx.hstack(rx.foreach(S.steps, _step_button), wrap="wrap", spacing="2", id="life-steps"),
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
            id="life-panel",
        ),
    )


def _choice() -> rx.Component:
    return rx.cond(
        S.choice_label != "",
        rx.box(
            rx.el.label(
                S.choice_label,
                rx.el.span(" *", color=rx.color("red", 10)),
                html_for="life-choice",
                class_name="field-label",
            ),
            rx.el.select(
                rx.el.option("— Choisir —", value=""),
                rx.foreach(S.choice_options, lambda o: rx.el.option(o["label"], value=o["value"])),
                value=S.choice,
                on_change=S.set_choice,
                id="life-choice",
                class_name="native-select",
                custom_attrs=server_echo(S.choice),
            ),
            width="100%",
        ),
    )


def _confirmations() -> rx.Component:
    return rx.cond(
        S.asks_confirmations,
        rx.vstack(
            rx.text("Conditions de l'annulation (art. 27 CDU) — toutes requises", size="2", weight="medium"),
            *[
                rx.el.label(
                    rx.checkbox(
                        checked=S.confirmations.contains(item["key"]),
                        on_change=lambda checked, key=item["key"]: S.toggle_confirmation(key, checked),
                        id=f"life-condition-{item['key']}",
                        aria_label=item["label"],  # a Radix checkbox is a button: the label must name it
                    ),
                    rx.text(item["label"], size="2"),
                    class_name="choice",
                )
                for item in CONFIRMATIONS
            ],
            spacing="1",
        ),
    )


def _changes() -> rx.Component:
    """Modification d'office: pick a field, type its new value, add; the list of changes so far."""
    return rx.cond(
        S.asks_changes,
        rx.vstack(
            rx.el.label(
                rx.checkbox(
                    checked=S.adverse,
                    on_change=S.set_adverse,
                    id="life-adverse",
                    aria_label="Modification défavorable au titulaire (il a été entendu)",
                ),
                rx.text("Modification défavorable au titulaire (il a été entendu)", size="2"),
                class_name="choice",
            ),
            rx.hstack(
                rx.box(
                    rx.el.label("Donnée à modifier", html_for="life-field", class_name="field-label"),
                    rx.el.select(
                        rx.el.option("— Choisir —", value=""),
                        rx.foreach(S.fields, lambda f: rx.el.option(f["label"], value=f["id"])),
                        value=S.change_field,
                        on_change=S.pick_field,
                        id="life-field",
                        class_name="native-select",
                    ),
                    flex="1",
                ),
                labelled_input("Nouvelle valeur", "life-value", S.change_value, S.set_change_value),
                rx.button(
                    "Ajouter", variant="soft", on_click=S.add_change, id="life-add-change", type="button"
                ),
                align="end",
                spacing="2",
                width="100%",
                wrap="wrap",
            ),
            rx.foreach(
                S.changes,
                lambda c: rx.hstack(
                    rx.text(rx.text.strong(c["label"]), " → ", c["value"], size="2"),
                    rx.icon_button(
                        rx.icon("x", size=14),
                        size="1",
                        variant="ghost",
                        on_click=S.remove_change(c["id"]),
                        aria_label="Retirer " + c["label"],
                    ),
                    align="center",
                    class_name="life-change",
                ),
            ),
            spacing="2",
            width="100%",
        ),
    )


def _files() -> rx.Component:
    """The holder's documents for his observations or request, sent with the step."""
    return rx.cond(
        S.takes_files,
        rx.vstack(
            named_file_input(
                rx.upload.root(
                    rx.hstack(
                        rx.icon("paperclip", size=18, color=rx.color("accent", 9)),
                        rx.text("Pièces justificatives (facultatif) : glissez-déposez ou", size="2"),
                        rx.button("Choisir des fichiers", variant="soft", size="1", type="button"),
                        align="center",
                        spacing="2",
                        wrap="wrap",
                    ),
                    id=UPLOAD_ID,
                    multiple=True,
                    accept=ACCEPT,
                    max_size=settings.max_file_bytes,
                    max_files=10,
                    on_drop_rejected=lambda rejected: S.rejected(rejected.to(ArrayVar).map(rejection_codes)),
                    class_name="dropzone dropzone-compact",
                ),
                "Pièces justificatives",
            ),
            rx.foreach(
                rx.selected_files(UPLOAD_ID),
                lambda name: rx.text(
                    rx.icon("file", size=14), " ", name, size="2", class_name="selected-file"
                ),
            ),
            spacing="2",
            width="100%",
            id="life-files",
        ),
    )


def _confirm_button() -> rx.Component:
    """With files chosen, the step travels with them through the upload endpoint."""
    content = (rx.cond(S.busy, rx.spinner(size="2"), rx.icon("check", size=16)), "Confirmer")
    return rx.cond(
        S.takes_files & (rx.selected_files(UPLOAD_ID).length() > 0),
        rx.button(
            *content,
            on_click=S.submit_with_files(rx.upload_files(upload_id=UPLOAD_ID)),
            disabled=S.busy,
            id="life-confirm",
        ),
        rx.button(*content, on_click=S.submit_step, disabled=S.busy, id="life-confirm"),
    )


def step_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(S.action_label),
            rx.vstack(
                _choice(),
                rx.cond(
                    S.until_label != "",
                    labelled_input(S.until_label, "life-until", S.until, S.set_until, max_width="10rem"),
                ),
                rx.cond(
                    S.effect_label != "",
                    labelled_input(S.effect_label, "life-effect", S.effect, S.set_effect, max_width="10rem"),
                ),
                _confirmations(),
                _changes(),
                standard_texts_picker(S.standards, S.pick_standard, "life-standard-"),
                rx.box(
                    rx.el.label(S.message_label, html_for="life-message", class_name="field-label"),
                    rx.text_area(
                        value=S.message,
                        on_change=S.set_message,
                        debounce_timeout=150,
                        custom_attrs=server_echo(S.message),
                        rows="4",
                        width="100%",
                        id="life-message",
                    ),
                    width="100%",
                ),
                _files(),
                rx.cond(
                    S.is_customs_step,
                    rx.text(
                        "La décision est notifiée au titulaire dans l'application et par courriel ; les voies de "
                        "recours (art. 44 CDU) sont jointes aux mesures défavorables.",
                        size="1",
                        color_scheme="gray",
                    ),
                ),
                rx.cond(
                    S.error != "",
                    rx.callout(
                        S.error, icon="triangle-alert", color_scheme="red", role="alert", id="life-error"
                    ),
                ),
                rx.hstack(
                    rx.button(
                        "Fermer", variant="soft", color_scheme="gray", on_click=S.close_step, type="button"
                    ),
                    _confirm_button(),
                    justify="end",
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
                margin_top="0.5rem",
            ),
            max_width="42rem",
            on_escape_key_down=S.close_step,
        ),
        open=S.action != "",
    )


def life_history() -> rx.Component:
    """Every step after the grant, newest first (the grants and avenants are in the versions table)."""
    return rx.cond(
        S.events.length() > 0,
        rx.box(
            rx.heading(
                "Décisions et démarches sur l'autorisation", size="4", as_="h3", margin_bottom="0.5rem"
            ),
            rx.el.ul(
                rx.foreach(
                    S.events,
                    lambda e: rx.el.li(
                        rx.text(
                            rx.text.strong(e["at"]),
                            " · ",
                            e["actor"],
                            " · ",
                            rx.badge(e["label"], variant="outline"),
                            size="2",
                        ),
                        rx.text(e["message"], white_space="pre-wrap", size="2"),
                        rx.cond(e["letter_url"] != "", letter_link(e["letter_url"].to(str))),
                        notice_lines(e),
                        rx.foreach(
                            e["files"].to(list[dict[str, str]]),
                            lambda f: rx.el.a(
                                rx.icon("paperclip", size=12),
                                " ",
                                f["name"],
                                href=f["url"],
                                download="",
                                reload_document=True,
                                class_name="download-link life-file",
                            ),
                        ),
                        class_name="history-entry",
                    ),
                ),
                class_name="history-list",
                id="life-history",
            ),
            width="100%",
        ),
    )
