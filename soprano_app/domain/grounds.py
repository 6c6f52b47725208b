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


# --- Standard texts the officer picks and completes (the decision letter prints them) ------------
# One library per decision: (label of the button, text inserted in the message). The « […] » mark
# what the officer completes.

STANDARD_TEXTS: dict[str, tuple[tuple[str, str], ...]] = {
    # Decisions on an application (domain/workflow.Action values).
    "declarer_irrecevable": (
        (
            "Informations requises manquantes",
            "La demande ne contient pas toutes les informations nécessaires pour statuer (art. 22, paragraphe 2, "
            "CDU) : […].",
        ),
        (
            "Compléments non fournis dans le délai",
            "Les informations complémentaires demandées le […] n'ont pas été fournies dans le délai fixé "
            "(art. 22, paragraphe 2, deuxième alinéa, CDU).",
        ),
        (
            "Demandeur non enregistré (EORI)",
            "Le demandeur n'est pas enregistré conformément à l'article 9 du code (art. 11, paragraphe 1, "
            "point a), RDC).",
        ),
        (
            "Demandeur non établi dans l'Union",
            "Le demandeur n'est pas établi sur le territoire douanier de l'Union (art. 11, paragraphe 1, "
            "point b), RDC).",
        ),
        (
            "Service non compétent",
            "La demande n'a pas été présentée au service des douanes compétent (art. 11, paragraphe 1, "
            "point c), RDC) ; elle relève de […].",
        ),
        (
            "Décision antérieure annulée ou révoquée",
            "Une décision ayant le même objet a été annulée ou révoquée le […], dans l'année précédant la "
            "demande, faute pour le demandeur d'avoir rempli ses obligations (art. 11, paragraphe 1, point d), "
            "RDC).",
        ),
    ),
    "demander_complements": (
        (
            "Pièce justificative manquante",
            "Joignez […] : cette pièce est nécessaire pour accepter la demande.",
        ),
        ("Rubrique incomplète", "Complétez la rubrique « […] » : […]."),
    ),
    "demander_informations": (
        ("Précisions sur les marchandises", "Précisez […] des marchandises de la ligne […]."),
        (
            "Précisions sur les opérations",
            "Décrivez […] des opérations envisagées (lieu, fréquence, quantités).",
        ),
    ),
    "prolonger_delai": (
        (
            "Examen approfondi nécessaire",
            "Le service ne peut pas statuer dans le délai de décision : l'examen de […] demande un délai "
            "supplémentaire (art. 22, paragraphe 3, deuxième alinéa, CDU).",
        ),
    ),
    "prolonger_enquete": (
        (
            "Infraction présumée",
            "Des éléments laissent présumer une infraction à la législation douanière ; une enquête est en cours "
            "(art. 13, paragraphe 3, RDC).",
        ),
    ),
    # Decisions on an issued authorisation (domain/authorisation_workflow.LifeAction values).
    "notifier_projet": (
        (
            "Conditions plus remplies",
            "Une ou plusieurs conditions d'octroi de l'autorisation ne sont plus remplies : […] "
            "(art. 28, paragraphe 1, point a), CDU).",
        ),
        (
            "Obligations non respectées",
            "Le titulaire n'a pas respecté l'obligation suivante de l'autorisation : […] (art. 28, paragraphe 2, "
            "CDU).",
        ),
        (
            "Informations inexactes",
            "L'autorisation a été prise sur la base d'informations inexactes ou incomplètes : […] (art. 27 CDU).",
        ),
    ),
    "suspendre": (
        (
            "Éléments manquants pour statuer",
            "Le service ne dispose pas des éléments nécessaires pour statuer sur l'annulation, la révocation ou "
            "la modification de l'autorisation : […] (art. 16 RDC).",
        ),
        (
            "Conditions non remplies, mesures attendues",
            "Les conditions de l'autorisation ne sont pas remplies ou les obligations ne sont pas respectées : "
            "[…]. Mesures attendues du titulaire : […] (art. 16 RDC).",
        ),
        (
            "À la demande du titulaire",
            "Le titulaire a demandé la suspension de l'autorisation le […] (art. 16 RDC).",
        ),
    ),
    "prolonger_suspension": (
        (
            "Mesures en cours",
            "Le titulaire a engagé les mesures attendues sans les avoir achevées : […] (art. 17 RDC).",
        ),
    ),
    "revoquer": (
        (
            "Conditions plus remplies",
            "Une ou plusieurs conditions d'octroi ne sont plus remplies : […] (art. 28, paragraphe 1, point a), "
            "CDU).",
        ),
        (
            "Demande du titulaire",
            "Le titulaire a demandé la révocation le […] (art. 28, paragraphe 1, point b), CDU).",
        ),
        (
            "Obligations non respectées",
            "Le titulaire n'a pas respecté l'obligation suivante de l'autorisation : […] (art. 28, paragraphe 2, "
            "CDU).",
        ),
    ),
    "annuler": (
        (
            "Informations inexactes ou incomplètes",
            "L'autorisation a été prise sur la base d'informations inexactes ou incomplètes : […] ; le titulaire "
            "savait ou aurait dû savoir qu'elles l'étaient, et la décision aurait été différente "
            "(art. 27, paragraphe 1, CDU).",
        ),
    ),
    "modifier_office": (
        (
            "Évolution de la réglementation",
            "La réglementation de l'Union applicable a changé : […] (art. 23, paragraphe 4, CDU ; art. 15 RDC).",
        ),
        (
            "Conditions d'octroi modifiées",
            "Une ou plusieurs conditions d'octroi ne sont plus remplies telles qu'autorisées : […] "
            "(art. 28, paragraphe 1, point a), CDU).",
        ),
    ),
    "rejeter_demande": (("Demande non fondée", "La demande ne peut être satisfaite : […]."),),
}


def standard_texts(action: str) -> list[dict[str, str]]:
    """The standard texts offered for ``action``, as {"index", "label"} for the dialog."""
    return [
        {"index": str(i), "label": label} for i, (label, _text) in enumerate(STANDARD_TEXTS.get(action, ()))
    ]


def with_standard_text(message: str, action: str, index: str) -> str:
    """``message`` with the chosen standard text added on a new line (unchanged if unknown)."""
    texts = STANDARD_TEXTS.get(action, ())
    if not index.isdigit() or int(index) >= len(texts):
        return message
    text = texts[int(index)][1]
    return f"{message.rstrip()}\n{text}".strip() if message.strip() else text
