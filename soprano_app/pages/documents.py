"""« Documents de l'entreprise »: statuts, Kbis, mandat, certificat AEO… kept once with their
validity date, joined to a dossier from its « Ajouter des pièces jointes » dialog."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.attachments import named_file_input
from ..components.form_field import server_echo
from ..components.layout import page_shell
from ..domain.roles import OPERATOR_ROLES
from ..settings import settings
from ..state.vault import TYPE_OPTIONS, UPLOAD_ID
from ..state.vault import VaultState as V
from .registry import page

_COLORS = {"valide": "green", "bientot": "orange", "expire": "red"}


def _row(doc: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(doc["type_label"]),
        rx.table.cell(doc["label"]),
        rx.table.cell(
            rx.el.a(
                doc["file_name"],
                href=routes.document_path(doc["id"]),
                download="",
                reload_document=True,
                class_name="download-link",
            ),
            rx.text(doc["size"], size="1", color_scheme="gray"),
        ),
        rx.table.cell(doc["valid_until"]),
        rx.table.cell(
            rx.badge(
                doc["validity_label"],
                color_scheme=rx.match(doc["validity"], *_COLORS.items(), "gray"),
                class_name="validity-badge",
            )
        ),
        rx.table.cell(
            rx.button(
                "Retirer",
                on_click=V.remove(doc["id"].to(int)),
                variant="ghost",
                color_scheme="red",
                size="1",
                aria_label="Retirer " + doc["file_name"],
            )
        ),
        data_validity=doc["validity"],
    )


def _add_form() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Ajouter un document", size="4", as_="h2"),
            rx.hstack(
                rx.vstack(
                    rx.el.label("Type", html_for="vault-type"),
                    rx.el.select(
                        rx.el.option("Choisir…", value=""),
                        *[rx.el.option(o["label"], value=o["value"]) for o in TYPE_OPTIONS],
                        value=V.type_code,
                        on_change=V.set_type,
                        id="vault-type",
                        class_name="native-select",
                    ),
                    spacing="1",
                ),
                rx.vstack(
                    rx.el.label("Libellé", html_for="vault-label"),
                    rx.input(
                        value=V.label,
                        on_change=V.set_label,
                        id="vault-label",
                        custom_attrs=server_echo(V.label),
                        placeholder="ex. Kbis 2026",
                    ),
                    spacing="1",
                ),
                rx.vstack(
                    rx.el.label("Fin de validité (JJ/MM/AAAA, facultatif)", html_for="vault-until"),
                    rx.input(
                        value=V.valid_until,
                        on_change=V.set_valid_until,
                        id="vault-until",
                        custom_attrs=server_echo(V.valid_until),
                        placeholder="31/12/2027",
                    ),
                    spacing="1",
                ),
                spacing="4",
                wrap="wrap",
                align="end",
            ),
            named_file_input(
                rx.upload.root(
                    rx.vstack(
                        rx.icon("upload", size=24, color=rx.color("accent", 9)),
                        rx.text("Glissez-déposez le document ici", weight="medium"),
                        rx.button("Choisir un fichier", variant="soft", type="button"),
                        align="center",
                        spacing="2",
                    ),
                    id=UPLOAD_ID,
                    multiple=False,
                    max_files=1,
                    max_size=settings.max_file_bytes,
                    class_name="dropzone",
                ),
                "Document à enregistrer",
            ),
            rx.foreach(
                rx.selected_files(UPLOAD_ID),
                lambda name: rx.text(rx.icon("file", size=14), " ", name, size="2"),
            ),
            rx.cond(V.error != "", rx.text(V.error, color_scheme="red", role="alert", id="vault-error")),
            rx.button(
                "Enregistrer le document",
                on_click=V.add(rx.upload_files(upload_id=UPLOAD_ID)),
                loading=V.busy,
                id="vault-save",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


@page(
    routes.DOCUMENTS,
    "Documents de l'entreprise — SOPRANO libre",
    on_load=V.load,
    roles=OPERATOR_ROLES,
    nav=((OPERATOR_ROLES, "Documents"),),
    nav_order=35,
)
def documents_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Documents de l'entreprise", size="7", as_="h1"),
            rx.text(
                "Les documents que vos demandes réutilisent (statuts, Kbis, mandat, certificat AEO…), gardés "
                "une fois avec leur date de fin de validité. Joignez-les à un dossier depuis « Ajouter des "
                "pièces jointes » ; un document expiré n'est plus proposé.",
                size="2",
                color_scheme="gray",
            ),
            rx.cond(
                V.documents.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[
                                rx.table.column_header_cell(t)
                                for t in ("Type", "Libellé", "Fichier", "Fin de validité", "Validité", "")
                            ]
                        )
                    ),
                    rx.table.body(rx.foreach(V.documents, _row)),
                    variant="surface",
                    width="100%",
                    id="vault-table",
                ),
                rx.text("Aucun document pour le moment.", color_scheme="gray", id="vault-empty"),
            ),
            _add_form(),
            spacing="4",
            width="100%",
        )
    )
