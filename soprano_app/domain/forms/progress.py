"""State of each rubrique in the side list: non commencée, en cours, complète, à corriger."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from ..catalogue import CATALOGUE
from ..catalogue.conditions import is_filled
from ..catalogue.model import Block, Field, Group, Kind, Rubrique
from .context import FormContext
from .engine import Finding, is_visible, visible_slots


class Progress(StrEnum):
    NON_COMMENCEE = "non_commencee"
    EN_COURS = "en_cours"
    COMPLETE = "complete"
    A_CORRIGER = "a_corriger"


PROGRESS_LABELS = {
    Progress.NON_COMMENCEE: "Non commencée",
    Progress.EN_COURS: "En cours",
    Progress.COMPLETE: "Complète",
    Progress.A_CORRIGER: "À corriger",
}


def _started(rubrique: Rubrique, answers: Mapping[str, Any], ctx: FormContext) -> bool:
    for _rubrique, _section, item in CATALOGUE.top_items(rubrique):
        if not is_visible(item, answers, ctx):
            continue
        if isinstance(item, Group):
            if answers.get(item.id):
                return True
            continue
        items: tuple[Field | Block, ...] = (item,)
        for slot in visible_slots(items, answers, ctx):
            if (
                not slot.field.readonly
                and slot.field.kind is not Kind.COMPUTED
                and is_filled(answers.get(slot.field.id))
            ):
                return True
    return False


def rubrique_progress(
    answers: Mapping[str, Any], ctx: FormContext, findings: list[Finding]
) -> dict[Rubrique, Progress]:
    """``findings`` are those of ``check_dossier`` for the same answers."""
    result: dict[Rubrique, Progress] = {}
    for rubrique_def in CATALOGUE.rubriques:
        rubrique = rubrique_def.rubrique
        mine = [f for f in findings if f.rubrique is rubrique and f.blocking]
        if any(not f.missing for f in mine):
            result[rubrique] = Progress.A_CORRIGER
        elif not mine:
            result[rubrique] = Progress.COMPLETE
        elif _started(rubrique, answers, ctx):
            result[rubrique] = Progress.EN_COURS
        else:
            result[rubrique] = Progress.NON_COMMENCEE
    return result
