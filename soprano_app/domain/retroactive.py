"""Retroactive effect of an authorisation (UCC art. 211(2), RDC art. 172; spec §3.8).

An authorisation may take effect before its grant only when the application asked for it and the
six conditions of UCC 211(2) hold: customs confirm (a)–(d) on the grant dialog; (e) and (f) are
checked here from the facts. The effect date is not earlier than RDC 172 allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .clock import add_months
from .formatting import format_date

CONFIRMED_BY_CUSTOMS: dict[str, str] = {
    "a": "a) Besoin économique avéré",
    "b": "b) Absence de tentative de manœuvre",
    "c": "c) Écritures prouvant le respect des exigences du régime et permettant le contrôle de la période",
    "d": "d) Formalités de régularisation possibles, y compris l'invalidation de déclarations",
}
PREVIOUS_RETROACTIVE_YEARS = 3


@dataclass(frozen=True)
class RetroFacts:
    """What decides whether the authorisation may take effect before today."""

    requested: bool  # the application asks for a retroactive effect (« retroactif » = Oui)
    accepted_on: date | None  # acceptance of the application (RDC 172: the reference date)
    annex_71_02: bool  # goods of Annex 71-02: three months at most before acceptance
    previous_end: date | None = None  # a renewal: the end of the authorisation it renews
    # (e): the start dates of the holder's earlier authorisations granted with retroactive effect,
    # with the day each was accepted.
    earlier_retroactive: tuple[date, ...] = ()
    economic_examination: bool = False  # (f): the application needed the Commission's examination
    renewal: bool = False


def earliest(facts: RetroFacts) -> date | None:
    """The earliest effect date RDC 172 allows, or None before acceptance."""
    if facts.accepted_on is None:
        return None
    if facts.renewal and facts.previous_end is not None:
        return facts.previous_end + timedelta(days=1)
    return add_months(facts.accepted_on, -3 if facts.annex_71_02 else -12)


def retroactive_refused(start: date, today: date, facts: RetroFacts, confirmed: frozenset[str]) -> str:
    """Why ``start`` (before ``today``) cannot be granted, or "" (a start from today needs nothing)."""
    if start >= today:
        return ""
    if not facts.requested:
        return (
            "La demande ne sollicite pas d'effet rétroactif : la date de prise d'effet ne peut pas être passée "
            "(art. 22, paragraphe 4, CDU)."
        )
    first = earliest(facts)
    if first is not None and start < first:
        limit = "trois mois" if facts.annex_71_02 else "un an"
        why = (
            "la fin de l'autorisation renouvelée"
            if facts.renewal and facts.previous_end
            else f"{limit} avant l'acceptation de la demande"
        )
        return f"Effet rétroactif au plus tôt le {format_date(first)} ({why}, art. 172 RDC)."
    if facts.accepted_on is not None:
        window = add_months(facts.accepted_on, -12 * PREVIOUS_RETROACTIVE_YEARS)
        if any(window <= day <= facts.accepted_on for day in facts.earlier_retroactive):
            return (
                "Condition e) non remplie : une autorisation à effet rétroactif a déjà été accordée au demandeur "
                "dans les trois ans précédant l'acceptation (art. 211, paragraphe 2, point e), CDU)."
            )
    if facts.economic_examination and not facts.renewal:
        return (
            "Condition f) non remplie : la demande a nécessité l'examen des conditions économiques "
            "(art. 211, paragraphe 2, point f), CDU)."
        )
    missing = [label for key, label in CONFIRMED_BY_CUSTOMS.items() if key not in confirmed]
    if missing:
        return f"Confirmez les conditions de l'effet rétroactif (art. 211, paragraphe 2, CDU) : {missing[0]}."
    return ""
