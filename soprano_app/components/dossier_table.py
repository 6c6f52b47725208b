"""Dossier list of the dashboards: « Statut du dossier » and other filters, saved views, sortable table,
pagination, export; on the customs side, « Suivi » and bulk actions."""

from __future__ import annotations

from typing import Any

import reflex as rx

from .. import routes
from ..domain.regimes import REGIME_LABELS, TYPE_DEMANDE_SHORT_LABELS, Regime, TypeDemande
from ..domain.statuses import BUCKET_LABELS, Bucket, DossierStatus
from ..state.dashboard import DashboardState
from .form_field import server_echo


def status_badge(label: rx.Var, bucket: rx.Var, status: rx.Var) -> rx.Component:
    """Orange when it is the viewer's turn, blue when the other side's; decisions in their colour."""
    return rx.badge(
        label,
        color_scheme=rx.match(
            bucket,
            (Bucket.A_TRAITER.value, "orange"),
            (Bucket.EN_ATTENTE.value, "blue"),
            rx.match(
                status,
                (DossierStatus.ACCORDEE.value, "green"),
                (DossierStatus.REFUSEE.value, DossierStatus.IRRECEVABLE.value, "red"),
                "gray",
            ),
        ),
        variant="soft",
        radius="full",
        white_space="normal",
    )


def status_filter() -> rx.Component:
    def checkbox(bucket: Bucket, checked: rx.Var, count: rx.Var, hint: str) -> rx.Component:
        return rx.el.label(
            rx.hstack(
                rx.checkbox(
                    checked=checked,
                    on_change=lambda value: DashboardState.toggle(bucket.value, value),
                    id=f"filtre-{bucket.value}",
                ),
                rx.text(BUCKET_LABELS[bucket], " (", count, ")", weight="medium", size="2"),
                rx.text(hint, size="1", color_scheme="gray"),
                align="center",
                spacing="2",
            ),
            html_for=f"filtre-{bucket.value}",
        )

    return rx.el.fieldset(
        rx.el.legend(rx.text("Statut du dossier", weight="bold", size="2")),
        rx.hstack(
            checkbox(
                Bucket.A_TRAITER,
                DashboardState.show_a_traiter,
                DashboardState.count_a_traiter,
                "vous devez intervenir",
            ),
            checkbox(
                Bucket.EN_ATTENTE,
                DashboardState.show_en_attente,
                DashboardState.count_en_attente,
                "traités par l'autre partie",
            ),
            checkbox(
                Bucket.CLOTURES,
                DashboardState.show_clotures,
                DashboardState.count_clotures,
                "décision rendue",
            ),
            spacing="5",
            wrap="wrap",
        ),
        style={"border": "none", "padding": "0", "margin": "0"},
    )


def _sort_header(label: str, column: str) -> rx.Component:
    active = DashboardState.sort == column
    return rx.table.column_header_cell(
        rx.button(
            label,
            rx.cond(
                active,
                rx.cond(
                    DashboardState.descending,
                    rx.icon("arrow-down", size=14, aria_hidden="true"),
                    rx.icon("arrow-up", size=14, aria_hidden="true"),
                ),
                rx.icon("arrow-up-down", size=14, aria_hidden="true", opacity="0.4"),
            ),
            variant="ghost",
            size="1",
            on_click=DashboardState.sort_by(column),
            title=f"Trier par {label.lower()}",
            color_scheme="gray",
            high_contrast=True,
        ),
        aria_sort=rx.cond(active, rx.cond(DashboardState.descending, "descending", "ascending"), "none"),
    )


