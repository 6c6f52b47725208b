"""One catalogue field as the user meets it: label, red asterisk, infobulle, input, messages.

The same component serves the rubriques (bound to a generated rubrique state) and the row dialog
of a group (bound to ``GroupEditorState``): a ``Binding`` says where the value and messages live.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx

from ..domain.catalogue.model import Field, Kind
from ..domain.forms.values import options_of
from ..state.form import FormState
from ..state.group_editor import GroupEditorState
from ..state.rubriques import e, i, state_of, v, w
from ..state.search import SearchState

DEBOUNCE_MS = 150  # the live message shows within ~150 ms of a pause in typing

Event = Any


@dataclass(frozen=True)
class Binding:
    dom_id: str  # id of the input
    value: rx.Var
    error: rx.Var
    warning: rx.Var
    info: rx.Var
    required: rx.Var
    set_value: Callable[[rx.Var], Event]
    toggle: Callable[[str, rx.Var], Event]
    sans_objet: Callable[[rx.Var], Event]
    search: Event | None


def rubrique_binding(field: Field) -> Binding:
    state = state_of(field.id)
    return Binding(
        dom_id=f"f-{field.id}",
        value=getattr(state, v(field.id)),
        error=getattr(state, e(field.id)),
        warning=getattr(state, w(field.id)),
        info=getattr(state, i(field.id)),
        required=FormState.required.contains(field.id),
        set_value=lambda value: state.set_field(field.id, value),
        toggle=lambda code, checked: state.toggle_choice(field.id, code, checked),
        sans_objet=lambda checked: state.set_sans_objet(field.id, checked),
        search=SearchState.start(field.id, False) if field.kind in (Kind.CN_CODE, Kind.OFFICE) else None,
    )


def editor_binding(field: Field) -> Binding:
    s = GroupEditorState
    return Binding(
        dom_id=f"r-{field.id}",
        value=s.values[field.id],
        error=s.errors[field.id].to(str),
        warning=s.warnings[field.id].to(str),
        info=s.infos[field.id].to(str),
        required=s.row_required.contains(field.id),
        set_value=lambda value: s.set_value(field.id, value),
        toggle=lambda code, checked: s.toggle_value(field.id, code, checked),
        sans_objet=lambda checked: s.set_sans_objet(field.id, checked),
        search=SearchState.start(field.id, True) if field.kind in (Kind.CN_CODE, Kind.OFFICE) else None,
    )


# --- pieces -----------------------------------------------------------------------------------------


def asterisk(required: rx.Var) -> rx.Component:
    return rx.cond(
        required,
        rx.el.span(
            " *",
            rx.el.span(" (obligatoire)", class_name="sr-only"),
            style={"color": rx.color("red", 10), "font_weight": "bold"},
        ),
    )


def infobulle(field_label: str, text: str, hint_id: str) -> rx.Component:
    """The « ? »: a button (reachable with the keyboard) opening a tooltip; the text is also in the
    input's description, so screen readers announce it."""
    return rx.fragment(
        rx.tooltip(
            rx.icon_button(
                rx.icon("circle-help", size=15),
                variant="ghost",
                size="1",
                type="button",
                aria_label=f"Aide : {field_label}",
                color_scheme="gray",
            ),
            content=text,
            side="top",
            max_width="22rem",
        ),
        rx.el.span(text, id=hint_id, class_name="sr-only"),
    )


def label_row(field: Field, binding: Binding, *, as_legend: bool = False) -> rx.Component:
    hint_id = f"h-{binding.dom_id}"
    help_button = infobulle(field.label, field.infobulle, hint_id)
    if as_legend:
        return rx.el.legend(
            rx.hstack(
                rx.el.span(field.label, asterisk(binding.required), class_name="field-label"),
                help_button,
                spacing="1",
                align="center",
            )
        )
    title = rx.el.label(
        field.label, asterisk(binding.required), html_for=binding.dom_id, class_name="field-label"
    )
    return rx.hstack(title, help_button, spacing="1", align="center")


def messages(binding: Binding) -> rx.Component:
    error_id = f"e-{binding.dom_id}"
    return rx.fragment(
        rx.cond(
            binding.error != "",
            rx.text(
                rx.icon("circle-alert", size=14, aria_hidden="true"),
                " ",
                binding.error,
                id=error_id,
                role="alert",
                size="2",
                color_scheme="red",
                class_name="field-error",
            ),
        ),
        rx.cond(
            binding.warning != "",
            rx.text(
                rx.icon("triangle-alert", size=14, aria_hidden="true"),
                " ",
                binding.warning,
                size="2",
                color_scheme="amber",
                class_name="field-warning",
                id=f"w-{binding.dom_id}",
            ),
        ),
        rx.cond(
            binding.info != "",
            rx.text(
                binding.info, size="1", color_scheme="gray", class_name="field-info", id=f"i-{binding.dom_id}"
            ),
        ),
    )


