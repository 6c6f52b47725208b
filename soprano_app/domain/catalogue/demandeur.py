"""Spec §1.0 (choices made on « Déposer un nouveau dossier ») and §1.1 rubrique « Demandeur »."""

from __future__ import annotations

from . import codelists as cl
from .builders import (
    address,
    attachment,
    choice,
    choices,
    computed,
    contact,
    date,
    eori,
    long_text,
    siret,
    text,
    yes_no,
)
from .conditions import In, Representative, StartsWith, yes
from .model import Block, Group, Rubrique, RubriqueDef, Section, obligation, per_regime

DEMANDE = Section(
    "Type de demande",
    (
        choice(
            "type_dossier",
            "Type de demande d'autorisation",
            "Choisissez « Régime particulier » pour demander une autorisation d'AT, de DP, d'ED, de PA ou de PP.",
            "O",
            cl.TYPE_DOSSIER,
            readonly=True,
        ),
        choice(
            "regime",
            "Régime sollicité",
            "Indiquez le régime particulier pour lequel vous demandez une autorisation.",
            "O",
            cl.REGIMES,
            de="1/1",
            readonly=True,
        ),
        choice(
            "type_entrepot",
            "Type d'entrepôt douanier",
            "Précisez s'il s'agit d'un entrepôt public (type I ou II) ou privé, et pour un entrepôt privé si les "
            "locaux sont agréés.",
            per_regime(ED="O"),
            cl.TYPES_ENTREPOT,
            de="1/1",
            readonly=True,
        ),
        choice(
            "variante_pa",
            "Variante du perfectionnement actif",
            "Indiquez si les marchandises non Union sont importées avant la transformation (IM/EX) ou si les "
            "produits transformés sont exportés avant l'importation des marchandises (EX/IM).",
            per_regime(PA="O"),
            cl.VARIANTES_PA,
            readonly=True,
        ),
        computed(
            "code_type_decision",
            "Code du type de demande/décision",
            "Code européen du type d'autorisation, renseigné automatiquement.",
            "O",
            de="1/1",
        ),
        choice(
            "type_demande",
            "Type de demande",
            "Précisez s'il s'agit d'une première demande, d'une demande de modification (avenant) ou d'un "
            "renouvellement.",
            "O",
            cl.TYPES_DEMANDE,
            de="1/3",
            readonly=True,
        ),
        text(
            "ref_autorisation",
            "Numéro de l'autorisation concernée",
            "Numéro de l'autorisation que vous souhaitez modifier ou renouveler.",
            "C",
            max_length=35,
            de="1/6",
            readonly=True,
            required_if=In("type_demande", ("2", "3")),
            required_when="pour un avenant ou un renouvellement",
            shown_if=In("type_demande", ("2", "3")),
        ),
        long_text(
            "avenant_objet",
            "Objet et motif de la modification",
            "Décrivez les modifications demandées et leur raison (spec §3.5) ; les champs modifiés sont "
            "listés automatiquement avant la validation.",
            "C",
            required_if=In("type_demande", ("2",)),
            required_when="pour un avenant",
            shown_if=In("type_demande", ("2",)),
        ),
        text(
            "operateur_represente",
            "Opérateur représenté",
            "Sélectionnez l'entreprise pour le compte de laquelle vous déposez la demande.",
            "C",
            max_length=120,
            de="3/1",
            readonly=True,
            required_if=Representative(),
            required_when="lorsque vous agissez comme représentant",
            shown_if=Representative(),
        ),
    ),
)

