"""Reads the field tables of the functional specification (docs/spec/formulaire-et-cycle-de-vie.md).

Each table row with an id in backticks gives: the ids, the French label, the obligation column and the
infobulle. The catalogue conformance test compares them with the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SPEC = Path(__file__).resolve().parents[1] / "docs" / "spec" / "formulaire-et-cycle-de-vie.md"


@dataclass(frozen=True)
class SpecRow:
    section: str  # « 1.1 », « 1.6.4 »…
    ids: tuple[str, ...]
    label: str
    obligation: str
    infobulle: str


def _cells(line: str) -> list[str]:
    # Split on pipes that are not escaped (the EORI regex in §0.3 escapes one).
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def spec_rows() -> list[SpecRow]:
    rows: list[SpecRow] = []
    section = ""
    header: list[str] | None = None
    for line in SPEC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#{3,4} (1\.\d+(?:\.\d+)?) ", line)
        if heading:
            section, header = heading.group(1), None
            continue
        if line.startswith("## ") and not line.startswith("## 1."):
            section, header = ("" if not line.startswith("## 1") else section), None
        if not section or not line.startswith("|"):
            header = None if not line.startswith("|") else header
            continue
        cells = _cells(line)
        if header is None:
            header = cells
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        first = cells[0]
        ids = tuple(re.findall(r"`([a-z0-9_]+)`", first))
        if not ids:
            continue
        data = dict(zip(header, cells, strict=False))
        rows.append(
            SpecRow(
                section=section,
                ids=ids,
                label=data.get("Libellé FR", ""),
                obligation=data.get("Oblig.", ""),
                infobulle=data.get("Infobulle (FR)", ""),
            )
        )
    return rows


REGIME_OF_SECTION = {"1.6.1": "AT", "1.6.2": "DP", "1.6.3": "ED", "1.6.4": "PA", "1.6.5": "PP"}


def expected_letters(row: SpecRow) -> dict[str, str] | None:
    """Per-regime letters when the obligation column is unambiguous, else None."""
    text = row.obligation.strip()
    five = re.match(r"^([OCF–-])/([OCF–-])/([OCF–-])/([OCF–-])/([OCF–-])\b", text)
    if five:
        letters = dict(zip(("AT", "DP", "ED", "PA", "PP"), five.groups(), strict=True))
        return {regime: letter for regime, letter in letters.items() if letter in "OCF"}
    single = re.match(r"^([OCF])(?:\s|$|\s*\()", text + " ")
    if single:
        if row.section in REGIME_OF_SECTION:
            return {REGIME_OF_SECTION[row.section]: single.group(1)}
        return None  # a single letter in a shared table: checked by hand in the catalogue
    return None
