"""Spec §1.5 rubrique « Validation »."""

from __future__ import annotations

from .builders import checkbox, computed, text
from .model import Block, Rubrique, RubriqueDef, Section, obligation

SIGNATURE = Section(
    "Signature",
    (
        text("val_lieu", "Fait à", "Ville où la demande est signée.", "O", max_length=35, de="4/1"),
        # Set by « Valider » (submission date).
        computed(
            "val_date",
            "Date",
            "Date de validation de la demande, renseignée automatiquement.",
            "O",
            de="4/2",
        ),
        Block(
            id="val_signataire",
            label="Nom, prénom et qualité du signataire",
            infobulle="Identité et fonction de la personne qui engage l'entreprise en validant la demande.",
            obligation=obligation("O"),
            de="1/2",
            items=(
                text(
                    "val_signataire_nom",
                    "Nom",
                    "Nom de la personne qui signe la demande.",
                    "O",
                    max_length=70,
                ),
                text(
                    "val_signataire_prenom",
                    "Prénom",
                    "Prénom de la personne qui signe la demande.",
                    "O",
                    max_length=35,
                ),
                text(
                    "val_signataire_qualite",
                    "Qualité",
                    "Fonction du signataire dans l'entreprise (par exemple gérant, directeur logistique).",
                    "O",
                    max_length=70,
                ),
            ),
        ),
        checkbox(
            "val_attestation",
            "Je certifie l'exactitude et l'exhaustivité des informations fournies et m'engage à informer la douane "
            "de tout changement",
            "En cochant cette case, vous engagez l'entreprise sur l'exactitude des informations et vous vous "
            "engagez à signaler toute évolution.",
            "O",
            legal="art. 15 et art. 23, paragraphe 2, CDU",
        ),
    ),
)

RUBRIQUE = RubriqueDef(Rubrique.VALIDATION, (SIGNATURE,))
