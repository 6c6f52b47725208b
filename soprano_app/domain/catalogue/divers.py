"""Spec §1.4 rubrique « Divers » (conditions of the retroactive effect: spec §3.8)."""

from __future__ import annotations

from decimal import Decimal

from . import codelists as cl
from .builders import (
    address,
    attachment,
    choice,
    choices,
    date,
    eori,
    integer,
    long_text,
    number,
    office,
    ref,
    text,
    yes_no,
)
from .conditions import Eq, In, yes
from .model import Block, Group, Rubrique, RubriqueDef, Section, obligation, per_regime

_GARANTIE_CONSTITUEE = In("garantie_requise", ("isolee", "globale"))

DUREE = Section(
    "Date d'effet et durée",
    (
        date(
            "date_effet",
            "Date de prise d'effet souhaitée",
            "Date à partir de laquelle vous souhaitez utiliser l'autorisation ; elle ne peut être antérieure au "
            "dépôt que dans le cadre d'une demande d'effet rétroactif.",
            "O",
            de="4/6",
            legal="art. 22, paragraphe 4, CDU",
        ),
        integer(
            "duree_validite",
            "Durée de validité souhaitée",
            "Durée pendant laquelle vous souhaitez bénéficier de l'autorisation ; 5 ans au plus, 3 ans pour les "
            "marchandises de l'annexe 71-02.",
            per_regime(AT="O", DP="O", PA="O", PP="O"),
            de="4/7",
            minimum=1,
            maximum=Decimal(60),
            placeholder="en mois",
            legal="art. 173 RDC",
        ),
        # The spec gives « F »; ED has no validity period to justify, hence « – » for ED.
        text(
            "duree_justification",
            "Justification de la durée demandée",
            "Expliquez pourquoi la durée demandée correspond à votre besoin.",
            per_regime(AT="F", DP="F", PA="F", PP="F"),
            max_length=1000,
        ),
    ),
)

RETROACTIF = Section(
    "Effet rétroactif",
    (
        yes_no(
            "retroactif",
            "Demandez-vous un effet rétroactif ?",
            "Répondez « Oui » si les marchandises ont déjà été traitées comme si elles étaient sous le régime et "
            "que vous devez régulariser la situation.",
            "F",
            legal="art. 211, paragraphe 2, CDU",
        ),
        Block(
            id="retroactif_details",
            label="Date d'effet rétroactif et justification",
            infobulle="Indiquez depuis quand l'effet rétroactif est demandé et démontrez le besoin économique ; vos "
            "écritures doivent permettre de contrôler la période concernée.",
            obligation=obligation("C"),
            required_if=yes("retroactif"),
            required_when="si vous demandez un effet rétroactif",
            shown_if=yes("retroactif"),
            items=(
                date(
                    "retroactif_date",
                    "Date d'effet rétroactif demandée",
                    "Date à partir de laquelle l'autorisation s'appliquerait ; au plus tôt un an avant l'acceptation "
                    "de la demande (trois mois pour les marchandises de l'annexe 71-02).",
                    "O",
                    legal="art. 172 RDC",
                ),
                long_text(
                    "retroactif_motif",
                    "Justification de l'effet rétroactif",
                    "Démontrez le besoin économique, expliquez pourquoi l'autorisation n'a pas été demandée plus tôt "
                    "et comment vos écritures permettent de contrôler la période concernée.",
                    "O",
                    max_length=2000,
                ),
                choices(
                    "retroactif_conditions",
                    "Conditions de l'effet rétroactif remplies",
                    "Cochez les conditions de l'article 211, paragraphe 2, du CDU que votre situation remplit ; "
                    "l'effet rétroactif ne peut être accordé que si elles le sont toutes.",
                    "O",
                    cl.CONDITIONS_RETROACTIF,
                    legal="art. 211, paragraphe 2, CDU",
                ),
            ),
        ),
    ),
)

GARANTIE = Section(
    "Garantie",
    (
        choice(
            "garantie_requise",
            "Garantie",
            "Indiquez comment vous garantirez la dette douanière potentielle liée aux marchandises placées sous le "
            "régime.",
            "F",
            cl.GARANTIES,
            de="8/6",
            legal="art. 89 et art. 211, paragraphe 3, point c), CDU",
        ),
        number(
            "garantie_montant",
            "Montant estimé de la dette potentielle",
            "Estimation des droits et taxes qui seraient dus sur les marchandises présentes sous le régime au même "
            "moment.",
            "C",
            decimals=2,
            de="8/6",
            placeholder="en euros",
            required_if=_GARANTIE_CONSTITUEE,
            required_when="pour une garantie isolée ou globale",
            shown_if=_GARANTIE_CONSTITUEE,
        ),
        text(
            "garantie_reference",
            "Référence de la garantie ou de l'autorisation de garantie globale",
            "Numéro de référence de la garantie ou de votre autorisation de garantie globale.",
            "C",
            max_length=35,
            de="8/6",
            required_if=Eq("garantie_requise", "globale"),
            required_when="pour une garantie globale",
            shown_if=_GARANTIE_CONSTITUEE,
        ),
        office(
            "bur_garantie",
            "Bureau de garantie",
            "Bureau auprès duquel la garantie est ou sera constituée.",
            "C",
            de="4/12",
            required_if=_GARANTIE_CONSTITUEE,
            required_when="pour une garantie isolée ou globale",
            shown_if=_GARANTIE_CONSTITUEE,
        ),
    ),
)

