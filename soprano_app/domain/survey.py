"""« Votre avis nous intéresse » (guide §6): the satisfaction survey, its checks, and the results the
administrator reads (by month and by step) and exports as CSV."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

MAX_TEXT = 1000
SCALE = (1, 2, 3, 4, 5)


class Step(StrEnum):
    APRES_DEPOT = "apres_depot"  # offered once, after a submission
    PIED_DE_PAGE = "pied_de_page"  # always available from the footer


STEP_LABELS = {Step.APRES_DEPOT: "Après un dépôt", Step.PIED_DE_PAGE: "Depuis le pied de page"}
SATISFACTION_LABELS = {
    1: "Très insatisfait",
    2: "Insatisfait",
    3: "Neutre",
    4: "Satisfait",
    5: "Très satisfait",
}
EASE_LABELS = {1: "Très difficile", 2: "Difficile", 3: "Moyen", 4: "Facile", 5: "Très facile"}


@dataclass(frozen=True)
class Answer:
    step: str
    satisfaction: int
    ease: int | None
    helped: str
    obstacles: str
    may_contact: bool


def refused(answer: Answer) -> str:
    """Why an answer cannot be recorded, in French, or ""."""
    if answer.step not in {s.value for s in Step}:
        return "Ce questionnaire n'existe pas."
    if answer.satisfaction not in SCALE:
        return "Indiquez votre satisfaction générale, de 1 à 5."
    if answer.ease is not None and answer.ease not in SCALE:
        return "La facilité du formulaire se note de 1 à 5."
    if len(answer.helped) > MAX_TEXT or len(answer.obstacles) > MAX_TEXT:
        return f"Chaque réponse libre est limitée à {MAX_TEXT} caractères."
    return ""


def scale_value(raw: str) -> int | None:
    """« 4 » → 4; anything else → None (the form's radio buttons send text)."""
    text = str(raw).strip()
    return int(text) if text.isdigit() and int(text) in SCALE else None


@dataclass(frozen=True)
class Stored:
    """What the results read of one answer."""

    day: date
    step: str
    satisfaction: int
    ease: int | None


@dataclass(frozen=True)
class Results:
    count: int
    average: str  # « 4,2 / 5 » or « — »
    by_month: list[dict[str, object]]  # {"mois": "2026-11", "reponses": 3, "satisfaction": 4.3}
    by_step: list[dict[str, object]]  # {"etape": "Après un dépôt", "reponses": 2, "satisfaction": 4.5}
    distribution: list[dict[str, object]]  # {"note": "5", "reponses": 7}


def _average(values: list[int]) -> float:
    return round(sum(values) / len(values), 1) if values else 0.0


def results(answers: Iterable[Stored]) -> Results:
    rows = list(answers)
    months: dict[str, list[int]] = defaultdict(list)
    steps: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        months[f"{row.day.year}-{row.day.month:02d}"].append(row.satisfaction)
        steps[row.step].append(row.satisfaction)
    notes = Counter(row.satisfaction for row in rows)
    overall = _average([row.satisfaction for row in rows])
    return Results(
        count=len(rows),
        average=f"{overall:.1f}".replace(".", ",") + " / 5" if rows else "—",
        by_month=[
            {"mois": month, "reponses": len(values), "satisfaction": _average(values)}
            for month, values in sorted(months.items())
        ],
        by_step=[
            {
                "etape": STEP_LABELS[step],
                "reponses": len(steps[step.value]),
                "satisfaction": _average(steps[step.value]),
            }
            for step in Step
            if steps.get(step.value)
        ],
        distribution=[{"note": str(note), "reponses": notes.get(note, 0)} for note in SCALE],
    )
