"""Special procedures (spec §0.1) and application types (spec §2.5).

Every fact about a régime lives in its ``RegimeInfo`` of ``REGIMES``: adding a régime (or a
variant) is one entry here, its code in ``Regime``, and its specific fields in the catalogue
(``catalogue/specifiques.py``), whose obligations are keyed by régime (``catalogue.model.per_regime``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Regime(StrEnum):
    AT = "AT"
    DP = "DP"
    ED = "ED"
    PA = "PA"
    PP = "PP"


@dataclass(frozen=True)
class RegimeInfo:
    regime: Regime
    label: str
    hint: str  # what it is for, on « Déposer un nouveau dossier »
    decision_type_code: str  # D.E. 1/1 (the customs warehouse's depends on its type: see below)
    decision_days: int  # time limit for the decision once the application is accepted (RDC art. 171)
    max_validity_months: int | None  # longest validity (spec §3.7, RDC art. 173); None: no limit
    renewable: bool = True  # a renewal may be asked (none for a warehouse without time limit)
    applicant_outside_union: bool = False  # may be granted to a person established outside the Union


REGIMES: dict[Regime, RegimeInfo] = {
    info.regime: info
    for info in (
        RegimeInfo(
            Regime.AT,
            "Admission temporaire",
            "Utiliser temporairement dans l'Union des marchandises non Union, en exonération totale ou partielle.",
            decision_type_code="TEA",
            decision_days=30,
            max_validity_months=60,
            applicant_outside_union=True,  # UCC art. 250(2)(c)
        ),
        RegimeInfo(
            Regime.DP,
            "Destination particulière",
            "Bénéficier d'un traitement tarifaire favorable en raison de l'utilisation particulière des marchandises.",
            decision_type_code="EUS",
            decision_days=30,
            max_validity_months=60,
        ),
        RegimeInfo(
            Regime.ED,
            "Entrepôt douanier",
            "Stocker des marchandises non Union sans droits ni taxes, dans un entrepôt public ou privé.",
            decision_type_code="CWP",
            decision_days=60,
            max_validity_months=None,
            renewable=False,
        ),
        RegimeInfo(
            Regime.PA,
            "Perfectionnement actif",
            "Transformer des marchandises non Union sans droits, puis réexporter les produits obtenus.",
            decision_type_code="IPO",
            decision_days=30,
            max_validity_months=60,
        ),
        RegimeInfo(
            Regime.PP,
            "Perfectionnement passif",
            "Exporter temporairement des marchandises de l'Union pour les transformer ou les réparer hors de l'Union.",
            decision_type_code="OPO",
            decision_days=30,
            max_validity_months=60,
        ),
    )
}
assert set(REGIMES) == set(Regime), "every régime has its RegimeInfo"

REGIME_LABELS: dict[Regime, str] = {regime: info.label for regime, info in REGIMES.items()}


class TypeDemande(StrEnum):
    """D.E. 1/3. Code 4 (révocation) is an action on an authorisation, not a form."""

    PREMIERE = "1"
    AVENANT = "2"
    RENOUVELLEMENT = "3"


TYPE_DEMANDE_LABELS: dict[TypeDemande, str] = {
    TypeDemande.PREMIERE: "Première demande",
    TypeDemande.AVENANT: "Demande de modification de l'autorisation (avenant)",
    TypeDemande.RENOUVELLEMENT: "Demande de renouvellement de l'autorisation",
}

TYPE_DEMANDE_SHORT_LABELS: dict[TypeDemande, str] = {
    TypeDemande.PREMIERE: "Première demande",
    TypeDemande.AVENANT: "Avenant",
    TypeDemande.RENOUVELLEMENT: "Renouvellement",
}


class TypeEntrepot(StrEnum):
    CW1 = "CW1"
    CW2 = "CW2"
    CWP_AGREE = "CWP_AGREE"
    CWP_NON_AGREE = "CWP_NON_AGREE"


def decision_type_code(regime: Regime, type_entrepot: TypeEntrepot | None = None) -> str:
    """D.E. 1/1 code derived from the regime (and the warehouse type for ED)."""
    if regime is Regime.ED:
        if type_entrepot is None:
            raise ValueError("Le type d'entrepôt est requis pour l'entrepôt douanier.")
        return "CWP" if type_entrepot.value.startswith("CWP") else type_entrepot.value
    return REGIMES[regime].decision_type_code


def max_validity_months(regime: Regime, annex_71_02_goods: bool) -> int | None:
    """Longest validity of an authorisation (spec §3.7, RDC art. 173); None: no time limit (ED).
    PA with goods of Annex 71-02: 3 years (RDC art. 173(2))."""
    longest = REGIMES[regime].max_validity_months
    return 36 if regime is Regime.PA and annex_71_02_goods else longest
