"""Spec §1.6 rubrique « Données spécifiques »: one section per regime (§1.6.1 AT, §1.6.2 DP, §1.6.3 ED,
§1.6.4 PA, §1.6.5 PP), shown only for the regime of the application."""

from __future__ import annotations

from decimal import Decimal

from ..regimes import Regime
from . import codelists as cl
from .builders import (
    address,
    choice,
    choices,
    cn_code,
    country,
    date,
    email,
    eori,
    integer,
    long_text,
    number,
    phone,
    place,
    text,
    unit,
    yes_no,
)
from .conditions import Contains, Eq, In, no, yes
from .model import Block, Group, Rubrique, RubriqueDef, Section, obligation, per_regime

# Obligation columns of the regime-specific tables: the letter applies to that regime only.
AT_O, AT_C, AT_F = per_regime(AT="O"), per_regime(AT="C"), per_regime(AT="F")
DP_O, DP_F = per_regime(DP="O"), per_regime(DP="F")
ED_O, ED_C, ED_F = per_regime(ED="O"), per_regime(ED="C"), per_regime(ED="F")
PA_O, PA_C, PA_F = per_regime(PA="O"), per_regime(PA="C"), per_regime(PA="F")
PP_O, PP_C, PP_F = per_regime(PP="O"), per_regime(PP="C"), per_regime(PP="F")

SI_OUI = "si vous avez répondu Oui"

# --- §1.6.1 Admission temporaire ---------------------------------------------------------------

