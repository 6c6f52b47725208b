"""The dialog of a workflow step (« Accepter », « Demander des compléments », « Accorder »…): the
inputs the step needs (``DecisionState.needs``, from ``domain.workflow``), then « Confirmer »."""

from __future__ import annotations

from typing import Any

import reflex as rx

from ..domain.guarantee import LABELS as GUARANTEE_LABELS
from ..domain.retroactive import CONFIRMED_BY_CUSTOMS
from ..domain.workflow import Need
from ..state.decision import DecisionState
from .form_field import server_echo


def labelled_input(
    label: Any, input_id: str, value: rx.Var, on_change: Any, *, required: bool = False, **props: Any
) -> rx.Component:
    """A label and its input, the input telling the server's value back (``data-server-value``)."""
    return rx.box(
        rx.el.label(
            label,
            rx.el.span(" *", color=rx.color("red", 10)) if required else rx.fragment(),
            html_for=input_id,
            class_name="field-label",
        ),
        rx.input(value=value, on_change=on_change, custom_attrs=server_echo(value), id=input_id, **props),
    )


def standard_texts_picker(options: rx.Var, on_pick: Any, id_prefix: str) -> rx.Component:
    """« Motifs types »: the standard texts of the step (domain/grounds.STANDARD_TEXTS); a click adds
    one to the message, where the officer completes what « […] » marks."""
    return rx.cond(
        options.length() > 0,  # type: ignore[attr-defined]
        rx.box(
            rx.text("Motifs types (à compléter dans le message)", size="2", weight="medium"),
            rx.flex(
                rx.foreach(
                    options,
                    lambda option: rx.button(
                        rx.icon("plus", size=14),
                        option["label"],
                        size="1",
                        variant="soft",
                        type="button",
                        on_click=on_pick(option["index"]),
                        id=id_prefix + option["index"],
                    ),
                ),
                wrap="wrap",
                gap="2",
                margin_top="0.25rem",
            ),
            width="100%",
        ),
    )


def _confidential() -> rx.Component:
    """Need.CONFIDENTIAL: an investigation extension kept from the applicant (RDC art. 13(3))."""
    return rx.el.label(
        rx.checkbox(
            checked=DecisionState.confidential,
            on_change=DecisionState.set_confidential,
            id="action-confidential",
        ),
        rx.text(
            "Ne pas informer le demandeur : l'en informer risquerait de compromettre l'enquête "
            "(art. 13, paragraphe 3, RDC). La prolongation n'apparaît alors ni dans son historique, ni dans "
            "son échéance, ni dans ses notifications.",
            size="2",
        ),
        display="flex",
        gap="0.5rem",
        align_items="start",
    )


def _needs(need: Need) -> rx.Var:
    return DecisionState.needs.contains(need.value)


def _message() -> rx.Component:
    return rx.box(
        rx.el.label(
            rx.cond(
                DecisionState.action == "repondre", "Votre réponse", "Message (motifs, points à traiter)"
            ),
            rx.el.span(" *", color=rx.color("red", 10)),
            html_for="action-message",
            class_name="field-label",
        ),
        rx.text_area(
            value=DecisionState.message,
            on_change=DecisionState.set_message,
            debounce_timeout=150,
            custom_attrs=server_echo(DecisionState.message),
            rows="5",
            width="100%",
            id="action-message",
        ),
        width="100%",
    )


def _choice() -> rx.Component:
    """Need.CHOICE: the Commission's conclusion, the outcome of a consultation, a ground."""
    return rx.box(
        rx.el.label(
            DecisionState.choice_label,
            rx.el.span(" *", color=rx.color("red", 10)),
            html_for="action-choice",
            class_name="field-label",
        ),
        rx.el.select(
            rx.el.option("— Choisir —", value=""),
            rx.foreach(DecisionState.choice_options, lambda o: rx.el.option(o["label"], value=o["value"])),
            value=DecisionState.choice,
            on_change=DecisionState.set_choice,
            custom_attrs=server_echo(DecisionState.choice),
            id="action-choice",
            class_name="native-select",
        ),
        width="100%",
    )


