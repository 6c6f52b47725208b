"""Repeatable groups: the table of rows with « Modifier » / « Supprimer », and the row dialog."""

from __future__ import annotations

import reflex as rx

from ..domain.catalogue import CATALOGUE
from ..domain.catalogue.model import Block, Field, Group
from ..domain.forms import goods_import
from ..state.form import FormState
from ..state.group_editor import GroupEditorState
from ..state.rubriques import e, state_of, v
from .confirm import confirm_dialog
from .form_field import asterisk, editor_binding, field_view, infobulle
from .goods_import import import_button, import_dialog


def _row(group: Group, row: rx.Var, index: rx.Var) -> rx.Component:
    cells = [rx.table.cell(row[f"c{n}"], class_name="cell-wrap") for n in range(len(group.summary))]
    first, *rest = cells
    label = f"{group.row_label} "
    return rx.table.row(
        rx.table.row_header_cell(rx.text(label, index + 1, weight="medium", size="2")),
        first,
        *rest,
        rx.table.cell(
            rx.hstack(
                rx.button(
                    rx.icon("pencil", size=14),
                    "Modifier",
                    size="1",
                    variant="soft",
                    type="button",
                    on_click=GroupEditorState.start(group.id, index),
                    id=f"g-{group.id}-row-" + index.to(str),
                    aria_label=f"Modifier {label}" + (index + 1).to(str),
                ),
                rx.button(
                    rx.icon("trash-2", size=14),
                    "Supprimer",
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    type="button",
                    on_click=GroupEditorState.ask_delete(group.id, index),
                    aria_label=f"Supprimer {label}" + (index + 1).to(str),
                ),
                spacing="2",
            )
        ),
        data_error=row["err"],
        class_name="group-row",
    )


def editor_item(item: Field | Block) -> rx.Component:
    if isinstance(item, Block):
        return rx.el.fieldset(
            rx.el.legend(rx.text(item.label, weight="medium", size="2")),
            *[editor_item(child) for child in item.items],
            class_name="block",
        )
    return rx.cond(GroupEditorState.row_shown.contains(item.id), field_view(item, editor_binding(item)))


def editor_dialog(group: Group) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(group.label, " — ", GroupEditorState.title),
            rx.dialog.description(
                "Les champs marqués d'un astérisque rouge sont obligatoires.", size="2", color_scheme="gray"
            ),
            rx.box(*[editor_item(item) for item in group.items], class_name="editor-body"),
            rx.hstack(
                rx.button(
                    "Annuler",
                    variant="soft",
                    color_scheme="gray",
                    type="button",
                    on_click=GroupEditorState.cancel,
                ),
                rx.button(
                    rx.icon("check", size=14),
                    "Enregistrer la ligne",
                    type="button",
                    on_click=GroupEditorState.save,
                    id=f"save-row-{group.id}",
                ),
                justify="end",
                spacing="3",
                margin_top="1rem",
            ),
            max_width="46rem",
            on_escape_key_down=GroupEditorState.cancel,
            on_interact_outside=rx.prevent_default,
        ),
        open=GroupEditorState.open & (GroupEditorState.group_id == group.id),
    )


def group_table(group: Group) -> rx.Component:
    state = state_of(group.id)
    rows = getattr(state, v(group.id))
    message = getattr(state, e(group.id))
    headers = [CATALOGUE.field(fid).label for fid in group.summary]
    return rx.box(
        rx.hstack(
            rx.el.span(
                group.label,
                asterisk(FormState.required.contains(group.id)),
                class_name="field-label",
                id=f"l-{group.id}",
            ),
            infobulle(group.label, group.infobulle, f"h-g-{group.id}"),
            spacing="1",
            align="center",
        ),
        rx.cond(
            rows.length() > 0,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell(rx.el.span("Ligne", class_name="sr-only")),
                        *[rx.table.column_header_cell(h) for h in headers],
                        rx.table.column_header_cell(rx.el.span("Actions", class_name="sr-only")),
                    )
                ),
                rx.table.body(rx.foreach(rows, lambda row, index: _row(group, row, index))),
                variant="surface",
                size="1",
                width="100%",
                aria_labelledby=f"l-{group.id}",
            ),
            rx.text("Aucune ligne pour le moment.", size="2", color_scheme="gray"),
        ),
        rx.cond(
            message != "",
            rx.text(
                rx.icon("circle-alert", size=14), " ", message, role="alert", color_scheme="red", size="2"
            ),
        ),
        rx.hstack(
            rx.button(
                rx.icon("plus", size=14),
                group.add_label,
                variant="outline",
                type="button",
                on_click=GroupEditorState.start(group.id, -1),
                id=f"add-{group.id}",
            ),
            *([import_button(), import_dialog()] if group.id == goods_import.GROUP_ID else []),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        editor_dialog(group),
        class_name="group field",
        id=f"g-{group.id}",
        tab_index=-1,
    )


def delete_dialog() -> rx.Component:
    return confirm_dialog(
        title="Supprimer la ligne ?",
        description=rx.fragment(
            rx.text.strong(GroupEditorState.delete_label),
            " sera retirée du formulaire. Les liens vers cette ligne devront être revus.",
        ),
        open=GroupEditorState.delete_open,
        on_confirm=GroupEditorState.confirm_delete,
        on_cancel=GroupEditorState.cancel_delete,
        confirm_id="confirm-delete",
    )