IDENTIFICATION = Section(
    "Identification du demandeur",
    (
        eori(
            "dem_eori",
            "Numéro EORI du demandeur",
            "Numéro EORI de l'entreprise qui sera titulaire de l'autorisation, repris de votre compte ; vérifiez "
            "qu'il est toujours actif.",
            "O",
            de="3/2",
        ),
        siret(
            "dem_siret",
            "SIRET de l'établissement demandeur",
            "Numéro SIRET de l'établissement qui dépose la demande (14 chiffres).",
            "C",
            required_if=StartsWith("dem_eori", "FR"),
            required_when="lorsque le numéro EORI commence par FR",
        ),
        text(
            "dem_raison_sociale",
            "Raison sociale / nom",
            "Dénomination officielle de l'entreprise demandeuse, telle qu'elle figure au registre du commerce.",
            "O",
            max_length=70,
            de="3/1",
        ),
        address(
            "dem_adresse",
            "Adresse du demandeur",
            "Adresse du siège ou de l'établissement demandeur.",
            "O",
            de="3/1",
        ),
        computed(
            "dem_etabli_ue",
            "Le demandeur est-il établi dans l'Union ?",
            "Indique si votre entreprise est établie sur le territoire douanier de l'Union ; c'est en principe une "
            "condition d'octroi, sauf en admission temporaire.",
            "O",
            legal="art. 211, paragraphe 3, point a), CDU",
        ),
        choice(
            "dem_statut_oea",
            "Statut d'opérateur économique agréé",
            "Si vous êtes OEA, indiquez le type et le numéro de votre certificat : cela simplifie l'instruction.",
            "F",
            cl.STATUTS_OEA,
            de="2/1",
        ),
        text(
            "dem_oea_numero",
            "Numéro du certificat OEA",
            "Numéro du certificat d'opérateur économique agréé (par exemple FRAEOF000123).",
            "C",
            max_length=35,
            de="2/1",
            required_if=In("dem_statut_oea", ("OEA-C", "OEA-S", "OEA-F")),
            required_when="lorsque vous indiquez un statut OEA",
            shown_if=In("dem_statut_oea", ("OEA-C", "OEA-S", "OEA-F")),
        ),
        Group(
            id="dem_autres_decisions",
            label="Autres demandes et décisions détenues",
            infobulle="Listez les autorisations douanières que vous détenez déjà ou avez demandées (garantie "
            "globale, autre régime particulier, etc.).",
            obligation=obligation("F"),
            de="2/1",
            add_label="Ajouter une décision",
            row_label="Décision",
            summary=("autre_type", "autre_numero", "autre_date", "autre_etat"),
            items=(
                choice(
                    "autre_type",
                    "Type de décision",
                    "Code du type de demande ou de décision (par exemple CGU pour une garantie globale).",
                    "O",
                    cl.TYPES_DECISION,
                ),
                text(
                    "autre_numero",
                    "Numéro",
                    "Numéro de la demande ou de la décision.",
                    "O",
                    max_length=35,
                ),
                date("autre_date", "Date", "Date de la demande ou de la décision.", "F"),
                choice(
                    "autre_etat",
                    "État",
                    "Indiquez si la demande est en cours ou si la décision est accordée.",
                    "O",
                    cl.ETATS_DECISION,
                ),
            ),
        ),
    ),
)

REPRESENTATION = Section(
    "Représentation",
    (
        yes_no(
            "rep_present",
            "La demande est-elle déposée par un représentant ?",
            "Indiquez si une autre personne (commissionnaire, conseil) dépose la demande pour le compte du "
            "demandeur.",
            "O",
            de="3/3",
        ),
        Block(
            id="rep_coordonnees",
            label="Nom et adresse du représentant",
            infobulle="Coordonnées de la personne qui agit pour le compte du demandeur.",
            obligation=obligation("C"),
            de="3/3",
            required_if=yes("rep_present"),
            required_when="si la demande est déposée par un représentant",
            shown_if=yes("rep_present"),
            items=(
                text("rep_nom", "Nom", "Nom ou raison sociale du représentant.", "O", max_length=70),
                address("rep_adresse", "Adresse", "Adresse du représentant.", "O"),
            ),
        ),
        attachment(
            "rep_mandat",
            "Mandat de représentation",
            "Joignez le mandat qui vous autorise à agir pour le compte du demandeur.",
            "C",
            source="mandat",
            de="2/3",
            required_if=yes("rep_present"),
            required_when="si la demande est déposée par un représentant",
            shown_if=yes("rep_present"),
        ),
        eori(
            "rep_eori",
            "Numéro EORI du représentant",
            "Numéro EORI du représentant.",
            "C",
            de="3/4",
            required_if=yes("rep_present"),
            required_when="si la demande est déposée par un représentant",
            shown_if=yes("rep_present"),
        ),
    ),
)

CONTACTS = Section(
    "Personnes à contacter",
    (
        contact(
            "resp_douane",
            "Responsable des questions douanières",
            "Personne de l'entreprise en charge des questions douanières, que la douane pourra contacter pour le "
            "suivi du régime.",
            "F",
            de="3/5",
        ),
        contact(
            "contact_demande",
            "Personne à contacter pour la demande",
            "Personne que le service des douanes contactera pendant l'instruction de la demande.",
            "O",
            de="3/6",
        ),
    ),
)

VALIDITE = Section(
    "Validité géographique",
    (
        yes_no(
            "validite_geo_ue",
            "L'autorisation concerne-t-elle plusieurs États membres ?",
            "Répondez « Oui » si des marchandises seront placées, stockées, transformées, utilisées ou apurées dans "
            "un autre État membre de l'UE.",
            "O",
            de="1/4",
        ),
        choices(
            "validite_geo_etats",
            "États membres concernés",
            "Cochez les États membres dans lesquels le régime sera utilisé.",
            "C",
            (),
            de="1/4",
            source="ue",
            required_if=yes("validite_geo_ue"),
            required_when="si l'autorisation concerne plusieurs États membres",
            shown_if=yes("validite_geo_ue"),
        ),
    ),
)

RUBRIQUE = RubriqueDef(
    Rubrique.DEMANDEUR,
    (DEMANDE, IDENTIFICATION, REPRESENTATION, CONTACTS, VALIDITE),
    intro="Certains champs sont pré-remplis à partir du numéro EORI de l'entreprise pour laquelle vous agissez.",
)
