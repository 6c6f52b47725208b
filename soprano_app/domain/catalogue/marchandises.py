"""Spec §1.3 rubrique « Marchandises et produits » (§1.3.1 to §1.3.8), with the `lieu` block of §1.7."""

from __future__ import annotations

from ..regimes import Regime
from . import codelists as cl
from .builders import (
    address,
    choice,
    choices,
    cn_code,
    country,
    currency,
    integer,
    long_text,
    number,
    office,
    place,
    ref,
    text,
    unit,
    yes_no,
)
from .conditions import Contains, Eq, Filled, In, Not, RegimeIs, yes
from .model import Group, Rubrique, RubriqueDef, Section, obligation, per_regime

# Processed products: « C » for DP (only when the end-use involves processing), « O » for PA/PP. Once a
# DP product line exists, its columns are needed as for PA/PP; the letter « C » is only read for DP.
_PRODUIT_DP = RegimeIs((Regime.DP,))
_PRODUIT_DP_QUAND = "pour chaque produit transformé déclaré"
# Rate of yield: a value for a fixed or average rate, a text for a method.
_RENDEMENT_TAUX = In("pt_rendement_type", ("fixe", "moyen"))
_RENDEMENT_METHODE = Eq("pt_rendement_type", "methode")
_EQUIVALENCE = yes("eq_demande")
_EQUIVALENCE_QUAND = "lorsque l'équivalence est demandée"

MARCHANDISES = Section(
    "Marchandises à placer sous le régime",
    (
        Group(
            id="marchandises",
            label="Marchandises à placer sous le régime",
            infobulle="Ajoutez une ligne par marchandise que vous prévoyez de placer sous le régime pendant la durée "
            "de l'autorisation : code NC, désignation, quantité et valeur estimées.",
            obligation=obligation("O"),
            add_label="Ajouter une marchandise à placer",
            row_label="Marchandise",
            summary=("mp_code_nc", "mp_designation", "mp_quantite", "mp_unite"),
            min_rows=1,
            max_rows=999,  # a broker's goods list, imported from a spreadsheet (goods_import.py), may be long
            items=(
                # Digits (enforced by the engine): AT 4–8 (8 recommended); DP 8 (10 TARIC accepted); ED 4–8,
                # or empty when the designation is a general category (hence « C », no checkable condition);
                # PA/PP at least 4, and 8 when equivalent goods are requested (art. 223, paragraphe 1, CDU),
                # for PP standard exchange (art. 261 CDU), for PA goods of annexe 71-02 RDC or PA code 22.
                cn_code(
                    "mp_code_nc",
                    "Code de la nomenclature combinée",
                    "Code de la nomenclature combinée des marchandises ; saisissez les 8 chiffres sans point ni "
                    "espace dès que vous les connaissez.",
                    per_regime(AT="O", DP="O", ED="C", PA="O", PP="O"),
                    lengths=(4, 6, 8, 10),
                    de="5/1",
                ),
                long_text(
                    "mp_designation",
                    "Désignation des marchandises",
                    "Décrivez la marchandise (nom commercial, matière, caractéristiques techniques) de façon assez "
                    "précise pour que la douane puisse l'identifier.",
                    per_regime(AT="O", DP="O", ED="O", PA="O", PP="O"),
                    max_length=512,
                    de="5/2",
                ),
                number(
                    "mp_quantite",
                    "Quantité estimée",
                    "Quantité totale que vous prévoyez de placer sous le régime pendant la durée de l'autorisation.",
                    per_regime(AT="O", DP="O", ED="F", PA="O", PP="O"),
                    exclusive_minimum=True,
                    de="5/3",
                ),
                unit(
                    "mp_unite",
                    "Unité de mesure",
                    "Unité dans laquelle la quantité est exprimée (kg, litres, nombre de pièces…).",
                    "C",
                    de="5/3",
                    required_if=Filled("mp_quantite"),
                    required_when="lorsque vous indiquez une quantité",
                ),
                number(
                    "mp_valeur",
                    "Valeur estimée",
                    "Valeur totale estimée des marchandises à placer, de préférence en euros.",
                    per_regime(AT="O", DP="O", ED="F", PA="O", PP="O"),
                    decimals=2,
                    de="5/4",
                ),
                # Default EUR (spec): no default value in the model, the form may preselect it.
                currency(
                    "mp_devise",
                    "Devise",
                    "Devise de la valeur indiquée ; par défaut l'euro.",
                    "C",
                    de="5/4",
                    required_if=Filled("mp_valeur"),
                    required_when="lorsque vous indiquez une valeur",
                ),
                # Computed from mp_code_nc when it has 8 digits, otherwise declared by the operator.
                yes_no(
                    "mp_annexe_71_02",
                    "Marchandise reprise à l'annexe 71-02 RDC",
                    "Indique si la marchandise figure dans la liste des marchandises « sensibles » de l'annexe "
                    "71-02 du RDC ; calculé à partir du code NC.",
                    per_regime(PA="O"),
                    legal="annexe 71-02 RDC",
                ),
                yes_no(
                    "mp_mesures_pc",
                    "Marchandise soumise à une mesure de politique agricole ou commerciale, à un droit antidumping, "
                    "compensateur, de sauvegarde ou additionnel en cas de mise en libre pratique",
                    "Indiquez si, importée pour la consommation, cette marchandise serait soumise à une mesure "
                    "particulière (antidumping, sauvegarde, certificat…).",
                    per_regime(PA="C"),
                    required_if=RegimeIs((Regime.PA,)),
                    required_when="en perfectionnement actif",
                ),
                text(
                    "mp_mesures_detail",
                    "Mesures concernées",
                    "Précisez la ou les mesures qui s'appliqueraient (droit antidumping, mesure de sauvegarde, "
                    "certificat d'importation…) et leur référence.",
                    per_regime(PA="C"),
                    max_length=500,
                    required_if=yes("mp_mesures_pc"),
                    required_when="si vous avez répondu Oui",
                    shown_if=yes("mp_mesures_pc"),
                ),
                country(
                    "mp_origine",
                    "Pays d'origine (si connu)",
                    "Pays d'origine des marchandises, s'il est connu.",
                    per_regime(AT="F", DP="F", ED="F", PA="F"),
                ),
                long_text(
                    "mp_infos_complementaires",
                    "Informations complémentaires sur les marchandises à placer",
                    "Ajoutez toute précision utile sur la marchandise (mesure tarifaire visée, usage, "
                    "conditionnement) ; à défaut indiquez S.O.",
                    per_regime(AT="F", DP="O", ED="F", PA="F", PP="F"),
                    max_length=1000,
                    sans_objet=True,
                ),
            ),
        ),
    ),
)