AT = Section(
    "Admission temporaire",
    (
        choice(
            "at_cas",
            "Cas d'admission temporaire (utilisation prévue)",
            "Choisissez la situation qui correspond à l'utilisation des marchandises (matériel professionnel, "
            "échantillons, marchandises pour une foire…) ; elle détermine les conditions et le délai maximal.",
            AT_O,
            cl.CAS_AT,
        ),
        choice(
            "at_exoneration",
            "Exonération des droits à l'importation",
            "L'exonération est totale lorsque votre cas figure dans la liste réglementaire ; sinon elle est "
            "partielle et vous payez 3 % par mois des droits qui seraient dus.",
            AT_O,
            cl.EXONERATIONS_AT,
            legal="art. 252 CDU et art. 206 RDC",
        ),
        yes_no(
            "at_proprietaire_identique",
            "Le demandeur est-il propriétaire des marchandises ?",
            "Indiquez si les marchandises appartiennent au demandeur.",
            AT_O,
            de="3/8",
        ),
        Block(
            id="at_proprietaire",
            label="Propriétaire des marchandises",
            infobulle="Nom et adresse du propriétaire des marchandises, en général établi hors de l'Union.",
            obligation=obligation(AT_C),
            de="3/8",
            required_if=no("at_proprietaire_identique"),
            required_when="si le demandeur n'est pas propriétaire des marchandises",
            shown_if=no("at_proprietaire_identique"),
            items=(
                text(
                    "at_proprietaire_nom",
                    "Nom",
                    "Nom ou raison sociale du propriétaire des marchandises.",
                    AT_O,
                    max_length=70,
                ),
                address(
                    "at_proprietaire_adresse", "Adresse", "Adresse du propriétaire des marchandises.", AT_O
                ),
                eori(
                    "at_proprietaire_eori",
                    "Numéro EORI",
                    "Numéro EORI du propriétaire, s'il en possède un (facultatif).",
                    AT_F,
                    inner_required=False,
                ),
            ),
        ),
        text(
            "at_etablissement_justif",
            "Justification si le demandeur est établi dans l'Union",
            "Si votre entreprise est établie dans l'UE, expliquez pourquoi le cas choisi vous permet néanmoins de "
            "bénéficier de l'AT.",
            AT_C,
            max_length=1000,
            required_if=yes("dem_etabli_ue"),
            required_when="lorsque le demandeur est établi dans l'Union",
            shown_if=yes("dem_etabli_ue"),
            legal="art. 250, paragraphe 2, point c), CDU",
        ),
        place(
            "at_premier_lieu",
            "Premier lieu d'utilisation",
            "Adresse du premier lieu où les marchandises seront utilisées ; elle permet de déterminer l'État membre "
            "compétent.",
            AT_O,
            de="4/5",
        ),
        Block(
            id="at_transport",
            label="Moyen de transport",
            infobulle="Type, immatriculation et usage (commercial ou privé) du moyen de transport admis "
            "temporairement.",
            obligation=obligation(AT_C),
            required_if=Eq("at_cas", "D03"),
            required_when="pour un moyen de transport (cas D03)",
            shown_if=Eq("at_cas", "D03"),
            items=(
                choice(
                    "at_transport_type",
                    "Type de transport",
                    "Mode de transport du moyen admis temporairement : routier, ferroviaire, aérien, maritime ou "
                    "fluvial.",
                    AT_O,
                    cl.TYPES_TRANSPORT,
                ),
                text(
                    "at_transport_immatriculation",
                    "Immatriculation",
                    "Numéro d'immatriculation ou d'identification du moyen de transport (plaque, numéro de wagon, "
                    "immatriculation de l'aéronef ou du navire…).",
                    AT_O,
                    max_length=35,
                ),
                choice(
                    "at_transport_usage",
                    "Usage",
                    "Indiquez si le moyen de transport servira à un usage commercial (transport de personnes ou de "
                    "marchandises contre rémunération) ou privé.",
                    AT_O,
                    cl.USAGES_TRANSPORT,
                ),
            ),
        ),
        Block(
            id="at_evenement",
            label="Manifestation concernée",
            infobulle="Nom, lieu et dates de la foire, exposition ou manifestation où les marchandises seront "
            "présentées.",
            obligation=obligation(AT_C),
            required_if=Eq("at_cas", "D23"),
            required_when="pour des marchandises destinées à une manifestation (cas D23)",
            shown_if=Eq("at_cas", "D23"),
            items=(
                text(
                    "at_evenement_nom",
                    "Nom de la manifestation",
                    "Intitulé de la foire, du salon, de l'exposition ou de la manifestation.",
                    AT_O,
                    max_length=140,
                ),
                address(
                    "at_evenement_lieu",
                    "Lieu de la manifestation",
                    "Adresse où se tient la manifestation.",
                    AT_O,
                ),
                date(
                    "at_evenement_date_debut",
                    "Date de début",
                    "Premier jour de la manifestation.",
                    AT_O,
                ),
                date(
                    "at_evenement_date_fin",
                    "Date de fin",
                    "Dernier jour de la manifestation ; elle ne peut pas précéder la date de début.",
                    AT_O,
                ),
            ),
        ),
        long_text(
            "at_essais",
            "Nature des essais, expériences ou démonstrations",
            "Décrivez les essais prévus et, s'il y a lieu, confirmez qu'ils ne poursuivent pas de but lucratif.",
            AT_C,
            max_length=1000,
            required_if=In("at_cas", ("D18", "D19", "D20")),
            required_when="pour des essais, expériences ou démonstrations (cas D18, D19 et D20)",
            shown_if=In("at_cas", ("D18", "D19", "D20")),
            legal="art. 231 RDC",
        ),
        yes_no(
            "at_sans_but_lucratif",
            "Les essais, expériences ou démonstrations sont-ils sans but lucratif ?",
            "Pour le cas D20, les essais, expériences ou démonstrations ne doivent poursuivre aucun but lucratif : "
            "répondez « Oui » pour le confirmer.",
            AT_C,
            required_if=Eq("at_cas", "D20"),
            required_when="pour des essais sans but lucratif (cas D20)",
            shown_if=Eq("at_cas", "D20"),
            legal="art. 231 RDC",
        ),
        text(
            "at_remplacement",
            "Marchandise remplacée",
            "Identifiez le matériel du client qui est en attente de livraison ou en réparation.",
            AT_C,
            max_length=500,
            required_if=Eq("at_cas", "D22"),
            required_when="pour des moyens de production de remplacement (cas D22)",
            shown_if=Eq("at_cas", "D22"),
            legal="art. 233 RDC",
        ),
    ),
    regimes=(Regime.AT,),
    intro="Le cas d'admission temporaire que vous choisissez détermine l'exonération des droits (totale, ou "
    "partielle dans le cas D30), le délai maximal pendant lequel les marchandises peuvent rester sous le régime "
    "et les renseignements complémentaires demandés ci-dessous.\n\n"
    "Le délai d'apurement ne peut pas dépasser 24 mois pour une même utilisation et sous la même responsabilité (art. 251 CDU) ; certains cas "
    "ont un délai plus court (6 mois pour les cas D20 et D22, 3 mois pour le cas D29).\n\n"
    "En exonération partielle, vous payez, pour chaque mois ou fraction de mois, 3 % des droits à l'importation "
    "qui seraient dus si les marchandises avaient été mises en libre pratique (art. 252 CDU).",
)