def _row(row: rx.Var, show_company: bool) -> rx.Component:
    cells = []
    if show_company:  # the customs queue: rows can be ticked for a bulk action
        cells.append(
            rx.table.cell(
                rx.checkbox(
                    checked=DashboardState.selected.contains(row["id"]),
                    on_change=lambda checked: DashboardState.toggle_row(row["id"], checked),
                    aria_label="Sélectionner le dossier " + row["numero"],
                    class_name="row-select",
                )
            )
        )
    cells += [
        rx.table.row_header_cell(
            rx.link(row["numero"], href=routes.dossier_path(row["id"].to(str)), weight="medium"),
        ),
    ]
    if show_company:
        cells.append(rx.table.cell(row["entreprise"]))
    cells += [
        rx.table.cell(
            rx.tooltip(rx.badge(row["regime"], variant="outline"), content=row["regime_label"]),
            rx.el.span(row["regime_label"], class_name="sr-only"),
        ),
        rx.table.cell(row["type_demande"]),
        rx.table.cell(
            rx.vstack(
                status_badge(row["statut_label"], row["bucket"], row["statut"]),
                rx.cond(
                    row["alerte"] != "",
                    rx.badge(
                        rx.icon("bell-ring", size=12, aria_hidden="true"),
                        row["alerte"],
                        color_scheme="red",
                        variant="soft",
                        class_name="dossier-alert",
                    ),
                ),
                spacing="1",
                align="start",
            )
        ),
        rx.table.cell(row["updated_at"]),
    ]
    if show_company:  # the customs queue: who follows it
        cells.append(
            rx.table.cell(
                rx.cond(row["suivi_par"] != "", row["suivi_par"], rx.text("—", color_scheme="gray")),
                class_name="follower-cell",
            )
        )
    cells += [
        rx.table.cell(
            rx.cond(
                row["overdue"] == "true",
                rx.hstack(
                    rx.icon("alarm-clock", size=14, color=rx.color("red", 10), aria_hidden="true"),
                    rx.text(row["echeance"], color_scheme="red", weight="bold"),
                    rx.el.span("(échéance dépassée)", class_name="sr-only"),
                    spacing="1",
                    align="center",
                ),
                rx.text(rx.cond(row["echeance"] != "", row["echeance"], "—")),
            )
        ),
    ]
    return rx.table.row(*cells, data_overdue=row["overdue"])


def pagination() -> rx.Component:
    return rx.hstack(
        rx.text(DashboardState.total, " dossier(s)", size="2", color_scheme="gray", id="dossier-total"),
        rx.spacer(),
        rx.hstack(
            rx.text("Par page", size="2"),
            rx.select.root(
                # The label goes on the trigger, the element screen readers announce.
                rx.select.trigger(aria_label="Nombre de dossiers par page", id="page-size"),
                rx.select.content(*[rx.select.item(n, value=n) for n in ("10", "20", "50")]),
                value=DashboardState.page_size_label,
                on_change=DashboardState.set_page_size,
                size="1",
            ),
            align="center",
            spacing="2",
        ),
        rx.el.nav(
            rx.hstack(
                rx.button(
                    rx.icon("chevron-left", size=14),
                    "Précédente",
                    size="1",
                    variant="soft",
                    disabled=DashboardState.page <= 1,
                    on_click=DashboardState.go_to_page(DashboardState.page - 1),
                ),
                rx.text(
                    "Page ", DashboardState.page, " sur ", DashboardState.page_count, size="2", id="page-info"
                ),
                rx.button(
                    "Suivante",
                    rx.icon("chevron-right", size=14),
                    size="1",
                    variant="soft",
                    disabled=DashboardState.page >= DashboardState.page_count,
                    on_click=DashboardState.go_to_page(DashboardState.page + 1),
                ),
                align="center",
                spacing="2",
            ),
            aria_label="Pagination",
        ),
        align="center",
        width="100%",
        wrap="wrap",
        spacing="4",
    )


def empty_state(customs: bool) -> rx.Component:
    if customs:
        return rx.card(
            rx.vstack(
                rx.icon("inbox", size=32, color=rx.color("gray", 9)),
                rx.heading("Aucun dossier pour ces critères", size="4", as_="h2"),
                rx.text(
                    "Cochez d'autres statuts ou changez le filtre « Suivi » pour élargir la liste.",
                    color_scheme="gray",
                ),
                align="center",
                spacing="2",
                padding="1.5em",
            ),
            width="100%",
            id="empty-state",
        )
    return rx.card(
        rx.vstack(
            rx.icon("folder-open", size=32, color=rx.color("gray", 9)),
            rx.heading("Aucun dossier pour ces critères", size="4", as_="h2"),
            rx.text(
                "Cochez d'autres statuts pour voir vos autres dossiers, ou déposez une nouvelle demande "
                "d'autorisation de régime particulier.",
                color_scheme="gray",
                text_align="center",
            ),
            rx.link(
                rx.button(rx.icon("file-plus", size=16), "Déposer un nouveau dossier", size="3"),
                href=routes.NOUVEAU_DOSSIER,
            ),
            align="center",
            spacing="3",
            padding="1.5em",
        ),
        width="100%",
        id="empty-state",
    )


