"""« Suivi par » card of the customs side of a dossier page."""

from __future__ import annotations

import reflex as rx

from ..state.follow import FollowState as F


def _assign_form() -> rx.Component:
    return rx.hstack(
        rx.select.root(
            rx.select.trigger(
                placeholder="Choisir un agent", aria_label="Agent du service", id="follow-agent"
            ),
            rx.select.content(rx.foreach(F.agents, lambda a: rx.select.item(a["name"], value=a["id"]))),
            value=F.chosen,
            on_change=F.choose,
        ),
        rx.button("Affecter", on_click=F.assign, loading=F.busy, variant="soft", id="follow-assign"),
        spacing="2",
        align="center",
        wrap="wrap",
    )


def follow_card() -> rx.Component:
    return rx.cond(
        F.visible,
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.icon("user-check", size=16, aria_hidden="true"),
                    rx.text("Suivi par : ", weight="bold", as_="span"),
                    rx.text(
                        rx.cond(F.agent_name != "", F.agent_name, "aucun agent"),
                        as_="span",
                        id="follow-agent-name",
                    ),
                    rx.spacer(),
                    rx.cond(
                        F.may_take,
                        rx.button(
                            "Prendre en charge", on_click=F.take, loading=F.busy, size="2", id="follow-take"
                        ),
                    ),
                    rx.cond(
                        F.may_release,
                        rx.button(
                            "Libérer",
                            on_click=F.release,
                            loading=F.busy,
                            size="2",
                            variant="soft",
                            color_scheme="gray",
                            id="follow-release",
                        ),
                    ),
                    width="100%",
                    align="center",
                    spacing="2",
                    wrap="wrap",
                ),
                rx.cond(F.is_lead, _assign_form()),
                rx.cond(
                    F.error != "",
                    rx.text(F.error, color_scheme="red", size="2", role="alert", id="follow-error"),
                ),
                rx.text(
                    "Visible des seuls agents du service ; les changements sont inscrits à l'historique interne.",
                    size="1",
                    color_scheme="gray",
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
            id="follow-card",
        ),
    )
