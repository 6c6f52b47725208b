"""Pieces of the form page: rubrique list with progress, check summary, action bar, search dialog."""

from __future__ import annotations

import reflex as rx

from ..domain.catalogue import CATALOGUE
from ..domain.forms import PROGRESS_LABELS, Progress
from ..state.form import FormState
from ..state.search import SearchState
from ..state.session import may_file
from .confirm import confirm_dialog

PROGRESS_COLORS = {
    Progress.NON_COMMENCEE.value: "gray",
    Progress.EN_COURS.value: "blue",
    Progress.COMPLETE.value: "green",
    Progress.A_CORRIGER.value: "red",
}


def _progress_badge(rubrique: str) -> rx.Component:
    status = FormState.progress[rubrique].to(str)
    return rx.badge(
        rx.match(status, *[(p.value, PROGRESS_LABELS[p]) for p in Progress], ""),
        color_scheme=rx.match(status, *list(PROGRESS_COLORS.items()), "gray"),
        variant="soft",
        size="1",
    )


def rubrique_nav() -> rx.Component:
    items = []
    for rubrique_def in CATALOGUE.rubriques:
        key = rubrique_def.rubrique.value
        items.append(
            rx.el.li(
                rx.button(
                    rx.vstack(
                        rx.text(rubrique_def.label, size="2", weight="medium", text_align="left"),
                        _progress_badge(key),
                        spacing="1",
                        align="start",
                    ),
                    variant=rx.cond(FormState.current == key, "soft", "ghost"),
                    color_scheme=rx.cond(FormState.current == key, "teal", "gray"),
                    on_click=FormState.show_rubrique(key),
                    width="100%",
                    justify="start",
                    height="auto",
                    padding="0.5rem 0.75rem",
                    type="button",
                    aria_current=rx.cond(FormState.current == key, "step", None),
                    id=f"nav-{key}",
                ),
                style={"list_style": "none"},
            )
        )
    return rx.el.nav(
        rx.el.ol(*items, style={"padding": "0", "margin": "0", "display": "grid", "gap": "0.25rem"}),
        aria_label="Rubriques du formulaire",
        class_name="rubrique-nav",
    )


def _summary_item(item: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.link(
            item["label"],
            href="#",
            on_click=[rx.prevent_default, FormState.go_to(item["rubrique"], item["target"])],
            weight="medium",
        ),
        " : ",
        item["message"],
        rx.cond(
            item["severity"] == "avertissement",
            rx.badge("avertissement", color_scheme="amber", size="1", margin_left="0.5rem"),
        ),
        class_name=rx.cond(item["severity"] == "erreur", "summary-error", "summary-warning"),
    )


def check_summary() -> rx.Component:
    return rx.cond(
        FormState.checked,
        rx.box(
            rx.cond(
                FormState.error_count > 0,
                rx.heading(
                    "Le formulaire comporte ",
                    FormState.error_count,
                    " erreur(s) bloquante(s)",
                    rx.cond(
                        FormState.warning_count > 0,
                        rx.fragment(" et ", FormState.warning_count, " avertissement(s)"),
                    ),
                    size="4",
                    as_="h2",
                ),
                rx.heading(
                    rx.cond(
                        FormState.warning_count > 0,
                        rx.fragment(
                            "Aucune erreur bloquante ; ", FormState.warning_count, " avertissement(s) à lire"
                        ),
                        "Aucune anomalie : vous pouvez valider la demande",
                    ),
                    size="4",
                    as_="h2",
                ),
            ),
            rx.foreach(
                FormState.summary,
                lambda group: rx.box(
                    rx.text(group["label"], weight="bold", size="2", margin_top="0.5rem"),
                    rx.el.ul(
                        rx.foreach(group["items"].to(list[dict[str, str]]), _summary_item),
                        class_name="summary-list",
                    ),
                ),
            ),
            id="check-summary",
            tab_index=-1,
            role="region",
            aria_label="Résultat du contrôle",
            class_name=rx.cond(FormState.error_count > 0, "check-summary has-errors", "check-summary"),
        ),
    )


def save_indicator() -> rx.Component:
    return rx.hstack(
        rx.cond(FormState.saving, rx.spinner(size="1"), rx.icon("cloud", size=14, aria_hidden="true")),
        rx.text(FormState.save_status, size="1", color_scheme="gray", id="save-status"),
        spacing="1",
        align="center",
        aria_live="polite",
    )


