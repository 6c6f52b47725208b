"""Spec §1.2 rubrique « Comptabilités / écritures »."""

from __future__ import annotations

from . import codelists as cl
from .builders import address, choice, long_text, text, yes_no
from .conditions import In, no, yes
from .model import Rubrique, RubriqueDef, Section, per_regime

COMPTABILITE_PRINCIPALE = Section(
    "Comptabilité principale",
    (
        yes_no(
            "cpt_lieu_identique",
            "La comptabilité principale est tenue à l'adresse du demandeur",
            "Cochez « Oui » si la comptabilité principale est tenue ou consultable à l'adresse indiquée pour le "
            "demandeur.",
            "O",
        ),
        # When « Oui », the address of the applicant is copied into cpt_lieu (done by the form, not here).
        address(
            "cpt_lieu",
            "Lieu où la comptabilité principale à des fins douanières est tenue ou accessible",
            "Adresse où se trouve, ou d'où l'on peut consulter, la comptabilité qui sert de base aux contrôles "
            "douaniers.",
            "O",
            de="4/3",
            required_if=no("cpt_lieu_identique"),
            required_when="si la comptabilité principale n'est pas tenue à l'adresse du demandeur",
            shown_if=no("cpt_lieu_identique"),
        ),
        choice(
            "cpt_type",
            "Type de comptabilité principale à des fins douanières",
            "Indiquez la nature de votre comptabilité (informatisée, papier) et, si elle est informatisée, le nom "
            "du progiciel utilisé.",
            "O",
            cl.TYPES_COMPTABILITE,
            de="8/1",
        ),
        text(
            "cpt_logiciel",
            "Progiciel ou logiciel utilisé",
            "Nom (et version, le cas échéant) du progiciel ou du logiciel dans lequel la comptabilité est tenue.",
            "C",
            max_length=140,
            de="8/1",
            required_if=In("cpt_type", ("informatisee", "mixte")),
            required_when="si la comptabilité est informatisée ou mixte",
            shown_if=In("cpt_type", ("informatisee", "mixte")),
        ),
    ),
)

ECRITURES = Section(
    "Écritures du régime",
    (
        yes_no(
            "ecr_lieu_identique",
            "Les écritures sont conservées au même lieu que la comptabilité principale",
            "Cochez « Oui » si les écritures du régime sont conservées au même endroit que la comptabilité "
            "principale.",
            "O",
        ),
        address(
            "ecr_lieu",
            "Lieu de conservation des écritures",
            "Adresse où sont tenues les écritures (comptabilité matières) propres au régime.",
            "C",
            de="4/4",
            required_if=no("ecr_lieu_identique"),
            required_when="si les écritures ne sont pas conservées au même lieu que la comptabilité principale",
            shown_if=no("ecr_lieu_identique"),
        ),
        choice(
            "ecr_type",
            "Type d'écritures",
            "Indiquez comment sont tenues les écritures qui retracent l'entrée, les mouvements et la sortie des "
            "marchandises sous le régime.",
            "O",
            cl.TYPES_ECRITURES,
            de="8/2",
        ),
        text(
            "ecr_precision",
            "Logiciel dédié ou autre mode de tenue",
            "Nom du logiciel dédié, ou description de l'autre mode de tenue des écritures.",
            "C",
            max_length=140,
            de="8/2",
            required_if=In("ecr_type", ("logiciel_dedie", "autre")),
            required_when="pour un logiciel dédié ou un autre mode de tenue",
            shown_if=In("ecr_type", ("logiciel_dedie", "autre")),
        ),
        long_text(
            "ecr_description",
            "Description du suivi des marchandises dans les écritures",
            "Décrivez brièvement comment vos écritures permettent de suivre les marchandises depuis leur placement "
            "jusqu'à l'apurement du régime.",
            per_regime(AT="F", DP="F", ED="O", PA="O", PP="F"),
            max_length=2000,
            legal="art. 178 RDC",
        ),
        yes_no(
            "ecr_tiers",
            "Écritures tenues par un tiers",
            "Si un prestataire (logisticien, expert-comptable) tient les écritures pour vous, indiquez son nom.",
            "F",
        ),
        text(
            "ecr_tiers_identite",
            "Identité du tiers",
            "Nom ou raison sociale du prestataire qui tient les écritures pour vous et, si possible, sa ville.",
            "C",
            max_length=140,
            required_if=yes("ecr_tiers"),
            required_when="si vous avez répondu Oui",
            shown_if=yes("ecr_tiers"),
        ),
    ),
)

ACCES = Section(
    "Accès aux données",
    (
        long_text(
            "acces_donnees",
            "Accès aux données",
            "Précisez comment le service des douanes pourra accéder à vos données (consultation sur place, "
            "extraction, accès à distance).",
            "F",
            max_length=1000,
            de="8/3",
        ),
    ),
)

RUBRIQUE = RubriqueDef(Rubrique.COMPTABILITE, (COMPTABILITE_PRINCIPALE, ECRITURES, ACCES))
