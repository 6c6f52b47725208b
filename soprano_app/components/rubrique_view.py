"""A rubrique of the form, rendered from the catalogue: sections, fields, fieldsets, group tables."""

from __future__ import annotations

import reflex as rx

from ..domain.catalogue.model import Block, Field, Group, Kind, RubriqueDef
from ..domain.forms import ASKED_AT_SUBMISSION
from ..state.form import FormState
from .attachments import attachment_field
from .form_field import asterisk, field_view, infobulle, rubrique_binding
from .group_table import group_table


def shown(item_id: str, component: rx.Component) -> rx.Component:
    return rx.cond(FormState.shown.contains(item_id), component)


def block_view(block: Block) -> rx.Component:
    return shown(
        block.id,
        rx.el.fieldset(
            rx.el.legend(
                rx.hstack(
                    rx.el.span(
                        block.label, asterisk(FormState.required.contains(block.id)), class_name="block-label"
                    ),
                    infobulle(block.label, block.infobulle, f"h-b-{block.id}"),
                    spacing="1",
                    align="center",
                )
            ),
            *[item_view(child) for child in block.items],
            class_name="block",
            id=f"f-{block.id}",
            aria_describedby=f"h-b-{block.id}",
        ),
    )


def item_view(item: Field | Block | Group) -> rx.Component:
    if item.id in ASKED_AT_SUBMISSION:
        return rx.callout(
            f"« {item.label} » : vous cocherez cette attestation à l'étape « Valider », après avoir relu le "
            "récapitulatif de votre demande.",
            icon="info",
            size="1",
        )
    if isinstance(item, Group):
        return shown(item.id, group_table(item))
    if isinstance(item, Field) and item.kind is Kind.ATTACHMENT:
        return shown(item.id, attachment_field(item))
    if isinstance(item, Block):
        return block_view(item)
    return shown(item.id, field_view(item, rubrique_binding(item)))


def rubrique_view(rubrique: RubriqueDef) -> rx.Component:
    sections = []
    for section in rubrique.sections:
        ids = [item.id for item in section.items]
        visible = FormState.shown.contains(ids[0])
        for item_id in ids[1:]:
            visible = visible | FormState.shown.contains(item_id)
        sections.append(
            rx.cond(
                visible,
                rx.el.section(
                    rx.heading(section.title, size="4", as_="h3", class_name="section-title"),
                    rx.text(section.intro, size="2", class_name="section-intro")
                    if section.intro
                    else rx.fragment(),
                    *[item_view(item) for item in section.items],
                    class_name="form-section",
                ),
            )
        )
    # Only the open rubrique is in the page: the first paint and each switch render ~40 fields, not
    # the whole catalogue; the server fills a rubrique's inputs when it is first opened.
    return rx.cond(
        FormState.current == rubrique.rubrique.value,
        rx.box(
            rx.heading(
                rubrique.label, size="6", as_="h2", id=f"rubrique-{rubrique.rubrique.value}", tab_index=-1
            ),
            rx.text(rubrique.intro, size="2", color_scheme="gray") if rubrique.intro else rx.fragment(),
            *sections,
            class_name="rubrique",
        ),
    )