# --- §1.6.2 Destination particulière -----------------------------------------------------------

# `dp_infos_complementaires` is not an answer of its own: it is the goods-line field
# `mp_infos_complementaires` (rubrique « Marchandises et produits »), mentioned in the intro below.
DP = Section(
    "Destination particulière",
    (
        unit(
            "dp_unite_mesure",
            "Unité de mesure",
            "Choisissez la même unité de mesure que celle retenue pour les marchandises à placer.",
            DP_O,
        ),
        choice(
            "dp_affectation",
            "Mode d'affectation",
            "Indiquez si vous affecterez vous-même les marchandises à la destination particulière ou si vous "
            "transférerez vos droits et obligations.",
            DP_O,
            cl.AFFECTATIONS_DP,
        ),
        place(
            "dp_premier_lieu",
            "Premier lieu d'utilisation",
            "Adresse du premier lieu où les marchandises seront affectées à leur destination particulière ; elle "
            "sert à déterminer l'État membre compétent.",
            DP_O,
            de="4/5",
        ),
        Group(
            id="dp_lieu_secondaire",
            label="Lieu d'utilisation secondaire",
            infobulle="Autres lieux où les marchandises seront utilisées ; en l'absence, laissez les valeurs « sans "
            "objet » proposées.",
            obligation=obligation(DP_O),
            de="4/9",
            add_label="Ajouter un lieu d'utilisation secondaire",
            row_label="Lieu",
            summary=("dpls_nom", "dpls_ville", "dpls_pays", "dpls_type"),
            min_rows=1,
            items=(
                place(
                    "dpls",
                    "Lieu d'utilisation secondaire",
                    "Autre lieu où les marchandises seront affectées à leur destination particulière.",
                    DP_O,
                ),
            ),
        ),
        text(
            "dp_dechets",
            "Traitement des déchets, débris et chutes",
            "Indiquez ce que deviendront les déchets ou chutes issus de l'utilisation (destruction, vente, mise en "
            "libre pratique).",
            DP_F,
            max_length=1000,
        ),
    ),
    regimes=(Regime.DP,),
    intro="Les « Informations complémentaires sur les marchandises à placer » se renseignent sur chaque ligne de "
    "marchandise, dans la rubrique « Marchandises et produits » ; en l'absence d'informations complémentaires, "
    "indiquez S.O. (sans objet).\n\n"
    "Choisissez la même unité de mesure que celle retenue pour les marchandises à placer.\n\n"
    "Le premier lieu d'utilisation sert à déterminer l'État membre compétent pour délivrer l'autorisation "
    "lorsque le demandeur n'est pas établi dans l'Union ; il doit toutefois être renseigné même si vous êtes "
    "établi dans l'Union. Si vous affectez vous-même les marchandises à la destination particulière, reprenez "
    "vos propres coordonnées ; si vous transférez vos droits et obligations (TORO), vous pouvez indiquer "
    "« sans objet ».\n\n"
    "Dans l'attente d'une modification du formulaire, remplissez le premier lieu d'utilisation ainsi : "
    "Qualification « texte libre », Pays « France », Type de lieu « divers », Identification du lieu et "
    "Identification additionnelle « S.O. », puis, dans la description, le nom, l'adresse, le code postal et la "
    "ville du premier lieu d'utilisation. Pour le lieu d'utilisation secondaire, indiquez « texte libre », "
    "« France », « divers » et « S.O. » dans les autres champs.",
)

# --- §1.6.3 Entrepôt douanier ------------------------------------------------------------------

