"""How answers read: in an input (what the user typed), and in the recap, the PDF and the diff."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import reference
from ..catalogue import CATALOGUE
from ..catalogue.conditions import NON, OUI, is_filled
from ..catalogue.model import Block, Field, Group, Kind
from .context import FormContext
from .engine import ROW_ID, is_visible, row_values, rows_of, visible_slots
from .values import format_number, options_of, parse_date


def input_value(field: Field, stored: Any) -> Any:
    """What an input shows for a stored answer (numbers with a decimal comma; the rest as stored)."""
    if field.kind in (Kind.MULTI_ENUM, Kind.MULTI_REF):
        return list(stored) if isinstance(stored, list) else []
    if not isinstance(stored, str):
        return ""
    if field.kind in (Kind.NUMBER, Kind.INTEGER):
        return format_number(stored) if stored else ""
    if field.kind is Kind.DATE:
        day = parse_date(stored)
        return day.strftime("%d/%m/%Y") if day else stored
    return stored


def row_label(group_id: str, answers: Mapping[str, Any], row_id: str) -> str:
    group = CATALOGUE.item(group_id)
    for index, row in enumerate(rows_of(answers, group_id)):
        if str(row.get(ROW_ID)) == row_id:
            name = str(row.get("mp_designation", "")) if group_id == "marchandises" else ""
            label = f"{getattr(group, 'row_label', 'Ligne')} {index + 1}"
            return f"{label} — {name[:60]}" if name else label
    return "ligne supprimée"


def display_value(field: Field, stored: Any, answers: Mapping[str, Any] | None = None) -> str:
    """An answer as a reader sees it: labels of codes, JJ/MM/AAAA dates, French numbers."""
    answers = answers or {}
    if not is_filled(stored):
        return ""
    kind = field.kind
    if kind in (Kind.MULTI_ENUM, Kind.MULTI_REF):
        values = stored if isinstance(stored, list) else [stored]
        if kind is Kind.MULTI_REF:
            return " ; ".join(row_label(field.source, answers, str(v)) for v in values)
        labels = {o.code: o.label for o in options_of(field)}
        return " ; ".join(labels.get(str(v), str(v)) for v in values)
    text = str(stored)
    if kind is Kind.REF:
        return row_label(field.source, answers, text)
    if kind in (Kind.BOOLEAN, Kind.CHECKBOX, Kind.COMPUTED) and text in (OUI, NON):
        return {OUI: "Oui", NON: "Non"}.get(text, text)
    if kind in (Kind.ENUM, Kind.COUNTRY, Kind.CURRENCY, Kind.UNIT):
        labels = {o.code: o.label for o in options_of(field)}
        return labels.get(text, text)
    if kind is Kind.DATE or (kind is Kind.COMPUTED and len(text) == 10 and text[4::3] == "--"):
        day = parse_date(text)  # computed dates (the signature date) are stored as ISO dates
        return day.strftime("%d/%m/%Y") if day else text
    if kind in (Kind.NUMBER, Kind.INTEGER):
        return format_number(text)
    if kind is Kind.CN_CODE and text.isdigit():
        label = reference.cn_label(text)
        return f"{reference.format_cn(text)} — {label}" if label else reference.format_cn(text)
    if kind is Kind.OFFICE:
        office = reference.offices().get(text)
        return f"{text} — {office.name}" if office else text
    return text


# --- recap ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecapEntry:
    field_id: str
    label: str
    value: str
    depth: int = 0  # 1 inside a block (address lines…)
    heading: bool = False  # the title of a block, without a value of its own


@dataclass(frozen=True)
class RecapTable:
    group_id: str
    label: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class RecapSection:
    title: str
    entries: list[RecapEntry | RecapTable] = field(default_factory=list)


@dataclass
class RecapRubrique:
    rubrique: str
    label: str
    sections: list[RecapSection] = field(default_factory=list)


def _block_entries(block: Block, values: Mapping[str, Any], ctx: FormContext, depth: int) -> list[RecapEntry]:
    """A block's heading and its answers; optional questions left blank are not listed."""
    slots = {slot.field.id: slot for slot in visible_slots((block,), values, ctx)}
    entries: list[RecapEntry] = []
    for child in block.items:
        if isinstance(child, Field) and child.id in slots:
            value = display_value(child, values.get(child.id), values)
            if value or slots[child.id].required:
                entries.append(RecapEntry(child.id, child.label, value, depth + 1))
        elif isinstance(child, Block) and is_visible(child, values, ctx):
            entries.extend(_block_entries(child, values, ctx, depth + 1))
    if not entries:
        return []
    return [RecapEntry(block.id, block.label, "", depth, heading=True), *entries]


def _table(group: Group, answers: Mapping[str, Any], ctx: FormContext) -> RecapTable:
    columns = [f for f in group.fields() if f.applies_to(ctx.regime)]
    rows = []
    for row in rows_of(answers, group.id):
        values = row_values(row, answers)
        shown = {slot.field.id for slot in visible_slots(group.items, values, ctx)}
        rows.append([display_value(f, row.get(f.id), answers) if f.id in shown else "" for f in columns])
    keep = [i for i, _ in enumerate(columns) if any(r[i] for r in rows)] or list(range(len(columns)))
    return RecapTable(
        group.id, group.label, [columns[i].label for i in keep], [[r[i] for i in keep] for r in rows]
    )


def recap(answers: Mapping[str, Any], ctx: FormContext) -> list[RecapRubrique]:
    """Every visible answer, by rubrique and section, in form order."""
    result: list[RecapRubrique] = []
    for rubrique_def in CATALOGUE.rubriques:
        current = RecapRubrique(rubrique_def.rubrique.value, rubrique_def.label)
        for section in rubrique_def.sections:
            part = RecapSection(section.title)
            for item in section.items:
                if not is_visible(item, answers, ctx):
                    continue
                if isinstance(item, Group):
                    part.entries.append(_table(item, answers, ctx))
                elif isinstance(item, Block):
                    part.entries.extend(_block_entries(item, answers, ctx, 0))
                else:
                    part.entries.append(
                        RecapEntry(item.id, item.label, display_value(item, answers.get(item.id), answers))
                    )
            if part.entries:
                current.sections.append(part)
        result.append(current)
    return result
