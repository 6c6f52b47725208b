"""Administrator's home: accounts, roles and locked identifiers."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.roles import ADMIN_ROLES, Role
from ..state.accounts import COMPANY_ROLE_OPTIONS, ROLE_OPTIONS
from ..state.accounts import AccountsAdminState as A
from ..state.admin import AdminState
from .registry import page


def account_row(row: rx.Var) -> rx.Component:
    active = row["active"] == "True"
    return rx.table.row(
        rx.table.row_header_cell(rx.code(row["email"])),
        rx.table.cell(row["name"]),
        rx.table.cell(
            row["role"],
            rx.cond(
                row["company_role_label"] != "",
                rx.text(row["company_role_label"], size="1", color_scheme="gray"),
            ),
            rx.cond(
                row["service_lead"] == "True",
                rx.text("Responsable du service", size="1", color_scheme="gray"),
            ),
        ),
        rx.table.cell(row["attachment"]),
        rx.table.cell(
            rx.cond(
                ~active,
                rx.badge("Désactivé", color_scheme="gray"),
                rx.cond(
                    row["locked_until"] != "",
                    rx.hstack(
                        rx.badge("Verrouillé jusqu'à ", row["locked_until"], color_scheme="red"),
                        rx.button(
                            "Déverrouiller",
                            size="1",
                            variant="soft",
                            on_click=AdminState.unlock(row["email"]),
                        ),
                        spacing="2",
                    ),
                    rx.cond(
                        row["activated"] == "True",
                        rx.badge("Actif", color_scheme="green"),
                        rx.badge("Activation en attente", color_scheme="orange"),
                    ),
                ),
            )
        ),
        rx.table.cell(
            rx.hstack(
                rx.button(
                    "Modifier", size="1", variant="soft", on_click=A.open_edit(row), class_name="account-edit"
                ),
                rx.cond(
                    active,
                    rx.button(
                        "Désactiver",
                        size="1",
                        variant="soft",
                        color_scheme="red",
                        on_click=A.set_active(row["id"], False),
                        class_name="account-deactivate",
                    ),
                    rx.button(
                        "Réactiver",
                        size="1",
                        variant="soft",
                        on_click=A.set_active(row["id"], True),
                        class_name="account-reactivate",
                    ),
                ),
                rx.cond(
                    active & (row["activated"] != "True"),
                    rx.button(
                        "Renvoyer le lien",
                        size="1",
                        variant="ghost",
                        on_click=A.resend(row["id"]),
                        class_name="account-resend",
                    ),
                ),
                spacing="2",
                wrap="wrap",
            ),
            data_email=row["email"],
        ),
    )


def _select(
    label: str, select_id: str, value: rx.Var, field: str, options: rx.Var | list[dict[str, str]], key: str
) -> rx.Component:
    items = (
        [rx.el.option(o["label"], value=o[key]) for o in options]
        if isinstance(options, list)
        else [rx.foreach(options, lambda o: rx.el.option(o["label"], value=o[key]))]
    )
    return rx.vstack(
        rx.el.label(label, html_for=select_id),
        rx.el.select(
            rx.el.option("Choisissez", value=""),
            *items,
            value=value,
            on_change=lambda v: A.set_field(field, v),
            id=select_id,
        ),
        spacing="1",
    )


def _text(label: str, input_id: str, value: rx.Var, field: str, **props: object) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=input_id),
        rx.input(value=value, on_change=lambda v: A.set_field(field, v), id=input_id, width="100%", **props),
        spacing="1",
        width="100%",
    )


def account_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(A.editing == 0, "Créer un compte", "Modifier le compte")),
            rx.vstack(
                _text("Adresse électronique (identifiant)", "account-email", A.email, "email", type="email"),
                rx.hstack(
                    _text("Prénom", "account-first-name", A.first_name, "first_name"),
                    _text("Nom", "account-last-name", A.last_name, "last_name"),
                    spacing="3",
                    width="100%",
                ),
                _select("Rôle", "account-role", A.role, "role", ROLE_OPTIONS, "value"),
                rx.cond(
                    (A.role == Role.OPERATEUR.value) | (A.role == Role.REPRESENTANT.value),
                    _select("Entreprise", "account-company", A.company_id, "company_id", A.companies, "id"),
                ),
                rx.cond(
                    A.role == Role.OPERATEUR.value,
                    _select(
                        "Rôle dans l'entreprise (Consultation : lecture ; Préparation : brouillons ; Dépôt : dépôt et réponses)",
                        "account-company-role",
                        A.company_role,
                        "company_role",
                        COMPANY_ROLE_OPTIONS,
                        "value",
                    ),
                ),
                rx.cond(
                    A.role == Role.AGENT.value,
                    rx.vstack(
                        _select(
                            "Service des douanes",
                            "account-service",
                            A.service_id,
                            "service_id",
                            A.services,
                            "id",
                        ),
                        rx.el.label(
                            rx.checkbox(
                                checked=A.service_lead,
                                on_change=A.set_service_lead,
                                id="account-service-lead",
                            ),
                            rx.text(
                                "Responsable du service (affecte les dossiers du service à ses agents)",
                                size="2",
                            ),
                            html_for="account-service-lead",
                            display="flex",
                            gap="0.5rem",
                            align_items="center",
                        ),
                        spacing="3",
                        width="100%",
                    ),
                ),
                rx.cond(
                    A.editing == 0,
                    rx.text(
                        "Le titulaire reçoit un lien d'activation (valable 3 jours) pour choisir son mot de passe.",
                        size="1",
                        color_scheme="gray",
                    ),
                ),
                rx.cond(
                    A.error != "",
                    rx.callout(
                        A.error, icon="triangle-alert", color_scheme="red", role="alert", id="account-error"
                    ),
                ),
                rx.hstack(
                    rx.button("Fermer", variant="soft", color_scheme="gray", on_click=A.close, type="button"),
                    rx.button("Enregistrer", on_click=A.save, id="account-save"),
                    justify="end",
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
                margin_top="0.5rem",
            ),
            max_width="36rem",
            on_escape_key_down=A.close,
        ),
        open=A.editing >= 0,
    )


@page(
    routes.ADMINISTRATION,
    "Administration",
    on_load=AdminState.load,
    roles=ADMIN_ROLES,
    nav=((ADMIN_ROLES, "Administration"),),
    nav_order=10,
)
def administration_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Administration", size="7", as_="h1"),
            rx.hstack(
                rx.heading("Comptes utilisateurs", size="4", as_="h2"),
                rx.spacer(),
                rx.button(
                    rx.icon("user-plus", size=16), "Créer un compte", on_click=A.open_new, id="account-new"
                ),
                width="100%",
                align="center",
            ),
            rx.cond(A.notice != "", rx.callout(A.notice, icon="info", id="account-notice")),
            account_dialog(),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Identifiant"),
                        rx.table.column_header_cell("Nom"),
                        rx.table.column_header_cell("Rôle"),
                        rx.table.column_header_cell("Entreprise / service"),
                        rx.table.column_header_cell("État"),
                        rx.table.column_header_cell("Actions"),
                    )
                ),
                rx.table.body(rx.foreach(AdminState.accounts, account_row)),
                variant="surface",
                width="100%",
                id="accounts-table",
            ),
            scheduler_card(),
            rx.cond(AdminState.time_machine, time_machine_card()),
            spacing="4",
            width="100%",
        )
    )


def scheduler_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Planificateur", size="4", as_="h2"),
                rx.spacer(),
                rx.button(
                    "Actualiser",
                    size="1",
                    variant="soft",
                    on_click=AdminState.refresh_scheduler,
                    id="refresh-scheduler",
                ),
                rx.button(
                    rx.icon("play", size=14),
                    "Lancer maintenant",
                    size="1",
                    on_click=AdminState.run_now,
                    id="run-now",
                ),
                width="100%",
                align="center",
            ),
            rx.text(
                "Il fait agir les délais : demandes irrecevables faute de compléments, délais de réponse expirés, "
                "délais dépassés, rappels, autorisations en vigueur ou expirées, brouillons abandonnés.",
                size="2",
                color_scheme="gray",
            ),
            rx.hstack(
                rx.text(
                    "État : ", rx.text.strong(AdminState.scheduler["state"]), size="2", id="scheduler-state"
                ),
                rx.text(
                    "Dernière passe : ",
                    rx.text.strong(AdminState.scheduler["last_run"]),
                    size="2",
                    id="last-run",
                ),
                rx.text("Prochaine passe : ", rx.text.strong(AdminState.scheduler["next_run"]), size="2"),
                spacing="5",
                wrap="wrap",
            ),
            rx.cond(
                AdminState.scheduler["outcome"] != "",
                rx.callout(
                    AdminState.scheduler["outcome"], color_scheme="red", icon="triangle-alert", size="1"
                ),
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Tâche"),
                        rx.table.column_header_cell("Effets à la dernière passe"),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        AdminState.jobs,
                        lambda job: rx.table.row(
                            rx.table.row_header_cell(job["label"]),
                            rx.table.cell(job["count"], id="job-" + job["name"]),
                        ),
                    )
                ),
                variant="surface",
                size="1",
                width="100%",
                id="scheduler-jobs",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="scheduler",
    )


def time_machine_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Date simulée (démonstration)", size="4", as_="h2"),
            rx.text(
                "Avancez la date de l'application pour montrer ce que font les délais. Le temps ne recule pas ; "
                "« ./manage.sh reset-demo » revient à la date réelle.",
                size="2",
                color_scheme="gray",
            ),
            rx.text(
                "Date de l'application : ",
                rx.text.strong(AdminState.app_date, id="app-date"),
                rx.cond(AdminState.simulated, " (simulée)", " (réelle)"),
                size="2",
            ),
            rx.hstack(
                rx.button("+ 1 jour", variant="soft", on_click=AdminState.advance("1"), id="advance-1"),
                rx.button("+ 1 semaine", variant="soft", on_click=AdminState.advance("7"), id="advance-7"),
                rx.button("+ 30 jours", variant="soft", on_click=AdminState.advance("30"), id="advance-30"),
                spacing="2",
                wrap="wrap",
            ),
            rx.hstack(
                rx.el.label("Aller au (JJ/MM/AAAA)", html_for="target-date", class_name="field-label"),
                rx.input(
                    value=AdminState.target_date,
                    on_change=AdminState.set_target_date,
                    id="target-date",
                    max_width="10rem",
                    placeholder="JJ/MM/AAAA",
                ),
                rx.button("Aller à cette date", on_click=AdminState.move_to_target, id="move-to"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.cond(
                AdminState.time_error != "",
                rx.callout(
                    AdminState.time_error,
                    color_scheme="red",
                    icon="triangle-alert",
                    role="alert",
                    id="time-error",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="time-machine",
    )