PRODUITS = Section(
    "Produits transformés",
    (
        Group(
            id="produits",
            label="Produits transformés",
            infobulle="Ajoutez une ligne par produit obtenu (produit principal, sous-produits, déchets), avec les "
            "marchandises mises en œuvre et le taux de rendement.",
            obligation=per_regime(DP="C", PA="O", PP="O"),
            add_label="Ajouter un produit transformé",
            row_label="Produit",
            summary=("pt_code_nc", "pt_designation", "pt_categorie", "pt_quantite"),
            min_rows=1,
            # DP « C »: only when the end-use involves processing, which no answer records.
            items=(
                cn_code(
                    "pt_code_nc",
                    "Code NC du produit transformé",
                    "Code de la nomenclature du produit obtenu après transformation ou réparation.",
                    per_regime(DP="C", PA="O", PP="O"),
                    lengths=(4, 6, 8),
                    de="5/7",
                    required_if=_PRODUIT_DP,
                    required_when=_PRODUIT_DP_QUAND,
                ),
                long_text(
                    "pt_designation",
                    "Désignation du produit transformé",
                    "Décrivez le produit obtenu après l'opération.",
                    per_regime(DP="C", PA="O", PP="O"),
                    max_length=512,
                    de="5/7",
                    required_if=_PRODUIT_DP,
                    required_when=_PRODUIT_DP_QUAND,
                ),
                choice(
                    "pt_categorie",
                    "Produit transformé principal ou secondaire",
                    "Indiquez s'il s'agit du produit recherché (principal) ou d'un sous-produit, déchet ou chute "
                    "(secondaire).",
                    per_regime(DP="C", PA="O", PP="O"),
                    cl.CATEGORIES_PRODUIT,
                    de="5/7",
                    required_if=_PRODUIT_DP,
                    required_when=_PRODUIT_DP_QUAND,
                ),
                number(
                    "pt_quantite",
                    "Quantité estimée du produit",
                    "Quantité de produit que vous prévoyez d'obtenir.",
                    per_regime(DP="C", PA="O", PP="O"),
                    de="5/7",
                    required_if=_PRODUIT_DP,
                    required_when=_PRODUIT_DP_QUAND,
                ),
                unit(
                    "pt_unite",
                    "Unité de mesure du produit",
                    "Unité dans laquelle la quantité de produit est exprimée (kg, litres, nombre de pièces…).",
                    per_regime(DP="C", PA="C", PP="C"),
                    de="5/7",
                    required_if=Filled("pt_quantite"),
                    required_when="lorsque vous indiquez une quantité",
                ),
                ref(
                    "pt_marchandises",
                    "Marchandises mises en œuvre",
                    "Sélectionnez les marchandises à placer qui entrent dans la fabrication de ce produit.",
                    per_regime(DP="C", PA="O", PP="O"),
                    source="marchandises",
                    many=True,
                    required_if=_PRODUIT_DP,
                    required_when=_PRODUIT_DP_QUAND,
                ),
                choice(
                    "pt_rendement_type",
                    "Mode d'expression du taux de rendement",
                    "Indiquez si vous proposez un taux fixe, un taux moyen ou une méthode de calcul du rendement.",
                    per_regime(DP="C", PA="O", PP="O"),
                    cl.TYPES_RENDEMENT,
                    de="5/5",
                    legal="art. 255 CDU",
                    required_if=_PRODUIT_DP,
                    required_when=_PRODUIT_DP_QUAND,
                ),
                number(
                    "pt_rendement_valeur",
                    "Taux de rendement",
                    "Quantité de produit transformé obtenue à partir d'une quantité donnée de marchandise placée "
                    "(par exemple 95 kg de produit pour 100 kg de matière, soit 95 %).",
                    per_regime(DP="C", PA="C", PP="C"),
                    exclusive_minimum=True,
                    de="5/5",
                    legal="art. 255 CDU",
                    required_if=_RENDEMENT_TAUX,
                    required_when="pour un taux fixe ou un taux moyen",
                    shown_if=_RENDEMENT_TAUX,
                ),
                choice(
                    "pt_rendement_unite",
                    "Unité du taux de rendement",
                    "Exprimez le taux en pourcentage ou en unités de produit obtenues par unité de marchandise "
                    "placée.",
                    per_regime(DP="C", PA="C", PP="C"),
                    cl.UNITES_RENDEMENT,
                    de="5/5",
                    required_if=_RENDEMENT_TAUX,
                    required_when="pour un taux fixe ou un taux moyen",
                    shown_if=_RENDEMENT_TAUX,
                ),
                long_text(
                    "pt_rendement_methode",
                    "Méthode de détermination du rendement",
                    "Expliquez comment le rendement sera calculé (nomenclature de fabrication, pesées, fiches "
                    "techniques).",
                    per_regime(DP="C", PA="C", PP="C"),
                    max_length=1000,
                    de="5/5",
                    legal="art. 255 CDU",
                    required_if=_RENDEMENT_METHODE,
                    required_when="si vous proposez une méthode de détermination",
                    shown_if=_RENDEMENT_METHODE,
                ),
            ),
        ),
    ),
    regimes=(Regime.DP, Regime.PA, Regime.PP),
)

