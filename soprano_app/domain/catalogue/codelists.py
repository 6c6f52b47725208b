"""Code lists of the application form (spec §2), as (code, French label) options."""

from __future__ import annotations

from dataclasses import dataclass

from ..regimes import REGIMES as REGIME_INFOS
from .model import Option


def options(*pairs: tuple[str, str]) -> tuple[Option, ...]:
    return tuple(Option(code, label) for code, label in pairs)


# §1.0
TYPE_DOSSIER = options(("RP", "Régime particulier"))

REGIMES = options(*((regime.value, info.label) for regime, info in REGIME_INFOS.items()))

# §2.4
TYPES_ENTREPOT = options(
    ("CW1", "Entrepôt douanier public de type I (exploitant responsable)"),
    ("CW2", "Entrepôt douanier public de type II (déposant responsable)"),
    ("CWP_AGREE", "Entrepôt douanier privé avec agrément des locaux"),
    ("CWP_NON_AGREE", "Entrepôt douanier privé sans agrément des locaux"),
)

VARIANTES_PA = options(
    ("IM_EX", "PA IM/EX"),
    ("EX_IM", "PA EX/IM"),
    ("LES_DEUX", "Les deux"),
)

# §2.5 (code 4 is an action on an authorisation, not a form)
TYPES_DEMANDE = options(
    ("1", "Première demande"),
    ("2", "Demande de modification de l'autorisation (avenant)"),
    ("3", "Demande de renouvellement de l'autorisation"),
)

# §2.3 — authorisation type codes, and the other decisions met in « Autres demandes et décisions »
TYPES_DECISION = options(
    ("IPO", "IPO — Autorisation de recours au perfectionnement actif"),
    ("OPO", "OPO — Autorisation de recours au perfectionnement passif"),
    ("EUS", "EUS — Autorisation de recours à la destination particulière"),
    ("TEA", "TEA — Autorisation de recours à l'admission temporaire"),
    ("CW1", "CW1 — Entrepôt douanier public de type I"),
    ("CW2", "CW2 — Entrepôt douanier public de type II"),
    ("CWP", "CWP — Entrepôt douanier privé"),
    ("CGU", "CGU — Garantie globale"),
    ("DPO", "DPO — Report de paiement"),
    ("SDE", "SDE — Déclaration simplifiée"),
    ("EIR", "EIR — Inscription dans les écritures du déclarant"),
    ("CCL", "CCL — Dédouanement centralisé"),
    ("AEOC", "AEOC — OEA simplifications douanières"),
    ("AEOS", "AEOS — OEA sécurité et sûreté"),
    ("AEOF", "AEOF — OEA complet"),
    ("TST", "TST — Dépôt temporaire"),
    ("ACR", "ACR — Expéditeur agréé"),
    ("ACE", "ACE — Destinataire agréé"),
    ("AUTRE", "Autre"),
)

ETATS_DECISION = options(("en_cours", "En cours"), ("accordee", "Accordée"))

STATUTS_OEA = options(
    ("aucun", "Aucun"),
    ("OEA-C", "OEA-C (simplifications douanières)"),
    ("OEA-S", "OEA-S (sécurité et sûreté)"),
    ("OEA-F", "OEA-F (complet)"),
)

# §1.2
TYPES_COMPTABILITE = options(("informatisee", "Informatisée"), ("papier", "Papier"), ("mixte", "Mixte"))

TYPES_ECRITURES = options(
    ("progiciel", "Comptabilité matières intégrée au progiciel de gestion"),
    ("logiciel_dedie", "Logiciel dédié"),
    ("tableur", "Tableur"),
    ("registre_papier", "Registre papier"),
    ("autre", "Autre"),
)

# §2.1 — economic conditions (D.E. 6/2); the third element: scope of Annex 71-02
# ("non" = goods not in the annex only, "oui" = annex goods only, "tous" = any goods).


@dataclass(frozen=True)
class EconomicCode:
    code: str
    label: str
    scope_71_02: str
    needs_evidence: bool


