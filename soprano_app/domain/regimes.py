"""Special procedures (spec §0.1) and application types (spec §2.5)."""

from __future__ import annotations

from enum import StrEnum


class Regime(StrEnum):
    AT = "AT"
    DP = "DP"
    ED = "ED"
    PA = "PA"
    PP = "PP"


REGIME_LABELS: dict[Regime, str] = {
    Regime.AT: "Admission temporaire",
    Regime.DP: "Destination particulière",
    Regime.ED: "Entrepôt douanier",
    Regime.PA: "Perfectionnement actif",
    Regime.PP: "Perfectionnement passif",
}


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
    return {
        Regime.AT: "TEA",
        Regime.DP: "EUS",
        Regime.PA: "IPO",
        Regime.PP: "OPO",
    }[regime]


def max_validity_months(regime: Regime, annex_71_02_goods: bool) -> int | None:
    """Longest validity of an authorisation (spec §3.7, RDC art. 173); None: no time limit (ED)."""
    if regime is Regime.ED:
        return None
    return 36 if regime is Regime.PA and annex_71_02_goods else 60
