"""Attachments: the list with download and removal, the upload dialog (drag and drop or button),
the history of additions and removals."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_base.vars.object import ObjectVar
from reflex_base.vars.sequence import ArrayVar

from .. import routes
from ..domain.attachments import ACCEPTED_EXTENSIONS, MEDIA_TYPES, TYPE_LABELS
from ..domain.catalogue.model import Field
from ..settings import settings
from ..state.attachments import UPLOAD_ID, AttachmentsState
from ..state.form import FormState
from ..state.rubriques import e, state_of
from .confirm import confirm_dialog
from .form_field import asterisk, infobulle

# What the file chooser offers (the server judges the content anyway).
ACCEPT = {media: [] for media in MEDIA_TYPES.values()} | {
    "application/octet-stream": list(ACCEPTED_EXTENSIONS)
}


def rejection_codes(record: rx.Var) -> rx.Var:
    """« name|code,code » for each file the browser refused (file objects do not travel well)."""
    record = record.to(ObjectVar, dict[str, dict[str, Any]])
    file = record["file"].to(ObjectVar, dict[str, Any])
    errors = record["errors"].to(ArrayVar, list[dict[str, Any]])
    return file["name"].to(str) + "|" + errors.map(lambda error: error["code"]).join(",")  # type: ignore[attr-defined]


def download_link(row: rx.Var) -> rx.Component:
    # rx.el.a is React Router's Link in Reflex 0.10: without reloadDocument a click is routed
    # inside the app (« 404 ») instead of reaching the download route.
    return rx.el.a(
        row["file_name"],
        href=routes.piece_path(row["id"].to(str)),
        download="",
        reload_document=True,
        class_name="download-link",
        aria_label="Télécharger " + row["file_name"].to(str),
    )


def _file_row(row: rx.Var, with_type: bool = True) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            download_link(row),
            rx.cond(row["label"] != "", rx.text(row["label"], size="1", color_scheme="gray")),
        ),
        rx.table.cell(row["type_label"]) if with_type else rx.fragment(),
        rx.table.cell(row["format"]),
        rx.table.cell(row["size"]),
        rx.table.cell(row["added_at"], rx.text(row["added_by"], size="1", color_scheme="gray")),
        rx.table.cell(
            rx.cond(
                AttachmentsState.can_remove,
                rx.button(
                    rx.icon("trash-2", size=14),
                    "Supprimer",
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    type="button",
                    on_click=AttachmentsState.ask_remove(row["id"]),
                    aria_label="Supprimer " + row["file_name"].to(str),
                ),
            )
        ),
        class_name="attachment-row",
    )


def files_table(rows: rx.Var, with_type: bool = True, only_type: str = "") -> rx.Component:
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell("Fichier"),
                rx.table.column_header_cell("Type") if with_type else rx.fragment(),
                rx.table.column_header_cell("Format"),
                rx.table.column_header_cell("Taille"),
                rx.table.column_header_cell("Ajouté le"),
                rx.table.column_header_cell(rx.el.span("Actions", class_name="sr-only")),
            )
        ),
        rx.table.body(
            rx.foreach(
                rows,
                lambda row: (
                    rx.cond(row["type_code"] == only_type, _file_row(row, with_type))
                    if only_type
                    else _file_row(row, with_type)
                ),
            )
        ),
        size="1",
        variant="surface",
        width="100%",
    )


def history_view() -> rx.Component:
    return rx.box(
        rx.button(
            rx.icon("history", size=14),
            rx.cond(
                AttachmentsState.history_open,
                "Masquer l'historique des pièces jointes",
                "Historique des pièces jointes",
            ),
            variant="ghost",
            size="1",
            type="button",
            on_click=AttachmentsState.toggle_history,
            id="attachments-history-toggle",
        ),
        rx.cond(
            AttachmentsState.history_open,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[
                            rx.table.column_header_cell(h)
                            for h in ("Date", "Auteur", "Action", "Type", "Fichier")
                        ]
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        AttachmentsState.history,
                        lambda line: rx.table.row(
                            rx.table.cell(line["date"]),
                            rx.table.cell(line["author"]),
                            rx.table.cell(
                                rx.badge(
                                    line["action"],
                                    color_scheme=rx.cond(line["action"] == "Ajout", "green", "red"),
                                )
                            ),
                            rx.table.cell(line["type_label"]),
                            rx.table.cell(line["file_name"]),
                        ),
                    )
                ),
                size="1",
                variant="surface",
                width="100%",
                id="attachments-history",
            ),
        ),
    )


def messages() -> rx.Component:
    return rx.fragment(
        rx.cond(
            AttachmentsState.error != "",
            rx.callout(
                AttachmentsState.error,
                icon="triangle-alert",
                color_scheme="red",
                role="alert",
                id="upload-error",
            ),
        ),
        rx.cond(
            AttachmentsState.refused.length() > 0,
            rx.callout.root(
                rx.callout.icon(rx.icon("file-x")),
                rx.box(
                    rx.callout.text(
                        "Fichier(s) refusé(s), rien n'a été enregistré pour eux :", weight="bold"
                    ),
                    rx.el.ul(
                        rx.foreach(AttachmentsState.refused, lambda m: rx.el.li(m)), class_name="summary-list"
                    ),
                ),
                color_scheme="red",
                role="alert",
                id="upload-refused",
            ),
        ),
    )


def vault_picker() -> rx.Component:
    """« Depuis les documents de l'entreprise »: join a kept document instead of uploading it again."""
    return rx.card(
        rx.text("Depuis les documents de l'entreprise", weight="bold", size="2"),
        rx.vstack(
            rx.foreach(
                AttachmentsState.vault_docs,
                lambda d: rx.hstack(
                    rx.text(d["label"], size="2"),
                    rx.spacer(),
                    rx.button(
                        "Joindre",
                        size="1",
                        variant="soft",
                        type="button",
                        on_click=AttachmentsState.attach_from_vault(d["id"].to(int)),
                        class_name="vault-attach",
                    ),
                    width="100%",
                    align="center",
                ),
            ),
            spacing="1",
            width="100%",
            margin_top="0.4em",
        ),
        width="100%",
        margin_bottom="0.75em",
        id="vault-picker",
    )