ECONOMIC_CODES: tuple[EconomicCode, ...] = (
    EconomicCode("01", "Transformation de marchandises non reprises à l'annexe 71-02", "non", False),
    EconomicCode("02", "Réparation", "tous", False),
    EconomicCode(
        "03",
        "Transformation à façon, selon les instructions et pour le compte d'une personne établie hors de "
        "l'Union (en général contre paiement du seul coût de transformation)",
        "tous",
        False,
    ),
    EconomicCode("04", "Transformation de blé dur en pâtes alimentaires", "tous", False),
    EconomicCode(
        "05",
        "Placement dans la limite des quantités fixées sur la base d'un bilan (art. 18 règl. (UE) n° 510/2014)",
        "tous",
        False,
    ),
    EconomicCode(
        "06",
        "Annexe 71-02 : indisponibilité de marchandises de l'Union de même code NC à 8 chiffres, même qualité "
        "commerciale et mêmes caractéristiques techniques",
        "oui",
        True,
    ),
    EconomicCode(
        "07",
        "Annexe 71-02 : écart de prix rendant l'opération non viable avec des marchandises de l'Union comparables",
        "oui",
        True,
    ),
    EconomicCode(
        "08",
        "Annexe 71-02 : obligations contractuelles (exigences de l'acheteur du pays tiers, ou produits devant "
        "provenir des marchandises importées pour protéger des droits de propriété industrielle ou commerciale)",
        "oui",
        True,
    ),
    EconomicCode(
        "09",
        "Annexe 71-02 : valeur globale des marchandises à placer ≤ 150 000 EUR par demandeur, par année civile "
        "et par code NC à 8 chiffres",
        "oui",
        True,
    ),
    EconomicCode(
        "10",
        "Mise en conformité des marchandises avec les exigences techniques de leur mise en libre pratique",
        "tous",
        False,
    ),
    EconomicCode("11", "Marchandises à caractère non commercial", "tous", False),
    EconomicCode(
        "12",
        "Marchandises obtenues sous une autorisation antérieure délivrée après examen des conditions économiques",
        "tous",
        False,
    ),
    EconomicCode(
        "13",
        "Fractions solides et fluides d'huile de palme, de coco, de palmiste, huile de babassu ou de ricin "
        "transformées en produits non destinés au secteur alimentaire",
        "tous",
        False,
    ),
    EconomicCode(
        "14",
        "Produits destinés à être incorporés dans des aéronefs civils ou utilisés pour ceux-ci (certificat de "
        "navigabilité)",
        "tous",
        False,
    ),
    EconomicCode(
        "15",
        "Produits bénéficiant de la suspension autonome des droits pour certains armements et équipements "
        "militaires (règl. (CE) n° 150/2003)",
        "tous",
        False,
    ),
    EconomicCode("16", "Transformation en échantillons", "tous", False),
    EconomicCode(
        "17",
        "Composants, parties ou assemblages électroniques transformés en produits des technologies de "
        "l'information",
        "tous",
        False,
    ),
    EconomicCode(
        "18",
        "Marchandises des codes NC 2707 ou 2710 transformées en produits des codes 2707, 2710 ou 2902",
        "tous",
        False,
    ),
    EconomicCode(
        "19",
        "Réduction à l'état de déchets et débris, destruction, récupération de parties ou de composants",
        "tous",
        False,
    ),
    EconomicCode("20", "Dénaturation", "tous", False),
    EconomicCode("21", "Manipulations usuelles (art. 220 CDU)", "tous", False),
    EconomicCode(
        "22",
        "« De minimis » : valeur globale ≤ 150 000 EUR par demandeur, par année civile et par code NC à 8 "
        "chiffres, pour des marchandises non reprises à l'annexe 71-02",
        "non",
        True,
    ),
)
NO_ECONOMIC_CODE = "aucun"
CONDITIONS_ECONOMIQUES = options(
    *((c.code, f"{c.code} — {c.label}") for c in ECONOMIC_CODES),
    (NO_ECONOMIC_CODE, "Aucun code — examen des conditions économiques requis"),
)
CODES_NEEDING_EVIDENCE = frozenset(c.code for c in ECONOMIC_CODES if c.needs_evidence)
CODES_ONLY_FOR_71_02 = frozenset(c.code for c in ECONOMIC_CODES if c.scope_71_02 == "oui")
CODES_NOT_FOR_71_02 = frozenset(c.code for c in ECONOMIC_CODES if c.scope_71_02 == "non")

# §2.6
TYPES_LIEU = options(
    ("A", "A — Lieu désigné"),
    ("B", "B — Lieu autorisé"),
    ("C", "C — Lieu agréé"),
    ("D", "D — Divers / autre"),
)
QUALIFICATIONS_LIEU = options(
    ("T", "T — Adresse avec code postal"),
    ("U", "U — UN/LOCODE"),
    ("V", "V — Identifiant du bureau de douane"),
    ("W", "W — Coordonnées GNSS"),
    ("X", "X — Numéro EORI"),
    ("Y", "Y — Numéro d'autorisation"),
    ("Z", "Z — Adresse en texte libre"),
)
FONCTIONS_LIEU = options(
    ("stockage", "Stockage"),
    ("transformation", "Transformation"),
    ("utilisation", "Utilisation"),
    ("ecritures", "Tenue des écritures"),
    ("autre", "Autre"),
)