ED = Section(
    "Entrepôt douanier",
    (
        # At most one facility unless type_entrepot = CWP_NON_AGREE: a cross-field check (spec §1.8, 8).
        Group(
            id="ed_installations",
            label="Précisions sur les installations de stockage",
            infobulle="Décrivez chaque installation où les marchandises seront stockées.",
            obligation=obligation(ED_O),
            add_label="Ajouter une installation",
            row_label="Installation",
            summary=("inst_nom", "inst_adresse_ville", "inst_pays", "inst_ref_douane"),
            min_rows=1,
            items=(
                choice(
                    "inst_fonction",
                    "Fonction",
                    "Fonction du lieu ; pour un entrepôt, « stockage ».",
                    ED_O,
                    cl.FONCTION_STOCKAGE,
                ),
                text(
                    "inst_nom",
                    "Nom",
                    "Nom du demandeur, ou nom de l'installation s'il y en a plusieurs ou si elle n'est pas à votre "
                    "nom.",
                    ED_O,
                    max_length=70,
                ),
                country("inst_pays", "Pays", "Pays où se trouve l'installation.", ED_O),
                address(
                    "inst_adresse",
                    "Adresse",
                    "Adresse de l'installation.",
                    ED_O,
                    with_country=False,
                    country_field="inst_pays",
                ),
                Block(
                    id="inst_coordonnees",
                    label="Téléphone / Fax / Courriel",
                    infobulle="Coordonnées de l'installation.",
                    obligation=obligation(ED_O),
                    items=(
                        phone(
                            "inst_telephone",
                            "Téléphone",
                            "Numéro de téléphone référencé de l'installation.",
                            ED_O,
                        ),
                        phone(
                            "inst_fax",
                            "Fax",
                            "Numéro de télécopie référencé de l'installation (facultatif).",
                            ED_F,
                            inner_required=False,
                        ),
                        email(
                            "inst_courriel",
                            "Courriel",
                            "Adresse électronique référencée pour l'installation.",
                            ED_O,
                        ),
                    ),
                ),
                text(
                    "inst_ref_douane",
                    "Numéro de référence de l'autorité douanière concernée",
                    "Laissez « S.O. » : la douane attribue ce numéro lorsque l'installation est agréée.",
                    ED_O,
                    max_length=35,
                    sans_objet=True,
                ),
                # The premises plan is an attachment (piece_jointe), handled by the attachments feature.
                long_text(
                    "inst_description",
                    "Description des locaux",
                    "Décrivez les locaux (surface, sécurisation, zones réservées) et joignez un plan si possible.",
                    ED_F,
                    max_length=1000,
                ),
            ),
        ),
        yes_no(
            "ed_taux_perte",
            "Taux de perte",
            "Indiquez si les marchandises subissent des pertes naturelles (évaporation, dessiccation) et leur taux "
            "en pourcentage.",
            ED_O,
        ),
        number(
            "ed_taux_perte_valeur",
            "Taux de perte (en %)",
            "Pourcentage de perte naturelle des marchandises pendant le stockage, entre 0 et 100.",
            ED_C,
            decimals=2,
            maximum=Decimal(100),
            required_if=yes("ed_taux_perte"),
            required_when=SI_OUI,
            shown_if=yes("ed_taux_perte"),
        ),
        yes_no(
            "ed_enlevement_temporaire",
            "Enlèvement temporaire",
            "Indiquez si des marchandises sortiront temporairement de l'entrepôt (réparation, exposition…) et "
            "comment leur suivi sera assuré.",
            ED_O,
        ),
        long_text(
            "ed_enlevement_modalites",
            "Modalités de surveillance de l'enlèvement temporaire",
            "Décrivez les modalités pratiques de surveillance des marchandises enlevées temporairement : motif, "
            "durée, lieu de destination et suivi dans vos écritures.",
            ED_C,
            max_length=1000,
            required_if=yes("ed_enlevement_temporaire"),
            required_when=SI_OUI,
            shown_if=yes("ed_enlevement_temporaire"),
        ),
        yes_no(
            "ed_stockage_union",
            "Stockage de marchandises de l'Union dans les mêmes locaux",
            "Indiquez si des marchandises de l'Union seront stockées dans les mêmes locaux et comment elles seront "
            "distinguées des marchandises sous entrepôt.",
            ED_O,
            legal="art. 237, paragraphe 3, CDU",
        ),
        long_text(
            "ed_stockage_union_mesures",
            "Mesures de distinction des marchandises de l'Union",
            "Expliquez comment les marchandises de l'Union seront distinguées des marchandises placées sous "
            "entrepôt (zones séparées, marquage, suivi dans les écritures).",
            ED_C,
            max_length=1000,
            required_if=yes("ed_stockage_union"),
            required_when=SI_OUI,
            shown_if=yes("ed_stockage_union"),
            legal="art. 237, paragraphe 3, CDU",
        ),
        yes_no(
            "ed_stockage_autres",
            "Stockage de marchandises qui ne sont pas placées sous le régime de l'entrepôt douanier",
            "Indiquez sous quel régime se trouvent les autres marchandises stockées dans les mêmes locaux et leur "
            "désignation commerciale.",
            ED_O,
        ),
        Group(
            id="ed_stockage_autres_detail",
            label="Autres marchandises stockées dans les mêmes locaux",
            infobulle="Pour chaque catégorie de marchandises non placées sous l'entrepôt douanier, indiquez leur "
            "régime douanier et leur désignation commerciale.",
            obligation=obligation(ED_C),
            add_label="Ajouter une marchandise",
            row_label="Marchandise",
            summary=("ed_autre_regime", "ed_autre_designation"),
            min_rows=1,
            required_if=yes("ed_stockage_autres"),
            required_when=SI_OUI,
            shown_if=yes("ed_stockage_autres"),
            items=(
                choice(
                    "ed_autre_regime",
                    "Régime douanier",
                    "Régime ou situation douanière de ces marchandises (dépôt temporaire, perfectionnement actif, "
                    "libre pratique…).",
                    ED_O,
                    cl.REGIMES_AUTRES_MARCHANDISES,
                ),
                text(
                    "ed_autre_designation",
                    "Désignation commerciale",
                    "Désignation commerciale des marchandises, aussi précise que possible.",
                    ED_O,
                    max_length=512,
                ),
            ),
        ),
        # « C » without a stated condition: filled when someone other than the applicant runs the facility.
        Block(
            id="ed_operateur_installation",
            label="Exploitant de l'installation de stockage",
            infobulle="Identité de la personne qui exploite les installations de stockage, si elle diffère du "
            "demandeur.",
            obligation=obligation(ED_C),
            items=(
                text(
                    "ed_operateur_nom",
                    "Nom de l'exploitant",
                    "Nom ou raison sociale de la personne qui exploite les installations. En entrepôt public de "
                    "type II, c'est le déposant, et non l'exploitant, qui est responsable des marchandises.",
                    ED_O,
                    max_length=70,
                ),
                eori(
                    "ed_operateur_eori",
                    "Numéro EORI de l'exploitant",
                    "Numéro EORI de l'exploitant des installations (facultatif). En entrepôt public de type II, "
                    "c'est le déposant, et non l'exploitant, qui est responsable des marchandises.",
                    ED_F,
                    inner_required=False,
                ),
            ),
        ),
    ),
    regimes=(Regime.ED,),
    intro="Un seul lieu de stockage est autorisé pour un entrepôt douanier public (type I ou type II) et pour un "
    "entrepôt douanier privé avec agrément des locaux. Pour un entrepôt douanier privé sans agrément des locaux, "
    "vous pouvez ajouter plusieurs installations de stockage.\n\n"
    "Pour chaque installation : Fonction « stockage » ; Nom : le nom du demandeur ou, s'il y a plusieurs lieux de "
    "stockage ou si les installations ne sont pas à votre nom, la dénomination de l'installation ; Pays et "
    "adresse du lieu où se trouve l'installation ; téléphone, fax et courriel référencés de l'installation ; "
    "Numéro de référence de l'autorité douanière concernée : S.O. (sans objet).\n\n"
    "Modalités particulières : indiquez s'il y a un taux de perte (en pourcentage), si vous aurez recours à "
    "l'enlèvement temporaire et les modalités de surveillance associées, si des marchandises de l'Union seront "
    "stockées dans les mêmes locaux et les mesures prises pour les distinguer, et enfin le régime douanier et la "
    "désignation commerciale des autres marchandises stockées dans les mêmes locaux sans être placées sous "
    "l'entrepôt douanier.",
)