def upload_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Ajouter des pièces jointes"),
            rx.dialog.description(AttachmentsState.limits_text, size="2", color_scheme="gray"),
            rx.cond(AttachmentsState.vault_docs.length() > 0, vault_picker()),
            rx.vstack(
                rx.el.label(
                    "Type de pièce jointe",
                    rx.el.span(" *", color=rx.color("red", 10)),
                    html_for="upload-type",
                    class_name="field-label",
                ),
                rx.el.select(
                    rx.el.option("— Choisir —", value=""),
                    *[rx.el.option(label, value=code) for code, label in TYPE_LABELS.items()],
                    id="upload-type",
                    value=AttachmentsState.type_code,
                    on_change=AttachmentsState.set_type,
                    class_name="native-select",
                ),
                rx.el.label("Libellé (facultatif)", html_for="upload-label", class_name="field-label"),
                rx.input(
                    id="upload-label",
                    value=AttachmentsState.label,
                    on_change=AttachmentsState.set_label,
                    debounce_timeout=150,
                    placeholder="ex. Contrat de façon 2026",
                    width="100%",
                ),
                named_file_input(
                    rx.upload.root(
                        rx.vstack(
                            rx.icon("upload", size=28, color=rx.color("accent", 9)),
                            rx.text("Glissez-déposez vos fichiers ici", weight="medium"),
                            rx.button("Choisir des fichiers", variant="soft", type="button"),
                            align="center",
                            spacing="2",
                        ),
                        id=UPLOAD_ID,
                        multiple=True,
                        accept=ACCEPT,
                        max_size=settings.max_file_bytes,
                        max_files=20,
                        on_drop_rejected=lambda rejected: AttachmentsState.rejected(
                            rejected.to(ArrayVar).map(rejection_codes)
                        ),
                        class_name="dropzone",
                    ),
                    "Fichiers à joindre",
                ),
                rx.foreach(
                    rx.selected_files(UPLOAD_ID),
                    lambda name: rx.text(
                        rx.icon("file", size=14), " ", name, size="2", class_name="selected-file"
                    ),
                ),
                messages(),
                rx.hstack(
                    rx.button(
                        "Fermer",
                        variant="soft",
                        color_scheme="gray",
                        type="button",
                        on_click=AttachmentsState.close_upload,
                    ),
                    rx.button(
                        rx.cond(AttachmentsState.uploading, rx.spinner(size="2"), rx.icon("send", size=14)),
                        "Envoyer",
                        type="button",
                        on_click=AttachmentsState.upload(rx.upload_files(upload_id=UPLOAD_ID)),
                        disabled=AttachmentsState.uploading,
                        id="upload-send",
                    ),
                    justify="end",
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            max_width="40rem",
            on_escape_key_down=AttachmentsState.close_upload,
        ),
        open=AttachmentsState.dialog_open,
    )


