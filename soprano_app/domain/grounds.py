"""The standard grounds of an adverse decision on an application (spec §3.3 rows 13–15): customs pick
them when they notify a projet de décision défavorable, and a refusal may only rest on grounds the
applicant was heard on (UCC art. 22(6)). One hearing per ground: new grounds need a new hearing."""

from __future__ import annotations

GROUNDS: dict[str, str] = {
    "conditions_generales": "Conditions d'octroi de l'article 211, paragraphe 3, CDU non remplies",
    "ecritures": "Écritures ne permettant pas la surveillance du régime (art. 211, paragraphe 3, point b), CDU)",
    "garantie": "Garantie non fournie (art. 211, paragraphe 3, point c), CDU)",
    "identification": "Moyens d'identification des marchandises insuffisants",
    "surveillance": "Surveillance douanière impossible sans charge administrative disproportionnée "
    "(art. 211, paragraphe 4, CDU)",
    "conditions_economiques": "Conditions économiques non remplies (art. 211, paragraphe 6, CDU)",
    "autre": "Autre motif, exposé dans le message",
}


def parse(text: str | None) -> frozenset[str]:
    """The grounds stored on a history entry (comma-separated codes)."""
    return frozenset(code for code in (text or "").split(",") if code in GROUNDS)


def stored(codes: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    return ",".join(code for code in GROUNDS if code in codes)


def grounds_refused(action_is_refusal: bool, chosen: list[str], heard: frozenset[str]) -> str:
    """Why these grounds cannot be given, or ""."""
    unknown = [code for code in chosen if code not in GROUNDS]
    if unknown or not chosen:
        return "Cochez au moins un motif."
    if action_is_refusal:
        unheard = [GROUNDS[code] for code in chosen if code not in heard]
        if unheard:
            return (
                f"Le demandeur n'a pas été entendu sur le motif « {unheard[0]} » : notifiez un nouveau projet "
                "de décision défavorable (droit d'être entendu, art. 22, paragraphe 6, CDU)."
            )
    return ""


def describe(codes: frozenset[str]) -> str:
    return " ; ".join(GROUNDS[code] for code in GROUNDS if code in codes)
