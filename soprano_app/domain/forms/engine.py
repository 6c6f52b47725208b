"""Reading the catalogue against a set of answers: what is shown, what is mandatory, what is wrong.

Answers are one dict: scalar field id → str (or list[str] for multiple choices); group id → list of
rows, each row a dict of column id → value plus a stable ``_id``. Booleans are « oui » / « non ».
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..catalogue import CATALOGUE
from ..catalogue.conditions import fields_read, is_filled
from ..catalogue.model import (
    CONDITIONNEL,
    OBLIGATOIRE,
    RUBRIQUE_LABELS,
    Block,
    Field,
    Group,
    Item,
    Kind,
    Rubrique,
)
from .context import FormContext
from .values import Checked, check_value

ROW_ID = "_id"
MAX_TEXT = 10_000  # hard cap on anything stored, whatever the field's own limit


class Severity(StrEnum):
    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"


@dataclass(frozen=True)
class Finding:
    rubrique: Rubrique
    field_id: str  # catalogue id of the field or group concerned
    target: str  # DOM id to focus: « f-dem_eori », « g-marchandises-row-2 », « g-marchandises »
    label: str  # what the summary line names
    message: str
    severity: Severity
    legal: str = ""
    missing: bool = False  # a mandatory answer is missing (rather than a wrong one)

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERREUR

    @property
    def rubrique_label(self) -> str:
        return RUBRIQUE_LABELS[self.rubrique]


def field_target(field_id: str) -> str:
    return f"f-{field_id}"


def row_target(group_id: str, index: int) -> str:
    return f"g-{group_id}-row-{index}"


def group_target(group_id: str) -> str:
    return f"g-{group_id}"


# --- visibility and obligation ----------------------------------------------------------------


def is_visible(item: Item, values: Mapping[str, Any], ctx: FormContext) -> bool:
    """Shown for this regime and its display condition holds (parents are checked by the walkers)."""
    if not item.applies_to(ctx.regime):
        return False
    return item.shown_if is None or item.shown_if.holds(values, ctx)


def _own_requirement(item: Item, values: Mapping[str, Any], ctx: FormContext) -> bool:
    letter = item.obligation.get(ctx.regime, "")
    if letter == OBLIGATOIRE:
        return True
    if letter == CONDITIONNEL and item.required_if is not None:
        return item.required_if.holds(values, ctx)
    return False


def _started(block: Block, values: Mapping[str, Any]) -> bool:
    return any(is_filled(values.get(f.id)) for f in block.fields() if f.kind is not Kind.COMPUTED)


def block_required(block: Block, values: Mapping[str, Any], ctx: FormContext, inside: bool | None) -> bool:
    """``inside`` is None for a first-level block, else whether the enclosing block is required."""
    if inside is None:
        required = _own_requirement(block, values, ctx)
    else:
        required = inside and block.obligation.get(ctx.regime, "") != "F"
    # An optional block that has been started must be completed (an address without a town…).
    return required or _started(block, values)


def field_required(field: Field, values: Mapping[str, Any], ctx: FormContext, inside: bool | None) -> bool:
    if field.readonly or field.kind is Kind.COMPUTED:
        return False
    if inside is not None:
        return inside and field.inner_required
    return _own_requirement(field, values, ctx)


@dataclass(frozen=True)
class Slot:
    """A field as it stands in the form: visible, mandatory, and where it lives."""

    field: Field
    required: bool
    values: Mapping[str, Any]  # what its conditions read (row values over the answers in a group)


def _walk_block(
    block: Block, values: Mapping[str, Any], ctx: FormContext, inside: bool | None
) -> Iterator[Slot]:
    required = block_required(block, values, ctx, inside)
    for child in block.items:
        if not is_visible(child, values, ctx):
            continue
        if isinstance(child, Field):
            yield Slot(child, field_required(child, values, ctx, required), values)
        elif isinstance(child, Block):
            yield from _walk_block(child, values, ctx, required)


def visible_slots(
    items: Iterator[Item] | tuple[Item, ...], values: Mapping[str, Any], ctx: FormContext
) -> Iterator[Slot]:
    """Visible fields of first-level or row items, blocks flattened, in form order."""
    for item in items:
        if not is_visible(item, values, ctx):
            continue
        if isinstance(item, Field):
            yield Slot(item, field_required(item, values, ctx, None), values)
        elif isinstance(item, Block):
            yield from _walk_block(item, values, ctx, None)


def group_required(group: Group, values: Mapping[str, Any], ctx: FormContext) -> bool:
    return _own_requirement(group, values, ctx)


def rows_of(answers: Mapping[str, Any], group_id: str) -> list[dict[str, Any]]:
    rows = answers.get(group_id)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def row_values(row: Mapping[str, Any], answers: Mapping[str, Any]) -> Mapping[str, Any]:
    return ChainMap(dict(row), dict(answers))


def _visible_blocks(block: Block, values: Mapping[str, Any], ctx: FormContext) -> Iterator[Block]:
    if is_visible(block, values, ctx):
        yield block
        for child in block.items:
            if isinstance(child, Block):
                yield from _visible_blocks(child, values, ctx)


def visible_ids(answers: Mapping[str, Any], ctx: FormContext) -> set[str]:
    """Ids of every visible field, block and group outside groups, for the form to show or hide."""
    shown: set[str] = set()
    for _rubrique, _section, item in CATALOGUE.top_items():
        if isinstance(item, Group):
            if is_visible(item, answers, ctx):
                shown.add(item.id)
        else:
            shown.update(slot.field.id for slot in visible_slots((item,), answers, ctx))
            if isinstance(item, Block):
                shown.update(block.id for block in _visible_blocks(item, answers, ctx))
    return shown


def _condition_inputs() -> frozenset[str]:
    read: set[str] = set()
    for item in CATALOGUE.all_items():
        read |= fields_read(item.shown_if) | fields_read(item.required_if)
    return frozenset(read)


# The answers a display or obligation condition reads. Other answers only matter through being
# filled or not (an optional block that has been started must be completed).
CONDITION_INPUTS = _condition_inputs()


def affects_visibility(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    """Whether ``visible_ids`` and ``required_ids`` may differ between two sets of answers: a key a
    condition reads changed, or an answer became filled or empty. A keystroke in a free text field
    that was already filled changes neither, and the form skips recomputing them."""
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key in CONDITION_INPUTS or is_filled(old) != is_filled(new):
            return True
    return False


def required_ids(answers: Mapping[str, Any], ctx: FormContext) -> set[str]:
    """Ids of the visible first-level fields and groups that are mandatory (red asterisk)."""
    marked: set[str] = set()
    for _rubrique, _section, item in CATALOGUE.top_items():
        if isinstance(item, Group):
            if is_visible(item, answers, ctx) and group_required(item, answers, ctx):
                marked.add(item.id)
        else:
            marked.update(s.field.id for s in visible_slots((item,), answers, ctx) if s.required)
            if (
                isinstance(item, Block)
                and is_visible(item, answers, ctx)
                and block_required(item, answers, ctx, None)
            ):
                marked.add(item.id)
    return marked


# --- checks ------------------------------------------------------------------------------------


def row_ids(answers: Mapping[str, Any], group_id: str) -> list[str]:
    return [str(row.get(ROW_ID, "")) for row in rows_of(answers, group_id) if row.get(ROW_ID)]


def check_field(field: Field, raw: Any, values: Mapping[str, Any]) -> Checked:
    """Live check of one answer as typed (format and reference data; empty is fine here)."""
    if not is_filled(raw) or field.kind is Kind.ATTACHMENT:
        return Checked("" if not isinstance(raw, list) else [])
    refs = row_ids(values, field.source) if field.kind in (Kind.REF, Kind.MULTI_REF) else ()
    return check_value(field, raw, values, refs)


def _required_message(field_label: str, when: str, attachment: bool = False) -> str:
    base = f"{'Joignez' if attachment else 'Renseignez'} « {field_label} »"
    return f"{base} : obligatoire {when}." if when else f"{base}."


def attached(field: Field, ctx: FormContext) -> bool:
    """An attachment field is « filled » when the dossier holds a file of its type."""
    return field.source in ctx.attachment_types if field.source else bool(ctx.attachment_types)


def _check_slots(
    slots: Iterator[Slot],
    answers: Mapping[str, Any],
    rubrique: Rubrique,
    target: Any,
    label_prefix: str,
    ctx: FormContext,
) -> Iterator[Finding]:
    for slot in slots:
        field = slot.field
        value = (
            ("oui" if attached(field, ctx) else "")
            if field.kind is Kind.ATTACHMENT
            else slot.values.get(field.id, "")
        )
        label = f"{label_prefix}{field.label}"
        where = target(field.id)
        if not is_filled(value):
            if slot.required:
                block = CATALOGUE.block_of(field.id)
                when = field.required_when or (block.required_when if block else "")
                message = _required_message(field.label, when, field.kind is Kind.ATTACHMENT)
                yield Finding(rubrique, field.id, where, label, message, Severity.ERREUR, missing=True)
            continue
        if field.kind is Kind.ATTACHMENT:
            continue
        checked = check_field(field, value, slot.values)
        if checked.error:
            yield Finding(rubrique, field.id, where, label, checked.error, Severity.ERREUR, field.legal)
        elif checked.warning:
            yield Finding(
                rubrique, field.id, where, label, checked.warning, Severity.AVERTISSEMENT, field.legal
            )


def check_group(
    group: Group, answers: Mapping[str, Any], ctx: FormContext, rubrique: Rubrique
) -> Iterator[Finding]:
    rows = rows_of(answers, group.id)
    if group_required(group, answers, ctx) and len(rows) < group.min_rows:
        message = f"Ajoutez au moins {'une ligne' if group.min_rows == 1 else f'{group.min_rows} lignes'}"
        message += f" (« {group.add_label} »)."
        if group.required_when:
            message = message[:-1] + f" : obligatoire {group.required_when}."
        yield Finding(
            rubrique,
            group.id,
            group_target(group.id),
            group.label,
            message,
            Severity.ERREUR,
            group.legal,
            missing=True,
        )
    if len(rows) > group.max_rows:
        yield Finding(
            rubrique,
            group.id,
            group_target(group.id),
            group.label,
            f"{group.max_rows} lignes au maximum.",
            Severity.ERREUR,
        )
    for index, row in enumerate(rows):
        values = row_values(row, answers)
        yield from check_row(group, values, ctx, rubrique, index)


def check_row(
    group: Group, values: Mapping[str, Any], ctx: FormContext, rubrique: Rubrique, index: int
) -> Iterator[Finding]:
    prefix = f"{group.row_label} {index + 1} — "
    yield from _check_slots(
        visible_slots(group.items, values, ctx),
        values,
        rubrique,
        lambda _field_id: row_target(group.id, index),
        prefix,
        ctx,
    )


def check_answers(answers: Mapping[str, Any], ctx: FormContext) -> list[Finding]:
    """Every field rule of the catalogue (mandatory, format, reference data), in form order."""
    findings: list[Finding] = []
    for rubrique, _section, item in CATALOGUE.top_items():
        if not is_visible(item, answers, ctx):
            continue
        if isinstance(item, Group):
            findings.extend(check_group(item, answers, ctx, rubrique))
        else:
            slots = visible_slots((item,), answers, ctx)
            findings.extend(_check_slots(slots, answers, rubrique, field_target, "", ctx))
    return findings


def submitted_answers(answers: Mapping[str, Any], ctx: FormContext) -> dict[str, Any]:
    """Only what is visible is submitted; hidden answers are dropped."""
    kept: dict[str, Any] = {}
    for _rubrique, _section, item in CATALOGUE.top_items():
        if not is_visible(item, answers, ctx):
            continue
        if isinstance(item, Group):
            rows = []
            for row in rows_of(answers, item.id):
                values = row_values(row, answers)
                slots = visible_slots(item.items, values, ctx)
                rows.append(
                    {ROW_ID: row.get(ROW_ID, "")} | {s.field.id: row.get(s.field.id, "") for s in slots}
                )
            kept[item.id] = rows
        else:
            for slot in visible_slots((item,), answers, ctx):
                if slot.field.id in answers and slot.field.kind is not Kind.ATTACHMENT:
                    kept[slot.field.id] = answers[slot.field.id]
    return kept


# --- what may be stored ----------------------------------------------------------------------------


def _clean_value(field: Field, value: Any) -> Any:
    if field.kind in (Kind.MULTI_ENUM, Kind.MULTI_REF):
        if not isinstance(value, list):
            return []
        return [str(v)[:200] for v in value if isinstance(v, str)][:500]
    return value[:MAX_TEXT] if isinstance(value, str) else ""


def sanitize(answers: Any) -> dict[str, Any]:
    """Keep only catalogue ids with values of the right shape (drafts may still hold errors)."""
    if not isinstance(answers, dict):
        return {}
    clean: dict[str, Any] = {}
    for key, value in answers.items():
        if not isinstance(key, str) or not CATALOGUE.has(key) or CATALOGUE.group_of(key) is not None:
            continue
        item = CATALOGUE.item(key)
        if isinstance(item, Field):
            clean[key] = _clean_value(item, value)
        elif isinstance(item, Group) and isinstance(value, list):
            columns = {f.id: f for f in item.fields()}
            rows = []
            for row in value[: item.max_rows]:
                if not isinstance(row, dict):
                    continue
                kept = {k: _clean_value(columns[k], v) for k, v in row.items() if k in columns}
                kept[ROW_ID] = str(row.get(ROW_ID, ""))[:20]
                rows.append(kept)
            clean[key] = rows
    return clean