def _described_by(binding: Binding) -> rx.Var:
    return rx.cond(
        binding.error != "",
        f"h-{binding.dom_id} e-{binding.dom_id}",
        f"h-{binding.dom_id}",
    )


def server_echo(value: rx.Var) -> dict[str, rx.Var]:
    """``data-server-value``: what the server holds for a debounced input, so that a test (or a
    script) can wait until the server has what was typed, rather than for a fixed delay."""
    return {"data-server-value": value}


def _aria_invalid(binding: Binding) -> rx.Var:
    return rx.cond(binding.error != "", "true", "false")


def _text_input(field: Field, binding: Binding, **props: Any) -> rx.Component:
    return rx.input(
        id=binding.dom_id,
        value=binding.value.to(str),
        on_change=binding.set_value,
        debounce_timeout=DEBOUNCE_MS,
        custom_attrs=server_echo(binding.value.to(str)),
        aria_invalid=_aria_invalid(binding),
        aria_describedby=_described_by(binding),
        max_length=field.max_length + 20 if field.max_length else None,  # the message explains the limit
        width="100%",
        **props,
    )


def _select(field: Field, binding: Binding) -> rx.Component:
    options = options_of(field)
    return rx.el.select(
        rx.el.option("— Choisir —", value=""),
        *[rx.el.option(option.label, value=option.code) for option in options],
        id=binding.dom_id,
        value=binding.value.to(str),
        on_change=binding.set_value,
        aria_invalid=_aria_invalid(binding),
        aria_describedby=_described_by(binding),
        class_name="native-select",
    )


def _radio_yes_no(field: Field, binding: Binding) -> rx.Component:
    return rx.radio_group.root(
        rx.hstack(
            rx.el.label(
                rx.radio_group.item(value="oui", id=f"{binding.dom_id}-oui"), " Oui", class_name="choice"
            ),
            rx.el.label(
                rx.radio_group.item(value="non", id=f"{binding.dom_id}-non"), " Non", class_name="choice"
            ),
            spacing="5",
        ),
        id=binding.dom_id,
        value=binding.value.to(str),
        on_change=binding.set_value,
        aria_invalid=_aria_invalid(binding),
        aria_describedby=_described_by(binding),
    )


def _checkboxes(field: Field, binding: Binding, options: list[tuple[str, Any]]) -> rx.Component:
    chosen = binding.value.to(list[str])
    return rx.flex(
        *[
            rx.el.label(
                rx.checkbox(
                    checked=chosen.contains(code),
                    on_change=lambda checked, code=code: binding.toggle(code, checked),
                    id=f"{binding.dom_id}-{code}" if n else binding.dom_id,
                    aria_label=label,  # a Radix checkbox is a button: the wrapping label does not name it
                ),
                rx.text(label, size="2"),
                class_name="choice",
            )
            for n, (code, label) in enumerate(options)
        ],
        direction="column",
        spacing="1",
        aria_describedby=_described_by(binding),
    )


def _ref_choices(field: Field, binding: Binding) -> rx.Component:
    """References to goods lines: the options exist only at run time (the lines typed so far)."""
    chosen = binding.value
    if field.kind is Kind.REF:
        return rx.el.select(
            rx.el.option("— Choisir la marchandise —", value=""),
            rx.foreach(
                GroupEditorState.ref_options,
                lambda option: rx.el.option(option["label"], value=option["value"]),
            ),
            id=binding.dom_id,
            value=chosen.to(str),
            on_change=binding.set_value,
            aria_invalid=_aria_invalid(binding),
            class_name="native-select",
        )
    return rx.flex(
        rx.foreach(
            GroupEditorState.ref_options,
            lambda option: rx.el.label(
                rx.checkbox(
                    checked=chosen.to(list[str]).contains(option["value"]),
                    on_change=lambda checked: binding.toggle(option["value"], checked),
                    aria_label=option["label"],
                ),
                rx.text(option["label"], size="2"),
                class_name="choice",
            ),
        ),
        rx.cond(
            GroupEditorState.ref_options.length() == 0,
            rx.text("Ajoutez d'abord les marchandises à placer.", size="2", color_scheme="gray"),
        ),
        direction="column",
        spacing="1",
        id=binding.dom_id,
    )


