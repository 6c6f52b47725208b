"""« Dupliquer »: what a new application keeps of an earlier one.

It keeps the answers that describe the company's activity (goods, places, accounts, processes) and
drops what belongs to that one application: its dates, its validation (signature, attestation), the
authorisation an avenant or renewal referred to, and what the system computes. Identity and contact
come fresh from the company and the person who duplicates (``prefill.initial_answers``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..catalogue import CATALOGUE
from ..catalogue.model import Field, Group, Kind, Rubrique

# An avenant or a renewal names its authorisation: a copy is a new first application.
_FOLLOW_UP_FIELDS = frozenset({"type_demande", "ref_autorisation"})


def _dropped(field: Field) -> bool:
    return (
        field.kind in (Kind.DATE, Kind.COMPUTED, Kind.CHECKBOX)
        or field.readonly
        or field.id in _FOLLOW_UP_FIELDS
        or CATALOGUE.rubrique_of(field.id) is Rubrique.VALIDATION
    )


def _group_fields(group: Group) -> set[str]:
    return {f.id for f in CATALOGUE.all_fields() if CATALOGUE.group_of(f.id) is group}


def copied_answers(source: Mapping[str, Any], fresh: Mapping[str, Any]) -> dict[str, Any]:
    """The answers of a duplicate: ``source`` without what belongs to its application, then ``fresh``
    (the prefill of a new draft) on top."""
    kept: dict[str, Any] = {}
    for key, value in source.items():
        if CATALOGUE.has(key) and isinstance(CATALOGUE.item(key), Group):
            group = CATALOGUE.item(key)
            assert isinstance(group, Group)
            dropped = {fid for fid in _group_fields(group) if _dropped(CATALOGUE.field(fid))}
            if isinstance(value, list):
                kept[key] = [
                    {k: v for k, v in row.items() if k not in dropped}
                    for row in value
                    if isinstance(row, dict)
                ]
            continue
        if CATALOGUE.has(key) and isinstance(CATALOGUE.item(key), Field) and _dropped(CATALOGUE.field(key)):
            continue
        if CATALOGUE.has(key):
            kept[key] = value
    return {**kept, **fresh}
