"""« Importer un fichier » of the goods table: choose a CSV/XLSX, see every line with its errors,
add the good ones."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..settings import settings
from ..state.goods_import import UPLOAD_ID
from ..state.goods_import import GoodsImportState as G
from .attachments import named_file_input


def _line(line: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(line["number"]),
        rx.table.cell(line["code"]),
        rx.table.cell(line["designation"]),
        rx.table.cell(line["quantity"]),
        rx.table.cell(line["value"]),
        rx.table.cell(
            rx.cond(
                line["ok"] == "true",
                rx.badge("Valide", color_scheme="green"),
                rx.text(line["errors"], color_scheme="red", size="1"),
            )
        ),
        data_ok=line["ok"],
        class_name="import-line",
    )


def import_button() -> rx.Component:
    return rx.hstack(
        rx.button(
            rx.icon("file-spreadsheet", size=14),
            "Importer un fichier",
            variant="outline",
            type="button",
            on_click=G.open_import,
            id="import-marchandises",
        ),
        rx.el.a(
            rx.icon("download", size=14, aria_hidden="true"),
            " Modèle (XLSX)",
            href=routes.API_MODELE_MARCHANDISES.format(raw_kind="xlsx"),
            download="",
            reload_document=True,
            class_name="download-link export-link",
            id="goods-model-xlsx",
        ),
        rx.el.a(
            " Modèle (CSV)",
            href=routes.API_MODELE_MARCHANDISES.format(raw_kind="csv"),
            download="",
            reload_document=True,
            class_name="download-link export-link",
            id="goods-model-csv",
        ),
        spacing="3",
        align="center",
        wrap="wrap",
    )


def import_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Importer des marchandises"),
            rx.dialog.description(
                "Un fichier CSV ou XLSX dont la première ligne porte les intitulés des colonnes du tableau "
                "(partez du modèle). Chaque ligne est contrôlée comme une saisie ; seules les lignes valides "
                "sont ajoutées, en une fois.",
                size="2",
            ),
            rx.vstack(
                named_file_input(
                    rx.upload.root(
                        rx.vstack(
                            rx.icon("file-spreadsheet", size=28, color=rx.color("accent", 9)),
                            rx.text("Glissez-déposez le fichier ici", weight="medium"),
                            rx.button("Choisir un fichier", variant="soft", type="button"),
                            align="center",
                            spacing="2",
                        ),
                        id=UPLOAD_ID,
                        multiple=False,
                        accept={
                            "text/csv": [".csv"],
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
                        },
                        max_size=settings.max_file_bytes,
                        max_files=1,
                        on_drop=G.read_file(rx.upload_files(upload_id=UPLOAD_ID)),
                        class_name="dropzone",
                    ),
                    "Fichier de marchandises à importer",
                ),
                rx.cond(
                    G.import_busy, rx.hstack(rx.spinner(size="2"), rx.text("Lecture et contrôle des lignes…"))
                ),
                rx.cond(
                    G.import_error != "",
                    rx.text(G.import_error, color_scheme="red", role="alert", id="import-error"),
                ),
                rx.foreach(G.import_problems, lambda p: rx.text(p, size="2", color_scheme="orange")),
                rx.cond(
                    G.import_lines.length() > 0,
                    rx.vstack(
                        rx.text(
                            G.import_file,
                            " : ",
                            rx.text.strong(G.import_good),
                            " ligne(s) valide(s), ",
                            rx.text.strong(G.import_bad),
                            " ligne(s) en erreur (non ajoutées).",
                            id="import-summary",
                        ),
                        rx.scroll_area(
                            rx.table.root(
                                rx.table.header(
                                    rx.table.row(
                                        *[
                                            rx.table.column_header_cell(t)
                                            for t in (
                                                "Ligne",
                                                "Code NC",
                                                "Désignation",
                                                "Quantité",
                                                "Valeur",
                                                "Contrôle",
                                            )
                                        ]
                                    )
                                ),
                                rx.table.body(rx.foreach(G.import_lines, _line)),
                                size="1",
                                width="100%",
                                id="import-lines",
                            ),
                            type="auto",
                            scrollbars="vertical",
                            style={"max_height": "50vh"},
                        ),
                        width="100%",
                    ),
                ),
                rx.hstack(
                    rx.button(
                        "Fermer", variant="soft", color_scheme="gray", type="button", on_click=G.close_import
                    ),
                    rx.button(
                        "Ajouter les ",
                        G.import_good,
                        " ligne(s) valide(s)",
                        on_click=G.add_lines,
                        disabled=G.import_good == 0,
                        id="import-add",
                    ),
                    justify="end",
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            max_width="60rem",
        ),
        open=G.import_open,
    )