# --- §1.6.4 Perfectionnement actif -------------------------------------------------------------

_EVIDENCE = Contains("pa_conditions_eco", (*sorted(cl.CODES_NEEDING_EVIDENCE), cl.NO_ECONOMIC_CODE))

PA = Section(
    "Perfectionnement actif",
    (
        choices(
            "pa_conditions_eco",
            "Conditions économiques",
            "Choisissez le ou les codes qui décrivent l'opération ; lorsqu'un code s'applique, les conditions "
            "économiques sont présumées remplies.",
            PA_O,
            cl.CONDITIONS_ECONOMIQUES,
            de="6/2",
            legal="art. 167 RDC",
        ),
        # The supporting documents themselves are attachments (handled by the attachments feature).
        long_text(
            "pa_conditions_eco_justif",
            "Justification des conditions économiques",
            "Apportez les éléments qui démontrent l'indisponibilité, l'écart de prix, l'obligation contractuelle ou "
            "la valeur annuelle déclarée.",
            PA_C,
            max_length=4000,
            de="6/2",
            required_if=_EVIDENCE,
            required_when="pour les codes 06, 07, 08, 09 et 22, ou lorsqu'aucun code ne s'applique",
            shown_if=_EVIDENCE,
            legal="art. 167 RDC",
        ),
        yes_no(
            "pa_ex_im",
            "Exportation anticipée (EX/IM)",
            "Répondez « Oui » si vous exporterez les produits transformés à partir de marchandises de l'Union avant "
            "d'importer les marchandises non Union correspondantes.",
            PA_O,
        ),
        integer(
            "pa_ex_im_delai",
            "Période pour déclarer les marchandises non UE (en mois)",
            "Nombre de mois dont vous disposez, après l'exportation des produits, pour placer les marchandises non "
            "Union sous le régime.",
            PA_C,
            minimum=1,
            required_if=yes("pa_ex_im"),
            required_when="si vous demandez l'exportation anticipée",
            shown_if=yes("pa_ex_im"),
        ),
        yes_no(
            "pa_mlp_decompte",
            "Mise en libre pratique sans déclaration en douane (sur le décompte d'apurement)",
            "Répondez « Oui » si vous souhaitez que les produits ou marchandises non apurés à l'échéance soient "
            "réputés mis en libre pratique via le décompte d'apurement, et précisez les modalités.",
            PA_O,
            legal="art. 170 RDC",
        ),
        long_text(
            "pa_mlp_infos",
            "Modalités de la mise en libre pratique sur le décompte d'apurement",
            "Précisez toutes les informations utiles : produits ou marchandises concernés et modalités de calcul "
            "et de paiement des droits lors de la mise en libre pratique par le décompte d'apurement.",
            PA_C,
            max_length=2000,
            required_if=yes("pa_mlp_decompte"),
            required_when=SI_OUI,
            shown_if=yes("pa_mlp_decompte"),
            legal="art. 170 RDC",
        ),
        yes_no(
            "pa_calcul_droits",
            "Détenez-vous des informations sur le calcul des droits de douane ?",
            "Indiquez si vous souhaitez que les droits, en cas de mise en libre pratique des produits transformés, "
            "soient calculés sur les marchandises placées sous le régime (art. 86 §3 CDU) plutôt que sur les "
            "produits (art. 85 §1).",
            PA_O,
            legal="art. 85, paragraphe 1, et art. 86, paragraphe 3, CDU",
        ),
        choice(
            "pa_calcul_methode",
            "Méthode de calcul des droits",
            "Choisissez la base de calcul des droits lors de la mise en libre pratique des produits transformés : "
            "les produits eux-mêmes (art. 85 §1 CDU) ou les marchandises placées sous le régime (art. 86 §3 CDU).",
            PA_C,
            cl.METHODES_CALCUL_DROITS,
            required_if=yes("pa_calcul_droits"),
            required_when=SI_OUI,
            shown_if=yes("pa_calcul_droits"),
            legal="art. 85, paragraphe 1, et art. 86, paragraphe 3, CDU",
        ),
        long_text(
            "pa_calcul_infos",
            "Précisions sur le calcul des droits",
            "Ajoutez toute précision utile sur les modalités de calcul des droits de douane (facultatif).",
            PA_F,
            max_length=1000,
            shown_if=yes("pa_calcul_droits"),
        ),
        yes_no(
            "pa_inf",
            "Échange standardisé d'informations (INF)",
            "Indiquez si un échange d'informations standardisé avec d'autres bureaux ou États membres est prévu.",
            PA_F,
            legal="art. 176 RDC",
        ),
        yes_no(
            "pa_reexport_temp",
            "Réexportation temporaire pour perfectionnement complémentaire",
            "Indiquez si des marchandises ou produits seront temporairement réexportés pour une ouvraison "
            "complémentaire hors de l'Union.",
            PA_F,
            legal="art. 258 CDU",
        ),
        long_text(
            "pa_reexport_temp_detail",
            "Précisions sur la réexportation temporaire",
            "Indiquez les marchandises ou produits concernés, l'opération de perfectionnement complémentaire "
            "prévue hors de l'Union et le pays où elle sera réalisée.",
            PA_C,
            max_length=1000,
            required_if=yes("pa_reexport_temp"),
            required_when=SI_OUI,
            shown_if=yes("pa_reexport_temp"),
            legal="art. 258 CDU",
        ),
    ),
    regimes=(Regime.PA,),
    intro="Conditions économiques : choisissez dans la liste un ou plusieurs codes correspondant à l'opération "
    "réalisée. Les conditions économiques sont considérées comme remplies lorsque la demande porte sur l'une des "
    "opérations de l'article 167 du règlement délégué (UE) 2015/2446 (RDC). Si aucun code ne s'applique, un "
    "examen des conditions économiques est nécessaire (le dossier est transmis à la Commission européenne), ce "
    "qui allonge le délai d'instruction.\n\n"
    "Exportation anticipée (EX/IM) : elle ne peut être demandée que si vous avez sollicité l'utilisation de "
    "marchandises équivalentes (rubrique « Marchandises et produits »). Si vous répondez « Oui », indiquez en mois "
    "la période à l'issue de laquelle les marchandises non Union devront avoir été importées.\n\n"
    "Mise en libre pratique sur le décompte d'apurement : cette possibilité relève de l'article 170 RDC. Pour en "
    "bénéficier, répondez « Oui » et précisez toutes les informations utiles.\n\n"
    "Calcul des droits de douane : si vous répondez « Oui », précisez comment les droits seront calculés lors de la "
    "mise en libre pratique des produits transformés, au choix selon l'article 85 §1 du code des douanes de "
    "l'Union (CDU) ou selon l'article 86 §3 CDU.",
)