def expiring_notice() -> rx.Component:
    """Authorisations ending within 90 days and not renewed yet, with the link to them."""
    return rx.cond(
        DashboardState.expiring_authorisations > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("hourglass")),
            rx.callout.text(
                rx.cond(
                    DashboardState.expiring_authorisations == 1,
                    "1 autorisation arrive",
                    rx.text.span(DashboardState.expiring_authorisations, " autorisations arrivent"),
                ),
                " à échéance dans les 90 jours sans renouvellement accordé. ",
                rx.link("Les voir", href=routes.AUTORISATIONS_EXPIRING, id="expiring-link"),
            ),
            color_scheme="orange",
            variant="surface",
            id="expiring-notice",
            width="100%",
        ),
    )


def authorisation_tasks_notice() -> rx.Component:
    """Authorisations on which this side must act (« À traiter »): a projet to answer, a decision."""
    return rx.cond(
        DashboardState.authorisation_tasks.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("scale")),
            rx.vstack(
                rx.text("Autorisations à traiter", weight="bold", size="2"),
                rx.el.ul(
                    rx.foreach(
                        DashboardState.authorisation_tasks,
                        lambda t: rx.el.li(
                            rx.link(
                                "Autorisation n° " + t["numero"],
                                href=routes.authorisation_path(t["authorisation_id"]),
                            ),
                            " — ",
                            t["text"],
                        ),
                    ),
                    style={"margin": 0, "padding_left": "1.2rem"},
                ),
                spacing="1",
            ),
            color_scheme="orange",
            variant="surface",
            id="authorisation-tasks",
            width="100%",
        ),
    )


def follow_filter() -> rx.Component:
    """The customs queue: every dossier of the service, those I follow, those nobody follows."""
    return _labelled_select(
        "Suivi",
        "follow-filter",
        DashboardState.follow,
        DashboardState.set_follow,
        [("tous", "Dossiers du service"), ("moi", "Mes dossiers"), ("aucun", "Non suivis")],
    )


def _labelled_select(
    label: str, element_id: str, value: rx.Var, on_change: Any, options: list[tuple[str, str]]
) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="2", weight="medium", id=f"{element_id}-label"),
        rx.select.root(
            rx.select.trigger(aria_labelledby=f"{element_id}-label", id=element_id),
            rx.select.content(*[rx.select.item(text, value=code) for code, text in options]),
            value=rx.cond(value == "", "tous", value),
            on_change=on_change,
        ),
        spacing="1",
    )


def more_filters() -> rx.Component:
    """Régime, type of application, past due date: they narrow every status above."""
    return rx.hstack(
        _labelled_select(
            "Régime",
            "filter-regime",
            DashboardState.regime,
            DashboardState.set_regime,
            [("tous", "Tous les régimes")] + [(r.value, f"{r.value} — {REGIME_LABELS[r]}") for r in Regime],
        ),
        _labelled_select(
            "Type de demande",
            "filter-type",
            DashboardState.type_demande,
            DashboardState.set_type_demande,
            [("tous", "Tous les types")] + [(t.value, TYPE_DEMANDE_SHORT_LABELS[t]) for t in TypeDemande],
        ),
        rx.el.label(
            rx.checkbox(
                checked=DashboardState.overdue, on_change=DashboardState.set_overdue, id="filter-overdue"
            ),
            rx.text("Échéance dépassée", size="2"),
            html_for="filter-overdue",
            display="flex",
            gap="0.5rem",
            align_items="center",
            padding_bottom="0.4rem",
        ),
        spacing="4",
        align="end",
        wrap="wrap",
    )


