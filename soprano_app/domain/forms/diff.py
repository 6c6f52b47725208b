"""What an avenant changes: the granted answers against the new ones, field by field and line by line,
as a reader sees them (labels, JJ/MM/AAAA, French numbers)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..authorisations import NOT_COMPARED
from ..catalogue import CATALOGUE
from ..catalogue.model import Field, Group, Kind
from .context import FormContext
from .display import display_value, row_label
from .engine import ROW_ID, is_visible, row_values, rows_of, visible_slots


@dataclass(frozen=True)
class Change:
    rubrique: str
    label: str
    before: str  # empty: added
    after: str  # empty: removed
    field_id: str  # the field or group, for a link to the form


def _compared(field: Field) -> bool:
    return field.id not in NOT_COMPARED and field.kind is not Kind.ATTACHMENT


def _scalar_values(item: Any, answers: Mapping[str, Any], ctx: FormContext) -> dict[str, tuple[Field, str]]:
    return {
        slot.field.id: (slot.field, display_value(slot.field, answers.get(slot.field.id), answers))
        for slot in visible_slots((item,), answers, ctx)
        if _compared(slot.field)
    }


def _group_changes(
    rubrique: str, group: Group, before: Mapping[str, Any], after: Mapping[str, Any], ctx: FormContext
) -> list[Change]:
    old_rows = {str(r.get(ROW_ID)): r for r in rows_of(before, group.id) if is_visible(group, before, ctx)}
    new_rows = {str(r.get(ROW_ID)): r for r in rows_of(after, group.id) if is_visible(group, after, ctx)}
    changes: list[Change] = []
    for row_id, row in new_rows.items():
        name = row_label(group.id, after, row_id)
        if row_id not in old_rows:
            changes.append(Change(rubrique, f"{group.label} — {name}", "", "ligne ajoutée", group.id))
            continue
        old_values, new_values = row_values(old_rows[row_id], before), row_values(row, after)
        old_shown = {s.field.id for s in visible_slots(group.items, old_values, ctx)}
        new_shown = {s.field.id for s in visible_slots(group.items, new_values, ctx)}
        for field in group.fields():
            if not _compared(field) or not field.applies_to(ctx.regime):
                continue
            was = (
                display_value(field, old_rows[row_id].get(field.id), before) if field.id in old_shown else ""
            )
            now = display_value(field, row.get(field.id), after) if field.id in new_shown else ""
            if was != now:
                changes.append(
                    Change(rubrique, f"{group.label} — {name} — {field.label}", was, now, group.id)
                )
    for row_id in old_rows.keys() - new_rows.keys():
        name = row_label(group.id, before, row_id)
        changes.append(Change(rubrique, f"{group.label} — {name}", "ligne supprimée", "", group.id))
    return changes


def changes(before: Mapping[str, Any], after: Mapping[str, Any], ctx: FormContext) -> list[Change]:
    """Every difference, in form order; fields hidden on one side count as empty there."""
    found: list[Change] = []
    for rubrique, _section, item in CATALOGUE.top_items():
        label = CATALOGUE.rubrique(rubrique).label
        if isinstance(item, Group):
            found.extend(_group_changes(label, item, before, after, ctx))
            continue
        old, new = _scalar_values(item, before, ctx), _scalar_values(item, after, ctx)
        for field_id in [*old, *(k for k in new if k not in old)]:
            field = (old.get(field_id) or new[field_id])[0]
            was, now = old.get(field_id, (field, ""))[1], new.get(field_id, (field, ""))[1]
            if was != now:
                found.append(Change(label, field.label, was, now, field_id))
    return found
