"""« Votre avis nous intéresse »: the survey (every user, from the footer; offered once after a first
submission), and its results for the administrator (charts and CSV export)."""

from __future__ import annotations

import reflex as rx

from .. import routes
from ..components.layout import page_shell
from ..domain import survey as rules
from ..domain.roles import Role
from ..state.session import SessionState
from ..state.survey import SurveyState as V
from .registry import page


def _scale(name: str, legend: str, labels: dict[int, str], value: rx.Var, on_change: object) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(legend, class_name="field-label"),
        rx.radio_group.root(
            rx.hstack(
                *[
                    rx.el.label(
                        rx.radio_group.item(value=str(note), id=f"{name}-{note}"),
                        rx.text(f"{note} — {label}", size="2"),
                        display="flex",
                        gap="0.35rem",
                        align_items="center",
                    )
                    for note, label in labels.items()
                ],
                spacing="4",
                wrap="wrap",
            ),
            value=value,
            on_change=on_change,
            name=name,
        ),
        style={"border": "none", "padding": "0", "margin": "0"},
    )


def _form() -> rx.Component:
    return rx.vstack(
        _scale(
            "satisfaction",
            "Votre satisfaction générale *",
            rules.SATISFACTION_LABELS,
            V.satisfaction,
            V.set_satisfaction,
        ),
        _scale("ease", "La facilité du formulaire de demande", rules.EASE_LABELS, V.ease, V.set_ease),
        rx.el.label("Ce qui vous a aidé", html_for="survey-helped"),
        rx.text_area(value=V.helped, on_change=V.set_helped, rows="3", width="100%", id="survey-helped"),
        rx.el.label("Ce qui vous a gêné", html_for="survey-obstacles"),
        rx.text_area(
            value=V.obstacles, on_change=V.set_obstacles, rows="3", width="100%", id="survey-obstacles"
        ),
        rx.cond(
            V.signed_in,
            rx.el.label(
                rx.checkbox(checked=V.may_contact, on_change=V.set_may_contact, id="survey-contact"),
                rx.text(
                    "J'accepte d'être contacté au sujet de mes réponses (par l'adresse de mon compte).",
                    size="2",
                ),
                display="flex",
                gap="0.5rem",
                align_items="center",
            ),
        ),
        rx.cond(
            V.error != "",
            rx.callout(V.error, icon="triangle-alert", color_scheme="red", role="alert", id="survey-error"),
        ),
        rx.button(rx.icon("send", size=16), "Envoyer mon avis", on_click=V.send, id="survey-send"),
        spacing="3",
        width="100%",
    )


@page(routes.AVIS, "Votre avis nous intéresse", on_load=[SessionState.load_optional, V.load_form])
def survey_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Votre avis nous intéresse", size="7", as_="h1"),
            rx.text("Deux minutes, cinq questions : vos réponses servent à améliorer le service.", size="2"),
            rx.cond(
                V.done,
                rx.callout(
                    "Merci : votre avis est enregistré.",
                    icon="heart-handshake",
                    color_scheme="green",
                    id="survey-thanks",
                ),
                _form(),
            ),
            spacing="4",
            width="100%",
            max_width="44rem",
        ),
        protected=False,
    )


def _bar_chart(data: rx.Var, x: str, title: str, chart_id: str) -> rx.Component:
    return rx.card(
        rx.heading(title, size="3", as_="h2"),
        rx.recharts.bar_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
            rx.recharts.x_axis(data_key=x),
            rx.recharts.y_axis(allow_decimals=False),
            rx.recharts.tooltip(),
            rx.recharts.legend(),
            rx.recharts.bar(
                data_key="reponses", name="Réponses", fill=rx.color("accent", 8), is_animation_active=False
            ),
            data=data,
            width="100%",
            height=240,
        ),
        width="100%",
        id=chart_id,
    )


def _line_chart(data: rx.Var, x: str, title: str, chart_id: str) -> rx.Component:
    """Answers (bars, left axis) and the average satisfaction (line, right axis, out of 5)."""
    return rx.card(
        rx.heading(title, size="3", as_="h2"),
        rx.recharts.composed_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
            rx.recharts.x_axis(data_key=x),
            rx.recharts.y_axis(y_axis_id="left", allow_decimals=False),
            rx.recharts.y_axis(y_axis_id="right", orientation="right", domain=[0, 5]),
            rx.recharts.tooltip(),
            rx.recharts.legend(),
            rx.recharts.bar(
                data_key="reponses",
                name="Réponses",
                y_axis_id="left",
                fill=rx.color("gray", 8),
                is_animation_active=False,
            ),
            rx.recharts.line(
                data_key="satisfaction",
                name="Satisfaction moyenne (sur 5)",
                y_axis_id="right",
                stroke=rx.color("accent", 10),
                stroke_width=3,
                is_animation_active=False,
            ),
            data=data,
            width="100%",
            height=260,
        ),
        width="100%",
        id=chart_id,
    )


@page(
    routes.ADMIN_AVIS,
    "Avis des utilisateurs",
    roles=frozenset({Role.ADMIN}),
    on_load=V.load_results,
    nav=((frozenset({Role.ADMIN}), "Avis"),),
    nav_order=30,
)
def survey_results_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading("Avis des utilisateurs", size="7", as_="h1"),
            rx.hstack(
                rx.text(
                    rx.text.strong(V.count.to(str)),
                    " réponse(s) · satisfaction moyenne ",
                    rx.text.strong(V.average),
                    id="survey-summary",
                ),
                rx.el.a(
                    rx.icon("download", size=14),
                    " Exporter en CSV",
                    href=routes.API_AVIS_CSV,
                    download="",
                    reload_document=True,
                    class_name="download-link",
                    id="survey-export",
                ),
                spacing="4",
                wrap="wrap",
                align="center",
            ),
            _line_chart(V.by_month, "mois", "Par mois", "chart-by-month"),
            _line_chart(V.by_step, "etape", "Par étape", "chart-by-step"),
            _bar_chart(V.distribution, "note", "Répartition des notes de satisfaction", "chart-distribution"),
            spacing="4",
            width="100%",
        )
    )