def named_file_input(upload: rx.Component, name: str) -> rx.Component:
    """Reflex's dropzone renders its own hidden file input, which nothing names for screen readers
    (axe « label »): give it one."""
    for child in upload.children:
        if getattr(child, "tag", "") == "input":
            child.custom_attrs["aria-label"] = name
        named_file_input(child, name)
    return upload


def remove_dialog() -> rx.Component:
    return confirm_dialog(
        title="Supprimer la pièce jointe ?",
        description=rx.fragment(
            rx.text.strong(AttachmentsState.remove_name),
            " sera retirée du dossier. L'historique des pièces jointes gardera la trace de l'ajout et de la suppression.",
        ),
        open=AttachmentsState.remove_id > 0,
        on_confirm=AttachmentsState.confirm_remove,
        on_cancel=AttachmentsState.cancel_remove,
        confirm_id="confirm-remove",
    )


def attachments_panel(title: str = "Pièces jointes") -> rx.Component:
    """All the files of the dossier, to add, download or remove, with their history."""
    return rx.box(
        rx.hstack(
            rx.heading(title, size="4", as_="h3") if title else rx.fragment(),
            rx.spacer(),
            rx.cond(
                AttachmentsState.can_add,
                rx.button(
                    rx.icon("paperclip", size=14),
                    "Ajouter des pièces jointes",
                    type="button",
                    on_click=AttachmentsState.open_upload(""),
                    id="add-attachments",
                ),
            ),
            width="100%",
            align="center",
        ),
        rx.cond(
            AttachmentsState.rows.length() > 0,
            files_table(AttachmentsState.rows),
            rx.text("Aucune pièce jointe.", size="2", color_scheme="gray"),
        ),
        rx.cond(AttachmentsState.dialog_open, rx.fragment(), messages()),
        history_view(),
        class_name="attachments-panel",
        id="attachments",
    )


def attachment_field(field: Field) -> rx.Component:
    """A catalogue attachment field: its label, the files of its type, and a button to add one."""
    state = state_of(field.id)
    error = getattr(state, e(field.id))
    hint_id = f"h-f-{field.id}"
    header = rx.hstack(
        rx.el.span(field.label, asterisk(FormState.required.contains(field.id)), class_name="field-label"),
        infobulle(field.label, field.infobulle, hint_id),
        spacing="1",
        align="center",
    )
    if not field.source:  # « Pièces jointes »: every type
        return rx.box(
            header,
            attachments_panel(""),
            rx.cond(error != "", rx.text(error, role="alert", color_scheme="red", size="2")),
            class_name="field",
            id=f"f-{field.id}",
            tab_index=-1,
        )
    return rx.box(
        header,
        rx.cond(
            AttachmentsState.types_present.contains(field.source),
            files_table(AttachmentsState.rows, with_type=False, only_type=field.source),
            rx.text("Aucun fichier joint.", size="2", color_scheme="gray"),
        ),
        rx.button(
            rx.icon("paperclip", size=14),
            f"Joindre : {TYPE_LABELS[field.source]}",
            variant="outline",
            type="button",
            on_click=AttachmentsState.open_upload(field.source),
            id=f"f-{field.id}",
        ),
        rx.cond(
            error != "",
            rx.text(
                rx.icon("circle-alert", size=14),
                " ",
                error,
                role="alert",
                color_scheme="red",
                size="2",
                class_name="field-error",
            ),
        ),
        class_name="field",
    )
