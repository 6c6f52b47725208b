"""Decision letters: the French texts of every decision (one place), from which the PDF letter of a
step is composed — title, legal basis, the decision itself, the grounds the officer picked and
wrote, and for adverse decisions the means and time limits of appeal (UCC art. 44).

The texts are templates; ``compose`` fills them with the facts of one dossier or authorisation."""

from __future__ import annotations

from dataclasses import dataclass, field

# The means of appeal of an adverse decision (UCC art. 44 and 45). The two-month periods are the
# general time limits of French administrative law (code des relations entre le public et
# l'administration, art. L411-2; code de justice administrative, art. R421-1).
APPEAL_TEXT = (
    "Voies de recours et délais : vous pouvez contester cette décision par un recours administratif auprès "
    "du service qui l'a prise, ou de son supérieur hiérarchique, dans un délai de deux mois à compter de sa "
    "notification, puis par un recours contentieux devant la juridiction compétente dans un délai de deux "
    "mois à compter de la notification de la décision ou de la réponse à votre recours (art. 44 du code des "
    "douanes de l'Union). Le recours ne suspend pas l'exécution de la décision (art. 45 CDU)."
)


@dataclass(frozen=True)
class Template:
    title: str
    legal: str
    decision: str  # « {subject} » is the application or the authorisation, « {service} » the service
    adverse: bool = False


# Decisions on an application (domain/workflow.Action values).
DOSSIER_LETTERS: dict[str, Template] = {
    "accepter": Template(
        "Accusé d'acceptation de la demande",
        "Article 22, paragraphe 2, du code des douanes de l'Union",
        "Votre {subject} est acceptée : elle contient toutes les informations nécessaires. Le délai dont "
        "dispose le {service} pour prendre sa décision court à compter de ce jour.",
    ),
    "declarer_irrecevable": Template(
        "Décision de non-acceptation de la demande",
        "Article 22, paragraphe 2, du code des douanes de l'Union ; article 11 du règlement délégué (UE) "
        "2015/2446",
        "Votre {subject} ne peut pas être acceptée pour les motifs exposés ci-dessous.",
        adverse=True,
    ),
    "notifier_projet_defavorable": Template(
        "Communication des motifs d'une décision défavorable envisagée (droit d'être entendu)",
        "Article 22, paragraphe 6, du code des douanes de l'Union ; article 8 du règlement délégué (UE) "
        "2015/2446",
        "Le {service} envisage de ne pas faire droit à votre {subject}, pour les motifs exposés ci-dessous. "
        "Vous disposez de trente jours à compter de la réception de la présente communication pour faire "
        "connaître votre point de vue.",
    ),
    "refuser": Template(
        "Décision de refus de l'autorisation",
        "Article 22, paragraphes 6 et 7, du code des douanes de l'Union",
        "Après vous avoir entendu, le {service} refuse l'autorisation sollicitée par votre {subject}, pour les "
        "motifs exposés ci-dessous.",
        adverse=True,
    ),
    "accorder": Template(
        "Décision d'autorisation",
        "Articles 22, paragraphes 3 et 4, et 211 du code des douanes de l'Union",
        "Le {service} fait droit à votre {subject}. L'autorisation jointe précise ses conditions.",
    ),
    "classer_sans_suite": Template(
        "Classement de la demande sans suite",
        "Article 22 du code des douanes de l'Union",
        "Votre {subject} est classée sans suite, le demandeur n'existant plus.",
    ),
}

# Decisions on an issued authorisation (domain/authorisation_workflow.LifeAction values).
AUTHORISATION_LETTERS: dict[str, Template] = {
    "notifier_projet": Template(
        "Communication des motifs d'une mesure envisagée (droit d'être entendu)",
        "Article 22, paragraphe 6, du code des douanes de l'Union ; article 8 du règlement délégué (UE) "
        "2015/2446",
        "Le {service} envisage la mesure décrite ci-dessous à l'égard de l'{subject}. Vous disposez de trente "
        "jours pour faire connaître votre point de vue.",
    ),
    "suspendre": Template(
        "Décision de suspension de l'autorisation",
        "Article 23, paragraphe 4, du code des douanes de l'Union ; articles 16 et 17 du règlement délégué "
        "(UE) 2015/2446",
        "Le {service} suspend l'{subject} dans les conditions exposées ci-dessous.",
        adverse=True,
    ),
    "prolonger_suspension": Template(
        "Prolongation de la suspension de l'autorisation",
        "Article 17 du règlement délégué (UE) 2015/2446",
        "La suspension de l'{subject} est prolongée dans les conditions exposées ci-dessous.",
        adverse=True,
    ),
    "lever_suspension": Template(
        "Levée de la suspension de l'autorisation",
        "Article 17 du règlement délégué (UE) 2015/2446",
        "La suspension de l'{subject} est levée : l'autorisation s'applique de nouveau.",
    ),
    "revoquer": Template(
        "Décision de révocation de l'autorisation",
        "Article 28 du code des douanes de l'Union",
        "Le {service} révoque l'{subject} dans les conditions exposées ci-dessous.",
        adverse=True,
    ),
    "annuler": Template(
        "Décision d'annulation de l'autorisation",
        "Article 27 du code des douanes de l'Union",
        "Le {service} annule l'{subject} : elle est réputée n'avoir jamais produit d'effet.",
        adverse=True,
    ),
    "modifier_office": Template(
        "Décision de modification de l'autorisation",
        "Article 28, paragraphe 1, point a), du code des douanes de l'Union",
        "Le {service} modifie l'{subject} comme exposé ci-dessous.",
        adverse=True,
    ),
    "rejeter_demande": Template(
        "Rejet de votre demande relative à l'autorisation",
        "Articles 22 et 28 du code des douanes de l'Union",
        "Le {service} rejette votre demande relative à l'{subject}, pour les motifs exposés ci-dessous.",
        adverse=True,
    ),
}


@dataclass(frozen=True)
class LetterFacts:
    subject: str  # « demande n° RP-2026-000012 », « autorisation n° FRIPO2026000001 »
    service: str  # the customs service that decides
    addressee: str  # the applicant or holder
    address: list[str]
    decided_on: str  # JJ/MM/AAAA
    place: str = ""  # the service's town, for « Fait à … »
    text: str = ""  # what the officer wrote (grounds, measures, conditions)
    reference: str = ""  # the dossier or authorisation number
    demo: bool = False
    notice: str = ""  # « Notifiée le … » and the dates that follow (domain/notification.py)


@dataclass(frozen=True)
class Letter:
    title: str
    legal: str
    heading: list[str]  # addressee block
    paragraphs: list[str] = field(default_factory=list)
    appeal: str = ""
    signature: str = ""
    reference: str = ""
    demo: bool = False


def compose(template: Template, facts: LetterFacts) -> Letter:
    decision = template.decision.format(subject=facts.subject, service=facts.service)
    paragraphs = [f"Objet : {template.title.lower()} — {facts.subject}.", decision]
    paragraphs += [line for line in facts.text.split("\n") if line.strip()]
    if facts.notice:
        paragraphs.append(facts.notice)
    return Letter(
        title=template.title,
        legal=f"Base légale : {template.legal}.",
        heading=[facts.addressee, *[line for line in facts.address if line]],
        paragraphs=paragraphs,
        appeal=APPEAL_TEXT if template.adverse else "",
        signature=f"Le {decided_on_text(facts)}, {facts.service}.",
        reference=facts.reference,
        demo=facts.demo,
    )


def decided_on_text(facts: LetterFacts) -> str:
    return facts.decided_on if not facts.place else f"{facts.decided_on}, à {facts.place}"