# §2.7
MOYENS_IDENTIFICATION = options(
    ("1", "Numéro de série ou de fabricant"),
    ("2", "Apposition de plombs, scellés, pinces ou autres marques"),
    ("3", "Prélèvement d'échantillons, illustrations ou descriptions techniques"),
    ("4", "Analyses"),
    ("5", "Bulletin d'information (INF) / document complémentaire"),
    ("6", "Autre moyen (préciser)"),
)


# §2.8 — temporary admission cases: code, label, RDC article(s), relief, maximum period in months
@dataclass(frozen=True)
class AtCase:
    code: str
    label: str
    article: str
    relief: str  # "totale" or "partielle"
    max_months: int | None


AT_CASES: tuple[AtCase, ...] = (
    AtCase(
        "D01",
        "Palettes (y compris pièces de rechange, accessoires et équipements)",
        "207–209",
        "totale",
        None,
    ),
    AtCase(
        "D02",
        "Conteneurs (y compris pièces de rechange, accessoires et équipements)",
        "207, 210–211, 217",
        "totale",
        None,
    ),
    AtCase(
        "D03",
        "Moyens de transport routier, ferroviaire, aérien, maritime ou fluvial",
        "207, 212–218",
        "totale",
        None,
    ),
    AtCase(
        "D04",
        "Effets personnels et marchandises à usage sportif importés par des voyageurs",
        "219",
        "totale",
        None,
    ),
    AtCase("D05", "Matériel de bien-être destiné aux gens de mer", "220", "totale", None),
    AtCase("D06", "Matériel destiné à lutter contre les effets des catastrophes", "221", "totale", None),
    AtCase("D07", "Matériel médico-chirurgical et de laboratoire", "222", "totale", None),
    AtCase("D08", "Animaux", "223", "totale", None),
    AtCase(
        "D09", "Marchandises destinées à être utilisées dans les zones frontalières", "224", "totale", None
    ),
    AtCase("D10", "Supports de son, d'images ou d'informations", "225", "totale", None),
    AtCase("D11", "Matériel publicitaire", "225", "totale", None),
    AtCase("D12", "Matériel professionnel", "226", "totale", None),
    AtCase("D13", "Matériel pédagogique et scientifique", "227", "totale", None),
    AtCase("D14", "Emballages pleins", "228", "totale", None),
    AtCase("D15", "Emballages vides", "228", "totale", None),
    AtCase(
        "D16",
        "Moules, matrices, clichés, dessins, projets, instruments de mesure, de contrôle et de vérification",
        "229",
        "totale",
        None,
    ),
    AtCase("D17", "Outils et instruments spéciaux", "230", "totale", None),
    AtCase(
        "D18",
        "Marchandises devant faire l'objet d'essais, d'expériences ou de démonstrations",
        "231",
        "totale",
        None,
    ),
    AtCase(
        "D19",
        "Marchandises soumises à des essais de réception satisfaisants (contrat de vente)",
        "231",
        "totale",
        None,
    ),
    AtCase(
        "D20",
        "Marchandises utilisées pour des essais, expériences ou démonstrations sans but lucratif",
        "231",
        "totale",
        6,
    ),
    AtCase("D21", "Échantillons", "232", "totale", None),
    AtCase("D22", "Moyens de production de remplacement", "233", "totale", 6),
    AtCase(
        "D23",
        "Marchandises destinées à des manifestations ou à la vente dans certaines situations",
        "234",
        "totale",
        None,
    ),
    AtCase("D24", "Envois à vue (marchandises à l'approbation)", "234", "totale", None),
    AtCase(
        "D25",
        "Œuvres d'art, objets de collection et antiquités (exposition, vente éventuelle)",
        "234",
        "totale",
        None,
    ),
    AtCase(
        "D26",
        "Marchandises autres que neuves importées en vue de leur vente aux enchères",
        "234",
        "totale",
        None,
    ),
    AtCase("D27", "Pièces de rechange, accessoires et équipements", "235", "totale", None),
    AtCase(
        "D28",
        "Marchandises importées dans des situations particulières sans incidence économique",
        "236",
        "totale",
        None,
    ),
    AtCase(
        "D29",
        "Marchandises importées occasionnellement pour une période n'excédant pas trois mois",
        "236",
        "totale",
        3,
    ),
    AtCase("D30", "Admission temporaire en exonération partielle des droits", "206", "partielle", None),
)
AT_CASES_BY_CODE = {case.code: case for case in AT_CASES}
CAS_AT = options(*((c.code, f"{c.code} — {c.label} (art. {c.article} RDC)") for c in AT_CASES))
AT_GENERAL_CEILING_MONTHS = 24  # UCC art. 251(2)