EQUIVALENCE = Section(
    "Marchandises équivalentes",
    (
        # Not offered for AT (equivalence only in the cases set by the RDC).
        yes_no(
            "eq_demande",
            "Sollicitez-vous l'utilisation de marchandises équivalentes ?",
            "Répondez « Oui » si vous souhaitez mettre en œuvre des marchandises de l'Union à la place des "
            "marchandises non Union (compensation à l'équivalent).",
            per_regime(DP="F", ED="F", PA="O", PP="O"),
            de="5/6",
            legal="art. 223, paragraphe 1, CDU",
        ),
        Group(
            id="eq_lignes",
            label="Marchandises équivalentes",
            infobulle="Décrivez les marchandises de l'Union qui remplaceront les marchandises non Union : code NC à "
            "8 chiffres, qualité commerciale et caractéristiques techniques identiques.",
            obligation=obligation("C"),
            de="5/6",
            legal="art. 223, paragraphe 1, CDU",
            add_label="Ajouter une marchandise équivalente",
            row_label="Marchandise équivalente",
            summary=("eq_code_nc", "eq_designation", "eq_marchandise_remplacee"),
            min_rows=1,
            required_if=_EQUIVALENCE,
            required_when=_EQUIVALENCE_QUAND,
            shown_if=_EQUIVALENCE,
            items=(
                cn_code(
                    "eq_code_nc",
                    "Code NC (8 chiffres)",
                    "Code de la nomenclature combinée à 8 chiffres de la marchandise de l'Union ; il doit être "
                    "identique à celui de la marchandise remplacée.",
                    "O",
                    lengths=(8,),
                    de="5/6",
                ),
                text(
                    "eq_designation",
                    "Désignation",
                    "Désignation commerciale et technique de la marchandise de l'Union équivalente.",
                    "O",
                    max_length=512,
                    de="5/6",
                ),
                text(
                    "eq_qualite",
                    "Qualité commerciale",
                    "Qualité commerciale de la marchandise équivalente (norme, grade, marque…), identique à celle "
                    "de la marchandise remplacée.",
                    "O",
                    max_length=500,
                    de="5/6",
                ),
                text(
                    "eq_caracteristiques",
                    "Caractéristiques techniques",
                    "Caractéristiques techniques de la marchandise équivalente (composition, dimensions, "
                    "performances…), identiques à celles de la marchandise remplacée.",
                    "O",
                    max_length=500,
                    de="5/6",
                ),
                ref(
                    "eq_marchandise_remplacee",
                    "Marchandise remplacée",
                    "Choisissez, parmi les marchandises à placer, celle que cette marchandise de l'Union remplacera.",
                    "O",
                    source="marchandises",
                    de="5/6",
                ),
            ),
        ),
        long_text(
            "eq_modalites",
            "Modalités de recours à l'équivalence",
            "Expliquez comment vous distinguerez et suivrez dans vos écritures les marchandises équivalentes.",
            "C",
            max_length=1000,
            de="5/6",
            required_if=_EQUIVALENCE,
            required_when=_EQUIVALENCE_QUAND,
            shown_if=_EQUIVALENCE,
        ),
    ),
    regimes=(Regime.DP, Regime.ED, Regime.PA, Regime.PP),
)

