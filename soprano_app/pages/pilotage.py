"""« Pilotage du service »: the customs service's queue at a glance, with Reflex's charts."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain.roles import CUSTOMS_ROLES
from ..state.service_overview import ServiceOverviewState as O
from ..state.session import SessionState
from .registry import page


def _statuses_chart() -> rx.Component:
    return rx.card(
        rx.heading("Dossiers ouverts par statut", size="3", as_="h2"),
        rx.recharts.bar_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
            rx.recharts.x_axis(data_key="label", hide=True),
            rx.recharts.y_axis(allow_decimals=False),
            rx.recharts.tooltip(),
            rx.recharts.legend(),
            rx.recharts.bar(
                data_key="count", name="Dossiers", fill=rx.color("accent", 8), is_animation_active=False
            ),
            rx.recharts.bar(
                data_key="average_age",
                name="Âge moyen (jours)",
                fill=rx.color("orange", 8),
                is_animation_active=False,
            ),
            data=O.statuses,
            width="100%",
            height=240,
        ),
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    *[
                        rx.table.column_header_cell(t)
                        for t in ("Statut", "Dossiers", "Âge moyen", "Le plus ancien")
                    ]
                )
            ),
            rx.table.body(
                rx.foreach(
                    O.statuses,
                    lambda s: rx.table.row(
                        rx.table.row_header_cell(s["label"]),
                        rx.table.cell(s["count"]),
                        rx.table.cell(s["average_age"], " j"),
                        rx.table.cell(s["oldest_age"], " j"),
                    ),
                )
            ),
            size="1",
            width="100%",
        ),
        width="100%",
        id="chart-statuses",
    )


def _speed_chart() -> rx.Component:
    return rx.card(
        rx.heading("Délais moyens depuis le dépôt, par mois (jours)", size="3", as_="h2"),
        rx.recharts.bar_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
            rx.recharts.x_axis(data_key="month"),
            rx.recharts.y_axis(),
            rx.recharts.tooltip(),
            rx.recharts.legend(),
            rx.recharts.bar(
                data_key="accepter",
                name="Jusqu'à l'acceptation",
                fill=rx.color("accent", 8),
                is_animation_active=False,
            ),
            rx.recharts.bar(
                data_key="decider",
                name="Jusqu'à la décision",
                fill=rx.color("purple", 8),
                is_animation_active=False,
            ),
            data=O.months,
            width="100%",
            height=240,
        ),
        rx.text(
            "Six derniers mois ; un mois sans acceptation ou sans décision n'a pas de barre.",
            size="1",
            color_scheme="gray",
        ),
        width="100%",
        id="chart-speed",
    )


def _due_soon() -> rx.Component:
    return rx.card(
        rx.heading("Échéances des 7 prochains jours", size="3", as_="h2"),
        rx.cond(
            O.due_soon.length() > 0,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[
                            rx.table.column_header_cell(t)
                            for t in ("Dossier", "Opérateur", "Statut", "Échéance")
                        ]
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        O.due_soon,
                        lambda d: rx.table.row(
                            rx.table.row_header_cell(
                                rx.link(d["numero"], href=routes.dossier_path(d["dossier_id"]))
                            ),
                            rx.table.cell(d["entreprise"]),
                            rx.table.cell(d["status_label"]),
                            rx.table.cell(d["due"], " (", d["days_left"], " j)"),
                        ),
                    )
                ),
                size="1",
                width="100%",
            ),
            rx.text("Aucune échéance dans les 7 prochains jours.", color_scheme="gray", size="2"),
        ),
        width="100%",
        id="due-soon",
    )


def _workload() -> rx.Component:
    return rx.card(
        rx.heading("Dossiers ouverts par agent", size="3", as_="h2"),
        rx.table.root(
            rx.table.body(
                rx.foreach(
                    O.workload,
                    lambda w: rx.table.row(rx.table.row_header_cell(w["name"]), rx.table.cell(w["count"])),
                )
            ),
            size="1",
            width="100%",
        ),
        width="100%",
        id="workload",
    )


@page(
    routes.PILOTAGE,
    "Pilotage du service — SOPRANO libre",
    on_load=O.load,
    roles=CUSTOMS_ROLES,
    nav=((CUSTOMS_ROLES, "Pilotage"),),
    nav_order=35,
)
def pilotage_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Pilotage du service", size="7", as_="h1"),
            rx.text(
                rx.text.strong(SessionState.service_name),
                " — ",
                O.open_total,
                " dossier(s) ouvert(s).",
                color_scheme="gray",
                id="open-total",
            ),
            rx.cond(
                O.loaded,
                rx.grid(
                    _statuses_chart(),
                    _speed_chart(),
                    _due_soon(),
                    _workload(),
                    columns={"initial": "1", "lg": "2"},
                    spacing="4",
                    width="100%",
                ),
                rx.center(rx.spinner(size="3"), padding="2em", width="100%"),
            ),
            spacing="4",
            width="100%",
        )
    )