TORO = Section(
    "Transfert des droits et obligations",
    (
        yes_no(
            "toro_demande",
            "Transfert des droits et obligations",
            "Répondez « Oui » si vous prévoyez de transférer tout ou partie de vos droits et obligations sur les "
            "marchandises à une autre personne qui remplit les conditions du régime.",
            per_regime(AT="F", DP="O", ED="F", PA="F", PP="F"),
            de="8/7",
            legal="art. 218 CDU",
        ),
        Group(
            id="toro_cessionnaires",
            label="Bénéficiaires du transfert",
            infobulle="Identifiez chaque personne à laquelle les droits et obligations seront transférés et les "
            "marchandises concernées.",
            obligation=obligation("C"),
            de="8/7",
            required_if=yes("toro_demande"),
            required_when="si vous prévoyez un transfert des droits et obligations",
            shown_if=yes("toro_demande"),
            legal="art. 218 CDU",
            add_label="Ajouter un bénéficiaire",
            row_label="Bénéficiaire",
            summary=("toro_eori", "toro_nom", "toro_marchandises"),
            items=(
                eori(
                    "toro_eori",
                    "Numéro EORI du bénéficiaire",
                    "Numéro EORI de la personne à laquelle les droits et obligations seront transférés.",
                    "O",
                ),
                text(
                    "toro_nom",
                    "Nom ou raison sociale",
                    "Dénomination officielle du bénéficiaire du transfert.",
                    "O",
                    max_length=70,
                ),
                address(
                    "toro_adresse", "Adresse du bénéficiaire", "Adresse du bénéficiaire du transfert.", "O"
                ),
                text(
                    "toro_autorisation",
                    "Autorisation détenue par le bénéficiaire",
                    "Numéro de l'autorisation du même régime que le bénéficiaire détient déjà, le cas échéant "
                    "(facultatif).",
                    "F",
                    max_length=35,
                    inner_required=False,
                ),
                ref(
                    "toro_marchandises",
                    "Marchandises concernées",
                    "Sélectionnez les lignes de marchandises dont les droits et obligations seront transférés à ce "
                    "bénéficiaire.",
                    "O",
                    source="marchandises",
                    many=True,
                ),
                text(
                    "toro_modalites",
                    "Modalités du transfert",
                    "Décrivez comment et à quel moment le transfert interviendra (par exemple à la livraison, pour tout "
                    "ou partie des quantités).",
                    "O",
                    max_length=1000,
                ),
            ),
        ),
    ),
)

CIRCULATION = Section(
    "Circulation des marchandises",
    (
        yes_no(
            "circulation",
            "Circulation des marchandises sous le régime",
            "Indiquez si les marchandises circuleront entre plusieurs lieux ou bureaux pendant le régime, et "
            "comment.",
            "F",
            legal="art. 219 CDU",
        ),
        long_text(
            "circulation_detail",
            "Modalités de la circulation",
            "Précisez entre quels lieux ou bureaux les marchandises circuleront, vers quels autres titulaires le "
            "cas échéant, et comment ces mouvements seront suivis dans vos écritures.",
            "C",
            max_length=1000,
            required_if=yes("circulation"),
            required_when="si vous avez répondu Oui",
            shown_if=yes("circulation"),
        ),
    ),
)

REMARQUES = Section(
    "Remarques et informations complémentaires",
    (
        long_text(
            "remarque_generale",
            "Remarque générale",
            "Toute information générale utile à l'instruction de votre demande.",
            "F",
            max_length=2000,
            de="6/3",
        ),
        long_text(
            "infos_complementaires",
            "Informations complémentaires",
            "Précisions complémentaires, notamment celles demandées dans les données spécifiques du régime.",
            "F",
            max_length=4000,
            de="8/5",
        ),
    ),
)

PIECES = Section(
    "Pièces jointes",
    (
        # The files themselves live in their own table; the types each dossier needs are rules
        # (forms/rules.py, spec §2.9).
        attachment(
            "pieces_jointes",
            "Pièces jointes",
            "Joignez les documents qui appuient votre demande (procédé de fabrication, plans des locaux, contrats, "
            "procédure de tenue des écritures…).",
            "C",
            de="2/3",
        ),
    ),
)

RUBRIQUE = RubriqueDef(Rubrique.DIVERS, (DUREE, RETROACTIF, GARANTIE, TORO, CIRCULATION, REMARQUES, PIECES))