IDENTIFICATION = Section(
    "Identification des marchandises",
    (
        # PA/PP: not needed for goods covered by equivalence (Annex A introductory note). The PP standard
        # exchange exemption is per line and may cover only part of the operations: not modelled here.
        choices(
            "id_methodes",
            "Moyens d'identification des marchandises",
            "Indiquez comment la douane pourra reconnaître les marchandises à la sortie du régime (numéro de "
            "série, scellés, échantillons, photos, analyses…).",
            per_regime(AT="O", DP="F", ED="F", PA="C", PP="C"),
            cl.MOYENS_IDENTIFICATION,
            de="5/8",
            required_if=Not(_EQUIVALENCE),
            required_when="sauf si vous sollicitez l'utilisation de marchandises équivalentes",
        ),
        long_text(
            "id_description",
            "Précisions sur l'identification",
            "Précisez les numéros, marques ou documents utilisés pour identifier les marchandises.",
            "C",
            max_length=1000,
            de="5/8",
            required_if=Contains("id_methodes", ("1", "6")),
            required_when="si vous utilisez les numéros de série ou un autre moyen d'identification",
        ),
    ),
)

ACTIVITES = Section(
    "Activités prévues",
    (
        choices(
            "act_operations",
            "Nature des opérations de perfectionnement",
            "Cochez le type d'opérations qui seront réalisées sur les marchandises.",
            per_regime(PA="O", PP="O"),
            cl.OPERATIONS_PERFECTIONNEMENT,
            legal="art. 5, point 37, CDU",
        ),
        long_text(
            "act_description",
            "Description des activités prévues",
            "Décrivez ce que vous ferez des marchandises sous le régime (fabrication, réparation, stockage, "
            "utilisation prévue) et pourquoi vous avez besoin de ce régime.",
            per_regime(AT="O", DP="O", ED="O", PA="O", PP="O"),
            max_length=4000,
            de="7/5",
        ),
        yes_no(
            "act_manip_usuelles",
            "Recours aux manipulations usuelles",
            "Indiquez si vous prévoyez des manipulations destinées à conserver les marchandises, à améliorer leur "
            "présentation ou à préparer leur distribution, et lesquelles.",
            per_regime(ED="F", PA="F", PP="F"),
            legal="art. 220 CDU",
        ),
        long_text(
            "act_manip_detail",
            "Manipulations prévues",
            "Décrivez les manipulations usuelles envisagées (par exemple reconditionnement, tri, étiquetage, "
            "dépoussiérage) ; la liste figure à l'annexe 71-03 du RDC.",
            per_regime(ED="C", PA="C", PP="C"),
            max_length=1000,
            legal="art. 220 CDU",
            required_if=yes("act_manip_usuelles"),
            required_when="si vous avez répondu Oui",
            shown_if=yes("act_manip_usuelles"),
        ),
        long_text(
            "act_interdictions",
            "Interdictions et restrictions",
            "Signalez les licences, certificats ou autorisations d'autres administrations nécessaires pour ces "
            "marchandises.",
            per_regime(AT="F", DP="F", ED="F", PA="F", PP="F"),
            max_length=1000,
            de="6/1",
        ),
    ),
)