def _grounds() -> rx.Component:
    """Need.GROUNDS: the standard grounds (a refusal offers only those the applicant was heard on)."""
    return rx.box(
        rx.el.fieldset(
            rx.el.legend("Motifs", rx.el.span(" *", color=rx.color("red", 10)), class_name="field-label"),
            rx.foreach(
                DecisionState.grounds_options,
                lambda g: rx.el.label(
                    rx.checkbox(
                        checked=DecisionState.grounds.contains(g["value"]),
                        on_change=lambda checked: DecisionState.toggle_ground(g["value"], checked),
                        id="ground-" + g["value"],
                        aria_label=g["label"],
                    ),
                    rx.text(g["label"], size="2"),
                    class_name="choice",
                ),
            ),
            class_name="grounds",
        ),
        rx.cond(
            DecisionState.action == "refuser",
            rx.text(
                "Seuls les motifs sur lesquels le demandeur a été entendu sont proposés ; pour un autre motif, "
                "notifiez d'abord un nouveau projet de décision défavorable.",
                size="1",
                color_scheme="gray",
            ),
        ),
        width="100%",
    )


def _retroactive() -> rx.Component:
    """« Accorder » an application that asks for a retroactive effect: customs confirm (a)–(d)."""
    return rx.cond(
        DecisionState.retro_earliest != "",
        rx.callout(
            rx.vstack(
                rx.text(
                    "Effet rétroactif demandé : prise d'effet possible au plus tôt le ",
                    rx.text.strong(DecisionState.retro_earliest),
                    " (art. 172 RDC). Pour une date passée, confirmez les conditions a) à d) de l'article 211, "
                    "paragraphe 2, du CDU ; les conditions e) et f) sont vérifiées par l'application.",
                    size="2",
                ),
                *[
                    rx.el.label(
                        rx.checkbox(
                            checked=DecisionState.retro_conditions.contains(key),
                            on_change=lambda checked, key=key: DecisionState.toggle_retro(key, checked),
                            id=f"retro-{key}",
                            aria_label=label,
                        ),
                        rx.text(label, size="2"),
                        class_name="choice",
                    )
                    for key, label in CONFIRMED_BY_CUSTOMS.items()
                ],
                spacing="1",
            ),
            icon="history",
            color_scheme="amber",
            id="retro-conditions",
            width="100%",
        ),
    )


def _guarantee() -> rx.Component:
    """« Accorder »: the guarantee the authorisation requires, prefilled with the applicant's proposal."""
    return rx.hstack(
        rx.vstack(
            rx.el.label(
                "Garantie exigée",
                rx.el.span(" *", color=rx.color("red", 10)),
                html_for="guarantee-kind",
                class_name="field-label",
            ),
            rx.el.select(
                rx.el.option("— Choisir —", value=""),
                *[rx.el.option(label, value=kind.value) for kind, label in GUARANTEE_LABELS.items()],
                value=DecisionState.guarantee_kind,
                on_change=DecisionState.set_guarantee_kind,
                custom_attrs=server_echo(DecisionState.guarantee_kind),
                id="guarantee-kind",
                class_name="native-select",
            ),
            spacing="1",
        ),
        rx.cond(
            (DecisionState.guarantee_kind == "isolee") | (DecisionState.guarantee_kind == "globale"),
            rx.hstack(
                labelled_input(
                    "Montant (EUR)",
                    "guarantee-amount",
                    DecisionState.guarantee_amount,
                    DecisionState.set_guarantee_amount,
                    max_width="10rem",
                    input_mode="decimal",
                ),
                labelled_input(
                    "Référence (GRN, autorisation de garantie globale)",
                    "guarantee-reference",
                    DecisionState.guarantee_reference,
                    DecisionState.set_guarantee_reference,
                    max_width="16rem",
                ),
                spacing="3",
                wrap="wrap",
            ),
        ),
        spacing="3",
        wrap="wrap",
        align="end",
        width="100%",
    )


def _validity() -> rx.Component:
    return rx.hstack(
        labelled_input(
            "Prise d'effet (JJ/MM/AAAA)",
            "valid-from",
            DecisionState.valid_from,
            DecisionState.set_valid_from,
            max_width="10rem",
        ),
        labelled_input(
            "Fin de validité (JJ/MM/AAAA)",
            "valid-to",
            DecisionState.valid_to,
            DecisionState.set_valid_to,
            max_width="10rem",
            placeholder="sans limite (ED)",
        ),
        spacing="4",
    )