def delete_draft_dialog() -> rx.Component:
    return confirm_dialog(
        title="Supprimer le brouillon ?",
        description=(
            "Le brouillon, ses pièces jointes et son historique seront effacés définitivement. "
            "Rien n'a été transmis au service des douanes."
        ),
        open=FormState.delete_open,
        on_confirm=FormState.confirm_delete,
        on_cancel=FormState.cancel_delete,
        confirm_label="Supprimer le brouillon",
        confirm_id="confirm-delete-draft",
    )


def action_bar() -> rx.Component:
    return rx.box(
        rx.hstack(
            save_indicator(),
            rx.spacer(),
            rx.button(
                rx.icon("trash-2", size=16),
                "Supprimer le brouillon",
                variant="ghost",
                color_scheme="red",
                on_click=FormState.ask_delete,
                id="btn-supprimer",
                type="button",
            ),
            rx.button(
                rx.icon("list-checks", size=16),
                "Contrôler",
                variant="soft",
                on_click=FormState.run_checks,
                id="btn-controler",
                type="button",
            ),
            rx.button(
                rx.icon("save", size=16),
                "Sauvegarder",
                variant="outline",
                on_click=FormState.save_now,
                id="btn-sauvegarder",
                type="button",
            ),
            rx.cond(
                may_file(),
                rx.button(
                    rx.icon("send", size=16),
                    "Valider",
                    on_click=FormState.validate,
                    id="btn-valider",
                    type="button",
                ),
            ),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            FormState.save_error != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("triangle-alert")),
                rx.vstack(
                    rx.callout.text(FormState.save_error),
                    rx.cond(
                        FormState.conflict,
                        rx.hstack(
                            rx.button(
                                "Enregistrer ma version",
                                size="1",
                                color_scheme="red",
                                on_click=FormState.keep_my_version,
                                id="keep-mine",
                            ),
                            rx.button(
                                "Charger la dernière version enregistrée",
                                size="1",
                                variant="soft",
                                color_scheme="gray",
                                on_click=FormState.reload_latest,
                            ),
                            spacing="2",
                        ),
                        rx.button("Réessayer", size="1", variant="soft", on_click=FormState.save_now),
                    ),
                    spacing="2",
                ),
                color_scheme="red",
                role="alert",
                margin_top="0.5rem",
                id="save-error",
            ),
        ),
        class_name="action-bar",
    )


def search_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(
                rx.cond(
                    SearchState.kind == "cn",
                    "Rechercher un code NC (nomenclature combinée 2025)",
                    "Rechercher un bureau de douane",
                )
            ),
            rx.dialog.description(
                rx.cond(
                    SearchState.kind == "cn",
                    "Tapez un code (ex. 8471) ou des mots de la désignation (ex. tôles acier).",
                    "Tapez un code (ex. FR0026) ou un nom de ville (ex. Lyon).",
                ),
                size="2",
            ),
            rx.input(
                value=SearchState.query,
                on_change=SearchState.set_query,
                debounce_timeout=200,
                placeholder="Rechercher…",
                id="search-query",
                aria_label="Texte recherché",
                auto_focus=True,
                margin_top="0.75rem",
            ),
            rx.cond(
                SearchState.message != "",
                rx.text(SearchState.message, size="2", color_scheme="gray", margin_top="0.5rem"),
            ),
            rx.el.ul(
                rx.foreach(
                    SearchState.results,
                    lambda r: rx.el.li(
                        rx.button(
                            rx.hstack(
                                rx.code(r["shown"]),
                                rx.text(r["label"], size="2", text_align="left"),
                                spacing="3",
                                align="start",
                            ),
                            variant="ghost",
                            width="100%",
                            justify="start",
                            height="auto",
                            padding="0.4rem",
                            type="button",
                            on_click=SearchState.choose(r["code"]),
                        ),
                        style={"list_style": "none"},
                    ),
                ),
                class_name="search-results",
            ),
            rx.cond(
                SearchState.kind == "cn",
                rx.text(
                    "Source : Commission européenne — Nomenclature combinée / TARIC (2025)",
                    size="1",
                    color_scheme="gray",
                ),
                rx.text(
                    "Source : liste des bureaux de douane de l'Union (avril 2023)",
                    size="1",
                    color_scheme="gray",
                ),
            ),
            rx.hstack(
                rx.button(
                    "Fermer", variant="soft", color_scheme="gray", on_click=SearchState.close, type="button"
                ),
                justify="end",
                margin_top="0.75rem",
            ),
            max_width="44rem",
            on_escape_key_down=SearchState.close,
            on_interact_outside=SearchState.close,
        ),
        open=SearchState.open,
    )