LIEUX = Section(
    "Lieu(x) de transformation ou d'utilisation",
    (
        Group(
            id="lieux_util",
            label="Lieu(x) de transformation ou d'utilisation",
            infobulle="Adresse de chaque site où les marchandises seront transformées ou utilisées, y compris chez "
            "un sous-traitant.",
            obligation=per_regime(AT="O", PA="O"),
            de="4/9",
            add_label="Ajouter un lieu",
            row_label="Lieu",
            summary=("lieu_fonction", "lieu_nom", "lieu_ville", "lieu_pays"),
            min_rows=1,
            items=(
                # Block id « lieu »: its sub-ids are those of spec §1.7 (lieu_fonction, lieu_qualification…).
                place(
                    "lieu",
                    "Lieu de transformation ou d'utilisation",
                    "Identification et adresse du site où les marchandises seront transformées ou utilisées.",
                    per_regime(AT="O", PA="O"),
                    functions=tuple(
                        o for o in cl.FONCTIONS_LIEU if o.code in ("transformation", "utilisation")
                    ),
                    de="4/9",
                ),
            ),
        ),
        Group(
            id="pp_pays_transformation",
            label="Pays et opérateur de transformation hors UE",
            infobulle="Pays tiers où les marchandises seront transformées ou réparées et, si vous le connaissez, "
            "l'entreprise qui réalisera l'opération.",
            obligation=per_regime(PP="O"),
            de="4/9",
            add_label="Ajouter un pays de transformation",
            row_label="Pays de transformation",
            summary=("ppt_pays", "ppt_operateur_nom"),
            min_rows=1,
            items=(
                country(
                    "ppt_pays",
                    "Pays de transformation",
                    "Pays tiers, hors du territoire douanier de l'Union, où l'opération de perfectionnement sera "
                    "réalisée.",
                    per_regime(PP="O"),
                    source="hors_ue",
                ),
                text(
                    "ppt_operateur_nom",
                    "Nom de l'opérateur",
                    "Nom ou raison sociale de l'entreprise qui réalisera l'opération, si vous le connaissez "
                    "(facultatif).",
                    per_regime(PP="F"),
                    max_length=70,
                    inner_required=False,
                ),
                address(
                    "ppt_operateur_adresse",
                    "Adresse de l'opérateur",
                    "Adresse de l'entreprise qui réalisera l'opération, si vous la connaissez (facultatif).",
                    per_regime(PP="F"),
                ),
            ),
        ),
    ),
    regimes=(Regime.AT, Regime.PA, Regime.PP),
    intro="Pour la destination particulière et l'entrepôt douanier, les lieux sont indiqués dans la rubrique "
    "« Données spécifiques ».",
)

BUREAUX = Section(
    "Bureaux de douane",
    (
        # PP: office(s) of temporary export. Role check against the office list left to the engine.
        Group(
            id="bur_placement",
            label="Bureau(x) de douane de placement",
            infobulle="Bureau(x) où seront déposées les déclarations de placement sous le régime.",
            obligation=per_regime(AT="O", DP="O", ED="O", PA="O", PP="O"),
            de="4/10",
            add_label="Ajouter un bureau",
            row_label="Bureau",
            summary=("bur_placement_bureau",),
            min_rows=1,
            items=(
                office(
                    "bur_placement_bureau",
                    "Bureau de douane",
                    "Bureau où seront déposées les déclarations de placement ; choisissez-le dans la liste des "
                    "bureaux de douane.",
                    "O",
                    de="4/10",
                ),
            ),
        ),
        # PP: office(s) of re-import.
        Group(
            id="bur_apurement",
            label="Bureau(x) de douane d'apurement",
            infobulle="Bureau(x) où seront déposées les déclarations qui mettent fin au régime (réexportation, "
            "mise en libre pratique, réimportation…).",
            obligation=per_regime(AT="O", DP="F", ED="O", PA="O", PP="O"),
            de="4/11",
            add_label="Ajouter un bureau",
            row_label="Bureau",
            summary=("bur_apurement_bureau",),
            min_rows=1,
            items=(
                office(
                    "bur_apurement_bureau",
                    "Bureau de douane",
                    "Bureau où seront déposées les déclarations d'apurement ; choisissez-le dans la liste des "
                    "bureaux de douane.",
                    "O",
                    de="4/11",
                ),
            ),
        ),
        office(
            "bur_controle",
            "Bureau de douane de contrôle",
            "Bureau de douane chargé de surveiller le régime et de recevoir le décompte d'apurement.",
            per_regime(AT="O", DP="O", ED="O", PA="O", PP="O"),
            de="4/13",
        ),
    ),
)