EXONERATIONS_AT = options(("totale", "Totale"), ("partielle", "Partielle"))
TYPES_TRANSPORT = options(
    ("routier", "Routier"),
    ("ferroviaire", "Ferroviaire"),
    ("aerien", "Aérien"),
    ("maritime", "Maritime"),
    ("fluvial", "Fluvial"),
)
USAGES_TRANSPORT = options(("commercial", "Commercial"), ("prive", "Privé"))

# §2.9 — attachment types
TYPES_PIECES_JOINTES = options(
    ("kbis", "Extrait Kbis ou équivalent"),
    ("mandat", "Mandat de représentation"),
    ("procede", "Description du procédé de transformation / nomenclature de fabrication"),
    ("fiches_techniques", "Fiches techniques des marchandises"),
    ("contrat", "Contrat (façon, location, vente, garantie)"),
    ("plan", "Plan des locaux / installations"),
    ("procedure_ecritures", "Procédure de tenue des écritures"),
    ("justificatifs_eco", "Justificatifs des conditions économiques"),
    ("modele_decompte", "Modèle de décompte d'apurement"),
    ("autre", "Autre"),
)

# §1.3
CATEGORIES_PRODUIT = options(("principal", "Produit principal"), ("secondaire", "Produit secondaire"))
TYPES_RENDEMENT = options(
    ("fixe", "Taux fixe"),
    ("moyen", "Taux moyen"),
    ("methode", "Méthode de détermination"),
)
UNITES_RENDEMENT = options(("pourcent", "%"), ("unite", "Unité produit / unité marchandise"))
OPERATIONS_PERFECTIONNEMENT = options(
    ("ouvraison", "Ouvraison (y compris montage, assemblage, adaptation)"),
    ("transformation", "Transformation"),
    ("destruction", "Destruction"),
    ("reparation", "Réparation (y compris remise en état et mise au point)"),
    ("aides_production", "Utilisation d'aides à la production"),
)
UNITES_DELAI = options(("jours", "Jours"), ("mois", "Mois"))
FIN_DE_PERIODE = options(
    ("non", "Non"),
    ("mois", "Fin de mois"),
    ("trimestre", "Fin de trimestre"),
    ("semestre", "Fin de semestre"),
)
MODALITES_DECOMPTE = options(("electronique", "Transmission électronique"), ("papier", "Papier"))

# §1.4
GARANTIES = options(
    ("isolee", "Garantie isolée"),
    ("globale", "Garantie globale (autorisation CGU)"),
    ("dispense", "Dispense demandée"),
    ("ne_sait_pas", "Ne sait pas"),
)
CONDITIONS_RETROACTIF = options(
    ("a", "a) Besoin économique avéré"),
    ("b", "b) Absence de tentative de manœuvre"),
    ("c", "c) Écritures prouvant le respect des exigences du régime et permettant le contrôle"),
    ("d", "d) Formalités de régularisation possibles, y compris l'invalidation de déclarations"),
    ("e", "e) Aucune autorisation rétroactive accordée dans les trois ans précédant l'acceptation"),
    ("f", "f) Aucun examen des conditions économiques requis (sauf renouvellement)"),
)

# §1.6.2, §1.6.3
AFFECTATIONS_DP = options(
    ("titulaire", "Affectation par le titulaire"),
    ("toro", "Transfert des droits et obligations (TORO)"),
)
FONCTION_STOCKAGE = options(("stockage", "Stockage"))
REGIMES_AUTRES_MARCHANDISES = options(
    ("depot_temporaire", "Dépôt temporaire"),
    ("perfectionnement_actif", "Perfectionnement actif"),
    ("destination_particuliere", "Destination particulière"),
    ("admission_temporaire", "Admission temporaire"),
    ("libre_pratique", "Libre pratique"),
    ("autre", "Autre"),
)
METHODES_CALCUL_DROITS = options(
    ("art85", "Art. 85 §1 CDU — sur les produits transformés"),
    ("art86", "Art. 86 §3 CDU — sur les marchandises placées sous le régime"),
)