def _reopen_choice(item: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.checkbox(
            checked=DecisionState.reopened.contains(item["id"]),
            on_change=lambda checked: DecisionState.toggle_reopened(item["id"], checked),
            aria_label=item["rubrique"] + " — " + item["label"],
        ),
        rx.text(item["rubrique"], " — ", item["label"], size="2"),
        class_name="choice",
    )


def _reopen_picker() -> rx.Component:
    """« Demander des compléments »: the fields customs reopen for the operator."""
    return rx.box(
        rx.hstack(
            rx.el.label(
                "Champs à rouvrir pour l'opérateur (facultatif)",
                html_for="reopen-filter",
                class_name="field-label",
            ),
            rx.spacer(),
            rx.cond(
                DecisionState.reopened.length() > 0,
                rx.badge(DecisionState.reopened.length(), " choisi(s)", id="reopen-count"),
            ),
            width="100%",
            align="center",
        ),
        rx.input(
            rx.input.slot(rx.icon("search", size=14)),
            value=DecisionState.reopen_query,
            on_change=DecisionState.set_reopen_query,
            debounce_timeout=150,
            placeholder="Filtrer par libellé ou rubrique",
            id="reopen-filter",
            margin_bottom="0.25rem",
        ),
        rx.scroll_area(
            rx.vstack(rx.foreach(DecisionState.reopen_choices, _reopen_choice), spacing="1"),
            max_height="14rem",
            type="always",
            scrollbars="vertical",
            id="reopen-list",
        ),
        width="100%",
    )


def _buttons() -> rx.Component:
    return rx.hstack(
        rx.button(
            "Annuler", variant="soft", color_scheme="gray", on_click=DecisionState.close_action, type="button"
        ),
        rx.button(
            rx.cond(DecisionState.busy, rx.spinner(size="2"), rx.icon("check", size=16)),
            "Confirmer",
            on_click=DecisionState.submit_action,
            disabled=DecisionState.busy,
            id="action-confirm",
        ),
        justify="end",
        spacing="3",
        width="100%",
    )


def action_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(DecisionState.action_label),
            rx.cond(
                DecisionState.action_help != "", rx.dialog.description(DecisionState.action_help, size="2")
            ),
            rx.vstack(
                rx.cond(_needs(Need.CHOICE), _choice()),
                rx.cond(_needs(Need.GROUNDS), _grounds()),
                rx.cond(
                    _needs(Need.MESSAGE),
                    standard_texts_picker(DecisionState.standards, DecisionState.pick_standard, "standard-"),
                ),
                rx.cond(_needs(Need.MESSAGE), _message()),
                rx.cond(
                    _needs(Need.DEADLINE),
                    labelled_input(
                        "Délai de réponse (jours)",
                        "action-deadline",
                        DecisionState.deadline_days,
                        DecisionState.set_deadline,
                        max_width="8rem",
                        input_mode="numeric",
                    ),
                ),
                rx.cond(
                    _needs(Need.DAYS),
                    labelled_input(
                        "Durée (jours)",
                        "action-days",
                        DecisionState.days,
                        DecisionState.set_days,
                        max_width="8rem",
                        input_mode="numeric",
                    ),
                ),
                rx.cond(_needs(Need.CONFIDENTIAL), _confidential()),
                rx.cond(_needs(Need.VALIDITY), _validity()),
                rx.cond(_needs(Need.VALIDITY), _retroactive()),
                rx.cond(_needs(Need.GUARANTEE), _guarantee()),
                rx.cond(
                    _needs(Need.APPEAL),
                    rx.callout(
                        "Les voies de recours (art. 44 CDU) seront jointes automatiquement à la décision.",
                        icon="scale",
                        size="1",
                    ),
                ),
                rx.cond(DecisionState.action == "demander_complements", _reopen_picker()),
                rx.cond(
                    DecisionState.error != "",
                    rx.callout(
                        DecisionState.error,
                        icon="triangle-alert",
                        color_scheme="red",
                        role="alert",
                        id="action-error",
                    ),
                ),
                _buttons(),
                spacing="3",
                width="100%",
                margin_top="0.5rem",
            ),
            max_width="40rem",
            on_escape_key_down=DecisionState.close_action,
        ),
        open=DecisionState.action != "",
    )