def saved_views_bar() -> rx.Component:
    """« Vues enregistrées »: the user's named filters, with the number of dossiers each holds now."""

    def chip(view: rx.Var) -> rx.Component:
        return rx.hstack(
            rx.button(
                view["name"],
                rx.badge(view["count"], variant="soft", radius="full"),
                on_click=DashboardState.apply_view(view["id"].to(int)),
                variant="surface",
                size="1",
                class_name="saved-view",
            ),
            rx.icon_button(
                rx.icon("x", size=12),
                on_click=DashboardState.delete_view(view["id"].to(int)),
                variant="ghost",
                color_scheme="gray",
                size="1",
                aria_label="Supprimer la vue " + view["name"],
            ),
            spacing="0",
            align="center",
        )

    return rx.hstack(
        rx.text("Vues enregistrées :", size="2", color_scheme="gray"),
        rx.foreach(DashboardState.views, chip),
        rx.cond(
            DashboardState.views.length() == 0,
            rx.text("aucune", size="2", color_scheme="gray"),
        ),
        rx.button(
            rx.icon("bookmark-plus", size=14),
            "Enregistrer cette vue",
            on_click=DashboardState.open_view_dialog,
            variant="ghost",
            size="1",
            id="save-view",
        ),
        spacing="2",
        align="center",
        wrap="wrap",
        id="saved-views",
    )


def save_view_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Enregistrer cette vue"),
            rx.dialog.description(
                "Les statuts cochés, la recherche et les filtres actuels, sous un nom que vous retrouverez "
                "au-dessus de la liste. Un nom déjà pris remplace la vue qui le porte.",
                size="2",
            ),
            rx.vstack(
                rx.el.label("Nom de la vue", html_for="view-name"),
                rx.input(
                    value=DashboardState.view_name,
                    on_change=DashboardState.set_view_name,
                    max_length=60,
                    id="view-name",
                    custom_attrs=server_echo(DashboardState.view_name),
                    width="100%",
                ),
                rx.cond(
                    DashboardState.view_error != "",
                    rx.text(DashboardState.view_error, color_scheme="red", size="2", role="alert"),
                ),
                rx.hstack(
                    rx.button(
                        "Annuler",
                        variant="soft",
                        color_scheme="gray",
                        on_click=DashboardState.close_view_dialog,
                    ),
                    rx.button("Enregistrer", on_click=DashboardState.save_view, id="view-save"),
                    justify="end",
                    width="100%",
                ),
                spacing="3",
                margin_top="1em",
            ),
        ),
        open=DashboardState.view_dialog,
    )


def export_links() -> rx.Component:
    """« Exporter » the list as shown (statuses, search, follow-up, order), every page of it."""

    def link(kind: str, label: str) -> rx.Component:
        return rx.el.a(
            rx.icon("download", size=14, aria_hidden="true"),
            f" {label}",
            href=routes.API_DOSSIERS_EXPORT.format(raw_kind=kind) + "?" + DashboardState.export_query,
            download="",
            reload_document=True,
            class_name="download-link export-link",
            id=f"export-{kind}",
        )

    return rx.hstack(
        rx.text("Exporter la liste (toutes les pages) :", size="2", color_scheme="gray"),
        link("csv", "CSV"),
        link("xlsx", "Excel (XLSX)"),
        spacing="3",
        align="center",
        justify="end",
        width="100%",
    )


def bulk_bar() -> rx.Component:
    """The customs queue: what to do with the ticked dossiers (each checked as if taken alone)."""
    return rx.cond(
        DashboardState.selected.length() > 0,
        rx.card(
            rx.hstack(
                rx.text(
                    DashboardState.selected.length(),
                    " dossier(s) sélectionné(s)",
                    weight="bold",
                    id="bulk-count",
                ),
                rx.button(
                    "Accepter la demande",
                    on_click=DashboardState.bulk_accept,
                    loading=DashboardState.bulk_busy,
                    id="bulk-accepter",
                ),
                rx.button(
                    "Prendre en charge",
                    on_click=DashboardState.bulk_take,
                    loading=DashboardState.bulk_busy,
                    variant="soft",
                    id="bulk-take",
                ),
                rx.cond(
                    DashboardState.agents.length() > 0,
                    rx.hstack(
                        rx.select.root(
                            rx.select.trigger(placeholder="Affecter à…", aria_label="Agent", id="bulk-agent"),
                            rx.select.content(
                                rx.foreach(
                                    DashboardState.agents, lambda a: rx.select.item(a["name"], value=a["id"])
                                )
                            ),
                            value=DashboardState.bulk_agent,
                            on_change=DashboardState.choose_bulk_agent,
                        ),
                        rx.button(
                            "Affecter",
                            on_click=DashboardState.bulk_assign,
                            loading=DashboardState.bulk_busy,
                            variant="soft",
                            id="bulk-assign",
                        ),
                        spacing="2",
                    ),
                ),
                rx.button(
                    "Tout désélectionner",
                    on_click=DashboardState.toggle_page(False),
                    variant="ghost",
                    color_scheme="gray",
                ),
                spacing="3",
                align="center",
                wrap="wrap",
            ),
            width="100%",
            id="bulk-bar",
        ),
    )


