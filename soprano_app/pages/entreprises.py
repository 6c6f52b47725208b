"""« Entreprises et mandats » (administrator): companies with checked identifiers, and the
representatives' mandates with their dates and document."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.attachments import named_file_input
from ..components.layout import page_shell
from ..domain.roles import ADMIN_ROLES
from ..state.companies import UPLOAD_ID
from ..state.companies import CompaniesState as E
from .registry import page


def _input(label: str, input_id: str, value: rx.Var, on_change: object, **props: object) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=input_id),
        rx.input(value=value, on_change=on_change, id=input_id, width="100%", **props),
        spacing="1",
        width="100%",
    )


def _company_field(label: str, name: str) -> rx.Component:
    return _input(label, f"company-{name}", E.company[name], lambda v: E.set_company_field(name, v))


def _company_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Créer une entreprise"),
            rx.vstack(
                _company_field("Raison sociale", "raison_sociale"),
                rx.hstack(_company_field("SIREN", "siren"), _company_field("SIRET", "siret"), width="100%"),
                _company_field("EORI", "eori"),
                _company_field("Adresse", "rue"),
                rx.hstack(
                    _company_field("Code postal", "code_postal"),
                    _company_field("Ville", "ville"),
                    width="100%",
                ),
                rx.cond(
                    E.error != "",
                    rx.callout(
                        E.error, icon="triangle-alert", color_scheme="red", role="alert", id="company-error"
                    ),
                ),
                rx.hstack(
                    rx.button(
                        "Fermer", variant="soft", color_scheme="gray", on_click=E.close_company, type="button"
                    ),
                    rx.button("Créer l'entreprise", on_click=E.save_company, id="company-save"),
                    justify="end",
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            max_width="36rem",
            on_escape_key_down=E.close_company,
        ),
        open=E.company_open,
    )


def _mandate_form() -> rx.Component:
    send = rx.cond(
        rx.selected_files(UPLOAD_ID).length() > 0,
        rx.button(
            "Enregistrer le mandat",
            on_click=E.save_mandate_with_document(rx.upload_files(upload_id=UPLOAD_ID)),
            id="mandate-save",
        ),
        rx.button("Enregistrer le mandat", on_click=E.save_mandate, id="mandate-save"),
    )
    return rx.card(
        rx.vstack(
            rx.heading("Enregistrer un mandat de représentation", size="3", as_="h3"),
            rx.hstack(
                rx.vstack(
                    rx.el.label("Représentant", html_for="mandate-user"),
                    rx.el.select(
                        rx.el.option("Choisissez", value=""),
                        rx.foreach(E.representatives, lambda r: rx.el.option(r["label"], value=r["id"])),
                        value=E.mandate.get("user_id", ""),
                        on_change=lambda v: E.set_mandate_field("user_id", v),
                        id="mandate-user",
                    ),
                    spacing="1",
                ),
                rx.vstack(
                    rx.el.label("Entreprise représentée", html_for="mandate-company"),
                    rx.el.select(
                        rx.el.option("Choisissez", value=""),
                        rx.foreach(E.companies, lambda c: rx.el.option(c["raison_sociale"], value=c["id"])),
                        value=E.mandate.get("company_id", ""),
                        on_change=lambda v: E.set_mandate_field("company_id", v),
                        id="mandate-company",
                    ),
                    spacing="1",
                ),
                spacing="4",
                wrap="wrap",
            ),
            rx.hstack(
                _input(
                    "Du (JJ/MM/AAAA)",
                    "mandate-from",
                    E.mandate.get("valid_from", ""),
                    lambda v: E.set_mandate_field("valid_from", v),
                    max_width="10rem",
                ),
                _input(
                    "Au (facultatif)",
                    "mandate-to",
                    E.mandate.get("valid_to", ""),
                    lambda v: E.set_mandate_field("valid_to", v),
                    max_width="10rem",
                ),
                spacing="4",
            ),
            named_file_input(
                rx.upload.root(
                    rx.hstack(
                        rx.icon("file-text", size=18, color=rx.color("accent", 9)),
                        rx.text("Mandat signé (PDF, 5 Mo) :", size="2"),
                        rx.button("Choisir le fichier", variant="soft", size="1", type="button"),
                        align="center",
                        spacing="2",
                    ),
                    id=UPLOAD_ID,
                    multiple=False,
                    accept={"application/pdf": [".pdf"]},
                    max_files=1,
                    class_name="dropzone dropzone-compact",
                ),
                "Mandat signé",
            ),
            rx.foreach(
                rx.selected_files(UPLOAD_ID),
                lambda name: rx.text(
                    rx.icon("file", size=14), " ", name, size="2", class_name="selected-file"
                ),
            ),
            rx.cond(
                E.mandate_error != "",
                rx.callout(
                    E.mandate_error,
                    icon="triangle-alert",
                    color_scheme="red",
                    role="alert",
                    id="mandate-error",
                ),
            ),
            send,
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


@page(
    routes.ADMIN_ENTREPRISES,
    "Entreprises et mandats",
    roles=ADMIN_ROLES,
    on_load=E.load,
    nav=((ADMIN_ROLES, "Entreprises"),),
    nav_order=12,
)
def companies_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Entreprises et mandats", size="7", as_="h1"),
            rx.cond(E.notice != "", rx.callout(E.notice, icon="info", id="companies-notice")),
            rx.hstack(
                rx.heading("Entreprises", size="4", as_="h2"),
                rx.spacer(),
                rx.button(
                    rx.icon("building-2", size=16),
                    "Créer une entreprise",
                    on_click=E.open_company,
                    id="company-new",
                ),
                width="100%",
                align="center",
            ),
            _company_dialog(),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Raison sociale"),
                        rx.table.column_header_cell("SIRET"),
                        rx.table.column_header_cell("EORI"),
                        rx.table.column_header_cell("Ville"),
                        rx.table.column_header_cell("Opérateurs"),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        E.companies,
                        lambda c: rx.table.row(
                            rx.table.row_header_cell(c["raison_sociale"]),
                            rx.table.cell(rx.code(c["siret"])),
                            rx.table.cell(rx.code(c["eori"])),
                            rx.table.cell(c["ville"]),
                            rx.table.cell(c["operators"]),
                        ),
                    )
                ),
                width="100%",
                id="companies-table",
            ),
            rx.heading("Mandats de représentation", size="4", as_="h2"),
            rx.text(
                "Un mandat échu retire l'entreprise du choix du représentant dès sa page suivante.",
                size="2",
                color_scheme="gray",
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Représentant"),
                        rx.table.column_header_cell("Entreprise"),
                        rx.table.column_header_cell("Du"),
                        rx.table.column_header_cell("Au"),
                        rx.table.column_header_cell("Document"),
                        rx.table.column_header_cell("État"),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        E.mandates,
                        lambda m: rx.table.row(
                            rx.table.cell(m["representative"]),
                            rx.table.cell(m["company"]),
                            rx.table.cell(m["valid_from"]),
                            rx.table.cell(rx.cond(m["valid_to"] != "", m["valid_to"], "—")),
                            rx.table.cell(
                                rx.cond(
                                    m["document"] != "",
                                    rx.el.a(
                                        m["document"],
                                        href="/api/mandats/" + m["id"] + "/document",
                                        download="",
                                        reload_document=True,
                                        class_name="download-link",
                                    ),
                                    "—",
                                )
                            ),
                            rx.table.cell(
                                rx.cond(
                                    m["in_force"] == "True",
                                    rx.hstack(
                                        rx.badge("En vigueur", color_scheme="green"),
                                        rx.button(
                                            "Terminer",
                                            size="1",
                                            variant="soft",
                                            color_scheme="red",
                                            on_click=E.end_mandate(m["id"]),
                                            class_name="mandate-end",
                                        ),
                                        spacing="2",
                                    ),
                                    rx.badge("Échu", color_scheme="gray"),
                                )
                            ),
                            data_company=m["company"],
                            data_representative=m["representative"],
                        ),
                    )
                ),
                width="100%",
                id="mandates-table",
            ),
            _mandate_form(),
            spacing="4",
            width="100%",
        )
    )
