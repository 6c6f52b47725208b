"""Every field of the specification is in the catalogue, with its label, infobulle and obligation."""

from __future__ import annotations

import pytest

from soprano_app.domain.catalogue import CATALOGUE
from soprano_app.domain.catalogue.model import Block, Field, Group
from soprano_app.domain.regimes import Regime
from tests.spec_tables import SpecRow, expected_letters, spec_rows

# Spec rows that are not answers of their own.
ALIASES = {
    # « = mp_infos_complementaires (per line) »: the DP block points at the goods-line field.
    "dp_infos_complementaires": "mp_infos_complementaires",
}
ROWS = spec_rows()


def _row_id(row: SpecRow) -> str:
    return "+".join(row.ids)


@pytest.mark.parametrize("row", ROWS, ids=_row_id)
def test_field_exists_with_the_spec_label_and_infobulle(row: SpecRow) -> None:
    ids = [ALIASES.get(i, i) for i in row.ids]
    for item_id in ids:
        assert CATALOGUE.has(item_id), f"{item_id} (§{row.section}) is missing from the catalogue"
    if row.ids[0] in ALIASES:
        return
    if len(ids) == 1:
        item = CATALOGUE.item(ids[0])
        assert item.label == row.label, f"{ids[0]}: label"
        assert item.infobulle == row.infobulle, f"{ids[0]}: infobulle"
    else:
        # « Nom et adresse du représentant »: one fieldset carries the label and the infobulle.
        holders = [CATALOGUE.block_of(i) for i in ids]
        block = holders[0]
        assert isinstance(block, Block), f"{ids} should share one block"
        assert all(h is block for h in holders), f"{ids} should share one block"
        assert block.label == row.label and block.infobulle == row.infobulle


@pytest.mark.parametrize("row", [r for r in ROWS if expected_letters(r)], ids=_row_id)
def test_obligation_per_regime(row: SpecRow) -> None:
    expected = expected_letters(row)
    assert expected is not None
    item = CATALOGUE.item(ALIASES.get(row.ids[0], row.ids[0]))
    assert isinstance(item, Field | Block | Group)
    actual = {regime.value: letter for regime, letter in item.obligation.items()}
    if row.section.startswith("1.6."):
        # Regime-specific tables give the letter for their own regime only.
        assert {k: v for k, v in actual.items() if k in expected} == expected
        assert set(actual) <= set(expected) | {r.value for r in Regime if r.value not in expected}
    else:
        assert actual == expected


def test_every_field_has_a_label_and_an_infobulle() -> None:
    for field in CATALOGUE.all_fields():
        assert field.label.strip(), field.id
        assert field.infobulle.strip(), field.id