def bulk_results_dialog() -> rx.Component:
    """Per dossier: done, or refused and why."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(DashboardState.bulk_title, " : résultat par dossier"),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Dossier"),
                        rx.table.column_header_cell("Résultat"),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        DashboardState.bulk_results,
                        lambda r: rx.table.row(
                            rx.table.row_header_cell(r["numero"]),
                            rx.table.cell(
                                rx.cond(
                                    r["done"] == "true",
                                    rx.badge("Fait", color_scheme="green"),
                                    rx.badge("Refusé", color_scheme="red"),
                                ),
                                " ",
                                rx.text(r["message"], size="2", as_="span"),
                            ),
                            data_done=r["done"],
                        ),
                    )
                ),
                width="100%",
                id="bulk-results",
            ),
            rx.hstack(
                rx.dialog.close(rx.button("Fermer", on_click=DashboardState.close_bulk_results)),
                justify="end",
                margin_top="1em",
            ),
            max_width="720px",
        ),
        open=DashboardState.bulk_results.length() > 0,
    )


def dossier_list(customs: bool = False) -> rx.Component:
    headers = []
    if customs:
        headers.append(
            rx.table.column_header_cell(
                rx.checkbox(
                    checked=(DashboardState.selected.length() > 0)
                    & (DashboardState.selected.length() == DashboardState.rows.length()),
                    on_change=DashboardState.toggle_page,
                    aria_label="Sélectionner tous les dossiers de la page",
                    id="select-page",
                )
            )
        )
    headers.append(_sort_header("Numéro de dossier", "numero"))
    if customs:
        headers.append(_sort_header("Opérateur", "entreprise"))
    headers += [
        _sort_header("Régime", "regime"),
        _sort_header("Type de demande", "type_demande"),
        _sort_header("Statut", "statut"),
        _sort_header("Dernière modification", "updated_at"),
    ]
    if customs:
        headers.append(
            rx.table.column_header_cell(rx.text("Suivi par", size="1", weight="medium"), scope="col")
        )
    headers += [
        _sort_header("Échéance", "echeance"),
    ]
    return rx.vstack(
        authorisation_tasks_notice(),
        expiring_notice(),
        rx.hstack(
            status_filter(),
            *([follow_filter()] if customs else []),
            rx.spacer(),
            rx.input(
                rx.input.slot(rx.icon("search", size=14)),
                placeholder="Numéro, entreprise, SIRET, EORI",
                value=DashboardState.search,
                on_change=DashboardState.set_search,
                debounce_timeout=250,
                aria_label="Rechercher un dossier par numéro ou par entreprise (nom, SIRET, EORI)",
                id="dossier-search",
            ),
            width="100%",
            align="end",
            wrap="wrap",
            spacing="3",
        ),
        more_filters(),
        saved_views_bar(),
        save_view_dialog(),
        *([bulk_bar(), bulk_results_dialog()] if customs else []),
        rx.cond(
            DashboardState.nothing_selected,
            rx.callout("Cochez au moins un statut pour afficher des dossiers.", icon="info"),
        ),
        rx.cond(
            ~DashboardState.loaded,
            rx.center(rx.spinner(size="3"), padding="2em", width="100%"),
            rx.cond(
                DashboardState.rows.length() > 0,
                rx.vstack(
                    rx.table.root(
                        rx.table.header(rx.table.row(*headers)),
                        rx.table.body(rx.foreach(DashboardState.rows, lambda row: _row(row, customs))),
                        variant="surface",
                        width="100%",
                        id="dossier-table",
                    ),
                    pagination(),
                    export_links(),
                    width="100%",
                    spacing="3",
                ),
                empty_state(customs),
            ),
        ),
        width="100%",
        spacing="4",
    )
