"""Complete, valid applications for each regime: the demo data and the tests start from them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..catalogue.conditions import NON, OUI
from ..regimes import Regime
from .engine import ROW_ID
from .prefill import Filer, Party, derive, initial_answers
from .values import SANS_OBJET


def _common(today: date) -> dict[str, Any]:
    return {
        "contact_demande_telephone": "04 72 00 00 00",
        "cpt_lieu_identique": OUI,
        "cpt_type": "informatisee",
        "cpt_logiciel": "SAP S/4HANA",
        "ecr_lieu_identique": OUI,
        "ecr_type": "progiciel",
        "ecr_description": "Chaque placement est enregistré avec le numéro de déclaration (MRN), la quantité et "
        "l'emplacement ; les sorties sont rapprochées ligne à ligne jusqu'à l'apurement.",
        "act_description": "Utilisation des marchandises dans nos ateliers conformément à l'autorisation demandée.",
        "bur_controle": "FR002650",
        "bur_placement": [{ROW_ID: "b1", "bur_placement_bureau": "FR002650"}],
        "bur_apurement": [{ROW_ID: "b2", "bur_apurement_bureau": "FR002650"}],
        "date_effet": (today + timedelta(days=45)).isoformat(),
        "duree_validite": "36",
        "garantie_requise": "isolee",
        "garantie_montant": "45000.00",
        "bur_garantie": "FR002650",
        "val_signataire_qualite": "Responsable douane",
        "val_attestation": OUI,
    }


def _goods(
    code: str, designation: str, quantity: str, unit: str, value: str, row_id: str = "m1"
) -> dict[str, Any]:
    return {
        ROW_ID: row_id,
        "mp_code_nc": code,
        "mp_designation": designation,
        "mp_quantite": quantity,
        "mp_unite": unit,
        "mp_valeur": value,
        "mp_devise": "EUR",
        "mp_infos_complementaires": SANS_OBJET,
    }


def _place(prefix: str, function: str, party: Party) -> dict[str, str]:
    return {
        f"{prefix}_fonction": function,
        f"{prefix}_qualification": "T",
        f"{prefix}_pays": "FR",
        f"{prefix}_type": "D",
        f"{prefix}_identification": SANS_OBJET,
        f"{prefix}_identification_add": SANS_OBJET,
        f"{prefix}_nom": party.raison_sociale,
        f"{prefix}_rue": party.rue,
        f"{prefix}_code_postal": party.code_postal,
        f"{prefix}_ville": party.ville,
    }


def _specific(regime: Regime, party: Party) -> dict[str, Any]:
    if regime is Regime.AT:
        return {
            "marchandises": [_goods("84571010", "Centre d'usinage de démonstration", "1", "NAR", "250000")],
            "id_methodes": ["1"],
            "id_description": "Numéro de série EX-2026-001 gravé sur le bâti.",
            "lieux_util": [{ROW_ID: "l1", **_place("lieu", "utilisation", party)}],
            "delai_apurement": "12",
            "delai_apurement_unite": "mois",
            "duree_validite": "12",
            "at_cas": "D18",
            "at_exoneration": "totale",
            "at_proprietaire_identique": NON,
            "at_proprietaire_nom": "Swiss Tools AG",
            "at_proprietaire_adresse_rue": "Bahnhofstrasse 10",
            "at_proprietaire_adresse_code_postal": "8001",
            "at_proprietaire_adresse_ville": "Zurich",
            "at_proprietaire_adresse_pays": "CH",
            "at_etablissement_justif": "Machine prêtée par le fabricant suisse pour une démonstration à nos clients.",
            **_place("at_premier_lieu", "utilisation", party),
            "at_essais": "Démonstrations d'usinage devant des clients pendant six mois.",
        }
    if regime is Regime.DP:
        return {
            "marchandises": [
                _goods("88073000", "Parties d'aéronefs civils (trains d'atterrissage)", "40", "NAR", "800000")
            ],
            "decompte_modalites": "electronique",
            "toro_demande": NON,
            "dp_unite_mesure": "NAR",
            "dp_affectation": "titulaire",
        }
    if regime is Regime.ED:
        return {
            "marchandises": [_goods("22042109", "Vins tranquilles en bouteilles", "50000", "LTR", "400000")],
            "ed_installations": [
                {
                    ROW_ID: "i1",
                    "inst_fonction": "stockage",
                    "inst_nom": party.raison_sociale,
                    "inst_pays": "FR",
                    "inst_adresse_rue": party.rue,
                    "inst_adresse_code_postal": party.code_postal,
                    "inst_adresse_ville": party.ville,
                    "inst_telephone": "04 72 00 00 01",
                    "inst_courriel": "entrepot@exemple.fr",
                    "inst_ref_douane": SANS_OBJET,
                }
            ],
            "ed_taux_perte": NON,
            "ed_enlevement_temporaire": NON,
            "ed_stockage_union": NON,
            "ed_stockage_autres": NON,
        }
    if regime is Regime.PA:
        return {
            "marchandises": [
                _goods(
                    "72085120", "Tôles d'acier laminées à chaud, épaisseur > 15 mm", "1200", "KGM", "960000"
                )
                | {"mp_annexe_71_02": NON, "mp_mesures_pc": NON},
                _goods("73181595", "Vis et boulons en acier", "5000", "NAR", "10000", "m2")
                | {"mp_annexe_71_02": NON, "mp_mesures_pc": NON},
            ],
            "produits": [
                {
                    ROW_ID: "p1",
                    "pt_code_nc": "84314980",
                    "pt_designation": "Bras de grue soudés",
                    "pt_categorie": "principal",
                    "pt_quantite": "100",
                    "pt_unite": "NAR",
                    "pt_marchandises": ["m1", "m2"],
                    "pt_rendement_type": "fixe",
                    "pt_rendement_valeur": "95",
                    "pt_rendement_unite": "pourcent",
                }
            ],
            "eq_demande": NON,
            "id_methodes": ["1", "3"],
            "id_description": "Numéros de coulée des tôles reportés sur les fiches de fabrication.",
            "act_operations": ["ouvraison", "transformation"],
            "lieux_util": [{ROW_ID: "l1", **_place("lieu", "transformation", party)}],
            "delai_apurement": "6",
            "delai_apurement_unite": "mois",
            "decompte_modalites": "electronique",
            "pa_conditions_eco": ["01"],
            "pa_ex_im": NON,
            "pa_mlp_decompte": NON,
            "pa_calcul_droits": NON,
        }
    return {
        "marchandises": [_goods("84122180", "Vérins hydrauliques à réparer", "20", "NAR", "60000")],
        "produits": [
            {
                ROW_ID: "p1",
                "pt_code_nc": "84122180",
                "pt_designation": "Vérins hydrauliques réparés",
                "pt_categorie": "principal",
                "pt_quantite": "20",
                "pt_unite": "NAR",
                "pt_marchandises": ["m1"],
                "pt_rendement_type": "fixe",
                "pt_rendement_valeur": "100",
                "pt_rendement_unite": "pourcent",
            }
        ],
        "eq_demande": NON,
        "id_methodes": ["1"],
        "id_description": "Numéros de série relevés avant l'exportation.",
        "act_operations": ["reparation"],
        "pp_pays_transformation": [
            {ROW_ID: "t1", "ppt_pays": "CH", "ppt_operateur_nom": "Hydraulik Service AG"}
        ],
        "delai_apurement": "6",
        "delai_apurement_unite": "mois",
        "pp_es_avec_import": NON,
        "pp_es_sans_import": NON,
        "pp_im_ex": NON,
    }


def complete_answers(
    regime: Regime,
    applicant: Party,
    filer: Filer,
    today: date,
    type_entrepot: str = "CWP_AGREE",
    variante_pa: str = "IM_EX",
) -> dict[str, Any]:
    answers = initial_answers(regime, applicant, filer, type_entrepot, variante_pa)
    answers |= _common(today)
    answers |= _specific(regime, applicant)
    if regime is Regime.ED:
        answers.pop("duree_validite", None)
    return derive(answers, regime)
