"""« Importer un fichier » in « Marchandises et produits »: goods lines from a table whose columns are
the goods table's own (the model file's headers are the catalogue's labels).

Every line goes through the catalogue's checks (each value as typed in the row dialog, then the row
as a whole, as « Enregistrer » does); the caller shows the lines with their errors and adds the good
ones in one change.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import CATALOGUE
from ..catalogue.model import Field, Group, Kind
from .context import FormContext
from .engine import check_field, check_row, row_values
from .prefill import derive_goods_row, new_row
from .values import options_of

GROUP_ID = "marchandises"
MAX_LINES = 1000
_NOT_IMPORTED = (Kind.COMPUTED, Kind.REF, Kind.MULTI_REF, Kind.ATTACHMENT)


def goods_group() -> Group:
    group = CATALOGUE.item(GROUP_ID)
    assert isinstance(group, Group)
    return group


def columns() -> list[Field]:
    """The goods table's fields a file may give, in the table's order."""
    return [f for f in goods_group().fields() if f.kind not in _NOT_IMPORTED and not f.readonly]


def headers() -> list[str]:
    return [f.label for f in columns()]


_LISTS = (Kind.ENUM, Kind.UNIT, Kind.COUNTRY, Kind.CURRENCY, Kind.BOOLEAN)


def _as_code(column: Field, raw: str) -> str:
    """A list's code from what a spreadsheet holds: the code itself (« KGM », « DE »), its label
    (« Allemagne », « Oui ») or a unit's symbol (« kg », « p/st »)."""
    text = raw.strip()
    if column.kind not in _LISTS or not text:
        return text
    wanted = _key(text)
    for option in options_of(column):
        label = option.label
        symbol = label[label.rfind("(") + 1 : -1] if label.endswith(")") and "(" in label else ""
        if wanted in (_key(option.code), _key(label), _key(symbol)):
            return option.code
    return text


def _key(text: str) -> str:
    """« Unité de mesure », « unite de mesure », « UNITÉ  DE MESURE » read the same."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().replace("*", " ").split())


@dataclass(frozen=True)
class Line:
    number: int  # the line in the file (the header is line 1)
    shown: dict[str, str]  # field id -> the value as read
    row: dict[str, Any]  # the row as it would be stored
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Preview:
    lines: list[Line]
    problems: list[str]  # about the file as a whole (unknown columns, too many lines…)

    @property
    def good(self) -> list[Line]:
        return [line for line in self.lines if line.ok]


def read_lines(table: list[list[str]], answers: Mapping[str, Any], ctx: FormContext) -> Preview:
    """Check each line of ``table`` (its first row: the headers) against the goods table's rules."""
    if not table or not any(cell for cell in table[0]):
        return Preview(
            [], ["Le fichier est vide : sa première ligne doit porter les intitulés des colonnes."]
        )
    by_key = {_key(f.label): f for f in columns()} | {_key(f.id): f for f in columns()}
    mapping: dict[int, Field] = {}
    problems = []
    for index, title in enumerate(table[0]):
        found = by_key.get(_key(title))
        if found is not None and found not in mapping.values():
            mapping[index] = found
        elif title.strip():
            problems.append(f"Colonne « {title.strip()[:60]} » inconnue : elle est ignorée.")
    if not mapping:
        return Preview([], ["Aucune colonne reconnue : partez du modèle à télécharger.", *problems])
    body = table[1:]
    if len(body) > MAX_LINES:
        problems.append(f"Seules les {MAX_LINES} premières lignes sont lues.")
        body = body[:MAX_LINES]
    group = goods_group()
    lines = []
    for offset, cells in enumerate(body):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line between blocks: skipped, as a user expects
        shown = {f.id: (cells[i] if i < len(cells) else "") for i, f in mapping.items()}
        row: dict[str, Any] = new_row(GROUP_ID, answers)
        errors = []
        for field_id, raw in shown.items():
            column = CATALOGUE.field(field_id)
            checked = check_field(column, _as_code(column, raw), answers)
            if checked.error:
                errors.append(f"{column.label} : {checked.error}")
            elif raw.strip():
                row[field_id] = checked.value
        row = derive_goods_row(row)
        if not errors:
            findings = check_row(
                group, row_values(row, answers), ctx, CATALOGUE.rubrique_of(GROUP_ID), offset
            )
            errors = [f.message.split(" — ", 1)[-1] for f in findings if f.blocking]
        lines.append(Line(offset + 2, shown, row, errors))
    return Preview(lines, problems)
