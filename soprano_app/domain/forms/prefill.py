"""Initial answers of a new dossier and of new rows, and the values the system keeps up to date.

Prefilled from the acting company's record (guide §3.2: « certains champs sont pré-remplis en
fonction de votre numéro EORI ») and, for a representative, from his own firm (spec §1.1).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import reference
from ..catalogue import CATALOGUE
from ..catalogue.conditions import NON, OUI
from ..catalogue.model import Block, Group
from ..regimes import Regime, TypeEntrepot, decision_type_code
from .engine import ROW_ID, rows_of
from .values import SANS_OBJET


@dataclass(frozen=True)
class Party:
    """A company as the form needs it."""

    raison_sociale: str
    siret: str
    eori: str
    rue: str
    complement: str
    code_postal: str
    ville: str
    pays: str = "FR"


@dataclass(frozen=True)
class Filer:
    """The person filing: his name and e-mail, and his own firm when he is a representative."""

    first_name: str
    last_name: str
    email: str
    representative_firm: Party | None = None


def new_row_id() -> str:
    return secrets.token_hex(4)


def _address(prefix: str, party: Party) -> dict[str, str]:
    return {
        f"{prefix}_rue": party.rue,
        f"{prefix}_complement": party.complement,
        f"{prefix}_code_postal": party.code_postal,
        f"{prefix}_ville": party.ville,
        f"{prefix}_pays": party.pays,
    }


def _place_prefix(group_or_block_id: str) -> str:
    item = CATALOGUE.item(group_or_block_id)
    if isinstance(item, Group):
        block = next(i for i in item.items if isinstance(i, Block))
        return block.id
    return item.id


def interim_place(prefix: str, name: str = SANS_OBJET, party: Party | None = None) -> dict[str, str]:
    """The guide's interim values for a DP place: texte libre, France, divers, S.O. (guide, DP block)."""
    values = {
        f"{prefix}_fonction": "utilisation",
        f"{prefix}_qualification": "Z",
        f"{prefix}_pays": "FR",
        f"{prefix}_type": "D",
        f"{prefix}_identification": SANS_OBJET,
        f"{prefix}_identification_add": SANS_OBJET,
        f"{prefix}_nom": name,
    }
    if party is None:
        values |= {
            f"{prefix}_rue": SANS_OBJET,
            f"{prefix}_code_postal": SANS_OBJET,
            f"{prefix}_ville": SANS_OBJET,
        }
    else:
        values |= {
            f"{prefix}_rue": party.rue,
            f"{prefix}_code_postal": party.code_postal,
            f"{prefix}_ville": party.ville,
        }
    return values


def initial_answers(
    regime: Regime,
    applicant: Party,
    filer: Filer,
    type_entrepot: str = "",
    variante_pa: str = "",
) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "type_dossier": "RP",
        "regime": regime.value,
        "type_demande": "1",
        "dem_eori": applicant.eori,
        "dem_siret": applicant.siret,
        "dem_raison_sociale": applicant.raison_sociale,
        **_address("dem_adresse", applicant),
        "rep_present": OUI if filer.representative_firm else NON,
        "contact_demande_nom": filer.last_name,
        "contact_demande_prenom": filer.first_name,
        "contact_demande_courriel": filer.email,
        "validite_geo_ue": NON,
        "val_lieu": applicant.ville,
        "val_signataire_nom": filer.last_name,
        "val_signataire_prenom": filer.first_name,
    }
    if regime is Regime.ED:
        answers["type_entrepot"] = type_entrepot
    if regime is Regime.PA:
        answers["variante_pa"] = variante_pa
    firm = filer.representative_firm
    if firm is not None:
        answers["operateur_represente"] = f"{applicant.raison_sociale} (SIRET {applicant.siret})"
        answers |= {"rep_nom": firm.raison_sociale, "rep_eori": firm.eori, **_address("rep_adresse", firm)}
    if regime is Regime.DP:
        answers |= interim_place(_place_prefix("dp_premier_lieu"), applicant.raison_sociale, applicant)
        secondary = _place_prefix("dp_lieu_secondaire")
        answers["dp_lieu_secondaire"] = [{ROW_ID: new_row_id(), **interim_place(secondary)}]
    if regime is Regime.ED:
        answers["ed_installations"] = [
            {
                ROW_ID: new_row_id(),
                "inst_fonction": "stockage",
                "inst_nom": applicant.raison_sociale,
                "inst_pays": "FR",
                "inst_ref_douane": SANS_OBJET,
                **_address("inst_adresse", applicant),
            }
        ]
    return derive(answers, regime)


def new_row(group_id: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Values of a row just added with « Ajouter… »."""
    row: dict[str, Any] = {ROW_ID: new_row_id()}
    if group_id == "marchandises":
        row["mp_devise"] = "EUR"
    elif group_id == "ed_installations":
        row |= {"inst_fonction": "stockage", "inst_pays": "FR", "inst_ref_douane": SANS_OBJET}
    elif group_id == "lieux_util":
        row |= {"lieu_pays": "FR"}
    elif group_id == "dp_lieu_secondaire":
        row |= interim_place(_place_prefix(group_id))
    return row


def derive(answers: Mapping[str, Any], regime: Regime) -> dict[str, Any]:
    """Values the system computes (spec: code_type_decision, dem_etabli_ue, Annex 71-02 flag…)."""
    result = dict(answers)
    entrepot = str(result.get("type_entrepot", ""))
    if regime is not Regime.ED or entrepot in TypeEntrepot._value2member_map_:
        kind = TypeEntrepot(entrepot) if regime is Regime.ED else None
        result["code_type_decision"] = decision_type_code(regime, kind)
    eori = str(result.get("dem_eori", "")).strip().upper()
    result["dem_etabli_ue"] = (
        (OUI if eori[:2] in reference.EU_MEMBER_STATES else NON) if len(eori) > 2 else ""
    )
    if result.get("validite_geo_ue") == OUI:
        states = result.get("validite_geo_etats")
        states = states if isinstance(states, list) else []
        if "FR" not in states:
            result["validite_geo_etats"] = ["FR", *states]
    if "marchandises" in result:
        result["marchandises"] = [derive_goods_row(row) for row in rows_of(result, "marchandises")]
    return result


def derive_goods_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A goods line: Annex 71-02 flag computed from the CN code whenever the code decides it (8 digits,
    or a heading with no listed goods); default unit from the CN."""
    result = dict(row)
    code = str(result.get("mp_code_nc", ""))
    if code.isdigit() and len(code) >= 4 and not reference.annex_71_02_undecided(code):
        result["mp_annexe_71_02"] = OUI if reference.in_annex_71_02(code) else NON
    if code.isdigit() and len(code) >= 8 and not result.get("mp_unite"):
        result["mp_unite"] = reference.unit_for_cn(code)
    return result