def _input(field: Field, binding: Binding) -> rx.Component:
    kind = field.kind
    if kind in (Kind.COMPUTED,) or field.readonly:
        return rx.text(
            rx.cond(binding.value.to(str) != "", binding.value.to(str), "—"),
            id=binding.dom_id,
            weight="medium",
            class_name="readonly-value",
        )
    if kind is Kind.LONG_TEXT:
        return rx.text_area(
            id=binding.dom_id,
            value=binding.value.to(str),
            on_change=binding.set_value,
            debounce_timeout=DEBOUNCE_MS,
            custom_attrs=server_echo(binding.value.to(str)),
            aria_invalid=_aria_invalid(binding),
            aria_describedby=_described_by(binding),
            rows="3",
            width="100%",
            resize="vertical",
        )
    if kind is Kind.DATE:
        picker_id = f"dp-{binding.dom_id}"
        return rx.hstack(
            _text_input(field, binding, placeholder="JJ/MM/AAAA", max_width="9.5rem", input_mode="numeric"),
            rx.el.input(
                type="date",
                id=picker_id,
                class_name="date-picker-native",
                tab_index=-1,
                aria_hidden="true",
                on_change=binding.set_value,
            ),
            rx.icon_button(
                rx.icon("calendar-days", size=16),
                variant="soft",
                type="button",
                aria_label=f"Choisir la date dans un calendrier : {field.label}",
                on_click=rx.call_script(f"document.getElementById('{picker_id}')?.showPicker()"),
            ),
            spacing="2",
            align="center",
            position="relative",
        )
    if kind is Kind.BOOLEAN:
        return _radio_yes_no(field, binding)
    if kind is Kind.CHECKBOX:
        return rx.el.label(
            rx.checkbox(
                checked=binding.value.to(str) == "oui",
                on_change=lambda checked: binding.set_value(rx.cond(checked, "oui", "")),
                id=binding.dom_id,
                aria_label=field.label,
            ),
            rx.text(field.label, size="2"),
            class_name="choice",
        )
    if kind in (Kind.ENUM, Kind.COUNTRY, Kind.CURRENCY, Kind.UNIT):
        return _select(field, binding)
    if kind is Kind.MULTI_ENUM:
        return _checkboxes(field, binding, [(o.code, o.label) for o in options_of(field)])
    if kind in (Kind.REF, Kind.MULTI_REF):
        return _ref_choices(field, binding)
    numeric = {"input_mode": "decimal"} if kind in (Kind.NUMBER, Kind.INTEGER) else {}
    placeholders = {
        Kind.CN_CODE: "ex. 8471 30 00",
        Kind.OFFICE: "ex. FR002650",
        Kind.EORI: "ex. FR12345678901234",
        Kind.EMAIL: "prenom.nom@entreprise.fr",
    }
    props: dict[str, Any] = {"placeholder": field.placeholder or placeholders.get(kind, "")}
    if kind is Kind.EMAIL:
        props["type"] = "email"
    if kind is Kind.PHONE:
        props["type"] = "tel"
    box = _text_input(field, binding, **props, **numeric)
    if binding.search is not None:
        return rx.hstack(
            box,
            rx.button(
                rx.icon("search", size=14),
                "Rechercher",
                variant="soft",
                type="button",
                on_click=binding.search,
                aria_label=f"Rechercher : {field.label}",
            ),
            width="100%",
            spacing="2",
        )
    return box


def sans_objet_box(field: Field, binding: Binding) -> rx.Component:
    return rx.el.label(
        rx.checkbox(
            checked=binding.value.to(str) == "S.O.",
            on_change=binding.sans_objet,
            id=f"so-{binding.dom_id}",
            aria_label=f"Sans objet : {field.label}",
        ),
        rx.text("Sans objet", size="2"),
        class_name="choice",
    )


def field_view(field: Field, binding: Binding) -> rx.Component:
    """Label row, input, « Sans objet » where offered, messages."""
    grouped = field.kind in (Kind.BOOLEAN, Kind.MULTI_ENUM, Kind.MULTI_REF)
    body = [
        label_row(field, binding, as_legend=grouped),
        _input(field, binding),
        sans_objet_box(field, binding) if field.sans_objet and not field.readonly else rx.fragment(),
        messages(binding),
    ]
    if grouped:
        return rx.el.fieldset(*body, class_name="field", id=f"wrap-{binding.dom_id}")
    return rx.box(*body, class_name="field", id=f"wrap-{binding.dom_id}")