# --- §1.6.5 Perfectionnement passif ------------------------------------------------------------

PP = Section(
    "Perfectionnement passif",
    (
        yes_no(
            "pp_es_avec_import",
            "Sollicitez-vous le système des échanges standard avec importation anticipée ?",
            "Répondez « Oui » si le produit de remplacement sera importé avant l'exportation du produit à réparer.",
            PP_O,
            legal="art. 261 et 262 CDU",
        ),
        date(
            "pp_es_avec_import_date",
            "Date limite de (ré)exportation",
            "Date au plus tard à laquelle le produit défectueux sera exporté après l'importation du produit de "
            "remplacement.",
            PP_C,
            required_if=yes("pp_es_avec_import"),
            required_when=SI_OUI,
            shown_if=yes("pp_es_avec_import"),
            legal="art. 262 CDU",
        ),
        Group(
            id="pp_es_avec_import_produits",
            label="Renseignements sur le produit de remplacement",
            infobulle="Code NC à 8 chiffres et description détaillée du produit qui remplacera le produit exporté "
            "pour réparation.",
            obligation=obligation(PP_C),
            add_label="Ajouter un produit de remplacement",
            row_label="Produit de remplacement",
            summary=("ppa_code_nc", "ppa_designation"),
            min_rows=1,
            required_if=yes("pp_es_avec_import"),
            required_when=SI_OUI,
            shown_if=yes("pp_es_avec_import"),
            legal="art. 261 CDU",
            items=(
                cn_code(
                    "ppa_code_nc",
                    "Code NC",
                    "Code de la nomenclature combinée du produit de remplacement, à 8 chiffres.",
                    PP_O,
                    lengths=(8,),
                ),
                text(
                    "ppa_designation",
                    "Désignation",
                    "Désignation du produit de remplacement, la plus détaillée possible.",
                    PP_O,
                    max_length=512,
                ),
            ),
        ),
        yes_no(
            "pp_es_sans_import",
            "Sollicitez-vous le système des échanges standard (sans importation anticipée) ?",
            "Répondez « Oui » si le produit réparé pourra être remplacé, à la réimportation, par un produit de "
            "remplacement.",
            PP_O,
            legal="art. 261 CDU",
        ),
        Group(
            id="pp_es_sans_import_produits",
            label="Renseignements sur le produit de remplacement",
            infobulle="Code NC à 8 chiffres et description détaillée du produit de remplacement.",
            obligation=obligation(PP_C),
            add_label="Ajouter un produit de remplacement",
            row_label="Produit de remplacement",
            summary=("pps_code_nc", "pps_designation"),
            min_rows=1,
            required_if=yes("pp_es_sans_import"),
            required_when=SI_OUI,
            shown_if=yes("pp_es_sans_import"),
            legal="art. 261 CDU",
            items=(
                cn_code(
                    "pps_code_nc",
                    "Code NC",
                    "Code de la nomenclature combinée du produit de remplacement, à 8 chiffres.",
                    PP_O,
                    lengths=(8,),
                ),
                text(
                    "pps_designation",
                    "Désignation",
                    "Désignation du produit de remplacement, la plus détaillée possible.",
                    PP_O,
                    max_length=512,
                ),
            ),
        ),
        yes_no(
            "pp_im_ex",
            "Sollicitez-vous le système de l'importation anticipée (IM/EX) ?",
            "Répondez « Oui » si les produits transformés seront importés avant l'exportation des marchandises de "
            "l'Union équivalentes.",
            PP_O,
        ),
        date(
            "pp_im_ex_date",
            "Date limite d'exportation",
            "Date au plus tard à laquelle les marchandises de l'Union équivalentes seront exportées.",
            PP_C,
            required_if=yes("pp_im_ex"),
            required_when="si vous demandez l'importation anticipée",
            shown_if=yes("pp_im_ex"),
        ),
        long_text(
            "pp_im_ex_infos",
            "Informations complémentaires sur le recours à l'équivalence",
            "Donnez toute précision utile sur l'utilisation de marchandises équivalentes.",
            PP_C,
            max_length=2000,
            required_if=yes("pp_im_ex"),
            required_when="si vous demandez l'importation anticipée",
            shown_if=yes("pp_im_ex"),
        ),
        yes_no(
            "pp_reparation_gratuite",
            "Réparation gratuite (garantie contractuelle ou légale, vice de fabrication)",
            "Indiquez si la réparation est effectuée gratuitement au titre d'une garantie ou d'un défaut de "
            "fabrication.",
            PP_F,
            legal="art. 260 CDU",
        ),
        long_text(
            "pp_reparation_gratuite_detail",
            "Précisions sur la réparation gratuite",
            "Précisez le fondement de la gratuité (garantie contractuelle ou légale, vice de fabrication) et les "
            "marchandises concernées.",
            PP_C,
            max_length=1000,
            required_if=yes("pp_reparation_gratuite"),
            required_when=SI_OUI,
            shown_if=yes("pp_reparation_gratuite"),
            legal="art. 260 CDU",
        ),
    ),
    regimes=(Regime.PP,),
    intro="Échanges standard : pour des opérations de réparation, le système des échanges standard permet de "
    "remplacer le produit exporté pour être réparé par un produit de remplacement, dans les conditions fixées "
    "par l'article 261 du code des douanes de l'Union (CDU). Avec importation anticipée, le produit de "
    "remplacement est importé avant l'exportation du produit à réparer. Selon le cas, vous pouvez solliciter "
    "l'une ou les deux modalités, et une modalité peut ne concerner qu'une partie des opérations effectuées sous "
    "le régime. Pour chaque produit de remplacement, indiquez le code NC à 8 chiffres et une désignation la plus "
    "détaillée possible.\n\n"
    "Importation anticipée (IM/EX) : elle ne peut être demandée que si vous avez sollicité l'utilisation de "
    "marchandises équivalentes (rubrique « Marchandises et produits »). Si vous répondez « Oui », choisissez la "
    "date limite d'exportation dans le calendrier et donnez toute information utile sur le recours à "
    "l'équivalence.",
)

RUBRIQUE = RubriqueDef(Rubrique.SPECIFIQUES, (AT, DP, ED, PA, PP))