APUREMENT = Section(
    "Apurement",
    (
        # AT: ≤ 24 months, lower ceilings per case (§2.8), checked by the engine. DP « C »: when the end-use
        # must be completed within a period, which no answer records. Not shown for ED (art. 238 CDU).
        integer(
            "delai_apurement",
            "Délai d'apurement demandé",
            "Durée dont vous avez besoin, à compter du placement, pour réexporter, transformer ou utiliser les "
            "marchandises et mettre fin au régime.",
            per_regime(AT="O", DP="C", PA="O", PP="O"),
            minimum=1,
            de="4/17",
            legal="art. 251, paragraphe 2, CDU",
        ),
        choice(
            "delai_apurement_unite",
            "Unité du délai",
            "Indiquez si le délai d'apurement est exprimé en jours ou en mois.",
            per_regime(AT="C", DP="C", PA="C", PP="C"),
            cl.UNITES_DELAI,
            de="4/17",
            required_if=Filled("delai_apurement"),
            required_when="lorsque vous indiquez un délai",
        ),
        choice(
            "delai_apurement_fin_periode",
            "Regrouper les échéances en fin de mois, de trimestre ou de semestre",
            "Permet que toutes les marchandises placées au cours d'une même période aient la même date limite "
            "d'apurement.",
            per_regime(PA="F"),
            cl.FIN_DE_PERIODE,
        ),
        # The model of the bill (decompte_modele) is an attachment, handled by the attachments feature.
        # PA « C »: the bill is due for IM/EX and EX/IM without INF (art. 175 RDC); no answer records the
        # use of INF, so it is asked unless a waiver is requested.
        choice(
            "decompte_modalites",
            "Décompte d'apurement",
            "Indiquez sous quelle forme vous transmettrez le décompte d'apurement ; vous pouvez joindre le modèle "
            "que vous utiliserez.",
            per_regime(DP="O", PA="C"),
            cl.MODALITES_DECOMPTE,
            de="4/18",
            legal="art. 175 RDC",
            required_if=Not(yes("decompte_dispense")),
            required_when="sauf si vous demandez une dispense de décompte d'apurement",
        ),
        yes_no(
            "decompte_dispense",
            "Demande de dispense de décompte d'apurement",
            "Si vous estimez qu'un décompte n'est pas utile, expliquez pourquoi (par exemple suivi complet dans "
            "des écritures accessibles à la douane).",
            per_regime(DP="F", PA="F"),
            de="4/18",
            legal="art. 175, paragraphe 1, RDC",
        ),
        text(
            "decompte_dispense_motif",
            "Motif de la demande de dispense",
            "Expliquez pourquoi le décompte d'apurement n'est pas nécessaire (par exemple écritures complètes et "
            "accessibles à la douane).",
            per_regime(DP="C", PA="C"),
            max_length=1000,
            de="4/18",
            required_if=yes("decompte_dispense"),
            required_when="si vous avez répondu Oui",
            shown_if=yes("decompte_dispense"),
        ),
    ),
    regimes=(Regime.AT, Regime.DP, Regime.PA, Regime.PP),
)

RUBRIQUE = RubriqueDef(
    Rubrique.MARCHANDISES,
    (MARCHANDISES, PRODUITS, EQUIVALENCE, IDENTIFICATION, ACTIVITES, LIEUX, BUREAUX, APUREMENT),
    intro="Ajoutez chaque marchandise à placer sous le régime, puis décrivez les produits, les activités, les "
    "lieux, les bureaux de douane et les conditions d'apurement.",
)
