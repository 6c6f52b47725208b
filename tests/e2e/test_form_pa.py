"""The demo operator files a complete inward-processing (PA) application from scratch."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import Page, expect

from soprano_app import app_clock
from tests.e2e.form_helpers import (
    add_row,
    dossier,
    fill,
    open_rubrique,
    start_new_dossier,
    stored_answers,
    wait_saved,
)

SHOTS = "artifacts/screenshots"


def test_operator_files_a_complete_pa_application(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    page.get_by_role("link", name="Déposer un nouveau dossier").first.click()
    dossier_id = start_new_dossier(page, base_url, "PA", variante_pa="LES_DEUX")

    # Demandeur: prefilled from the company; a live error appears and disappears.
    expect(page.locator("#f-dem_eori")).to_have_value("FR90012345600015")
    expect(page.locator("#f-dem_raison_sociale")).to_have_value("Ateliers Durand SAS")
    expect(page.locator("#f-code_type_decision")).to_have_text("IPO")
    page.locator("#f-dem_eori").fill("FR123")
    error = page.locator("#e-f-dem_eori")
    expect(error).to_contain_text("EORI français")
    expect(page.locator("#f-dem_eori")).to_have_attribute("aria-invalid", "true")
    page.screenshot(path=f"{SHOTS}/form-demandeur-erreur.png", full_page=True)
    page.locator("#f-dem_eori").fill("FR90012345600015")
    expect(error).to_have_count(0)
    expect(page.locator("#f-dem_eori")).to_have_attribute("aria-invalid", "false")
    fill(page, {"contact_demande_telephone": "04 72 00 00 00"})

    # « Contrôler » with errors, then a link of the summary opens the field.
    page.locator("#btn-controler").click()
    summary = page.locator("#check-summary")
    expect(summary).to_contain_text("erreur(s) bloquante(s)")
    expect(summary).to_contain_text("Comptabilités / écritures")
    page.screenshot(path=f"{SHOTS}/form-controler.png")
    summary.get_by_role("link", name="Type de comptabilité principale à des fins douanières").click()
    expect(page.locator("#rubrique-comptabilite")).to_be_visible()
    expect(page.locator("#f-cpt_type")).to_be_focused()
    expect(page.locator("#e-f-cpt_type")).to_contain_text("Renseignez")

    # Comptabilités / écritures.
    fill(page, {"cpt_type": "informatisee"})
    expect(page.locator("#f-cpt_logiciel")).to_be_visible()  # appears with the answer
    fill(
        page,
        {
            "cpt_logiciel": "SAP",
            "cpt_lieu_identique": "oui",
            "ecr_lieu_identique": "oui",
            "ecr_type": "progiciel",
            "ecr_description": "Chaque placement est suivi par numéro de déclaration jusqu'à l'apurement.",
        },
    )
    expect(page.locator("#e-f-cpt_type")).to_have_count(0)
    page.screenshot(path=f"{SHOTS}/form-comptabilite.png", full_page=True)

    # Marchandises et produits: two goods lines, a processed product, equivalent goods.
    open_rubrique(page, "marchandises")
    goods = {
        "mp_designation": "Tôles d'acier laminées à chaud",
        "mp_quantite": "1 200,5",
        "mp_valeur": "960 000",
        "mp_annexe_71_02": "non",
        "mp_mesures_pc": "non",
    }
    page.locator("#add-marchandises").click()
    page.locator("#r-mp_code_nc").fill("7208 51 20")
    expect(page.locator("#i-r-mp_code_nc")).to_contain_text("laminés à chaud")
    fill(page, goods, prefix="r")
    page.screenshot(path=f"{SHOTS}/form-ligne-marchandise.png")
    page.locator("#save-row-marchandises").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    add_row(
        page,
        "marchandises",
        {
            **goods,
            "mp_code_nc": "73181595",
            "mp_designation": "Vis en acier",
            "mp_quantite": "5000",
            "mp_valeur": "10 000",
        },
    )
    rows = page.locator("#g-marchandises tbody tr")
    expect(rows).to_have_count(2)
    add_row(
        page,
        "produits",
        {
            "pt_code_nc": "84314980",
            "pt_designation": "Bras de grue soudés",
            "pt_categorie": "principal",
            "pt_quantite": "100",
            "pt_unite": "NAR",
            "pt_marchandises": ["Marchandise 1", "Marchandise 2"],
            "pt_rendement_type": "fixe",
            "pt_rendement_valeur": "95",
            "pt_rendement_unite": "pourcent",
        },
    )
    fill(page, {"eq_demande": "oui"})
    expect(page.locator("#g-eq_lignes")).to_be_visible()
    add_row(
        page,
        "eq_lignes",
        {
            "eq_code_nc": "72085120",
            "eq_designation": "Tôles de l'Union",
            "eq_qualite": "S355",
            "eq_caracteristiques": "Épaisseur 20 mm",
            "eq_marchandise_remplacee": "Marchandise 1",
        },
    )
    fill(
        page,
        {
            "eq_modalites": "Stocks distincts, suivi dans l'ERP.",
            "act_operations": ["ouvraison", "transformation"],
            "act_description": "Découpe et soudage de bras de grue.",
            "delai_apurement": "6",
            "delai_apurement_unite": "mois",
            "decompte_modalites": "electronique",
        },
    )
    add_row(
        page,
        "lieux_util",
        {
            "lieu_fonction": "transformation",
            "lieu_qualification": "T",
            "lieu_type": "D",
            "lieu_identification": "S.O.",
            "lieu_nom": "Atelier de Vénissieux",
            "lieu_rue": "5 rue de l'Industrie",
            "lieu_code_postal": "69200",
            "lieu_ville": "Vénissieux",
        },
    )
    add_row(page, "bur_placement", {"bur_placement_bureau": "FR002650"})
    add_row(page, "bur_apurement", {"bur_apurement_bureau": "FR002650"})
    # The supervising office, found with the search dialog.
    page.get_by_role("button", name="Rechercher : Bureau de douane de contrôle").click()
    page.locator("#search-query").fill("Lyon St Exupery")
    page.get_by_role("dialog").get_by_role("button", name=re.compile("FR002650")).click()
    expect(page.locator("#f-bur_controle")).to_have_value("FR002650")
    expect(page.locator("#i-f-bur_controle")).to_have_text("Lyon St Exupery bureau")
    page.screenshot(path=f"{SHOTS}/form-marchandises.png", full_page=True)

    # « Sauvegarder », reload, everything is back (goods lines included).
    page.locator("#btn-sauvegarder").click()
    wait_saved(page)
    page.reload()
    open_rubrique(page, "marchandises")
    expect(page.locator("#g-marchandises tbody tr")).to_have_count(2)
    expect(page.locator("#f-act_description")).to_have_value("Découpe et soudage de bras de grue.")
    expect(page.locator("#f-bur_controle")).to_have_value("FR002650")

    # Divers, Données spécifiques (EX/IM needs the equivalent goods asked above), Validation.
    open_rubrique(page, "divers")
    fill(page, {"date_effet": (app_clock.today() + timedelta(days=40)).isoformat(), "duree_validite": "36"})
    open_rubrique(page, "specifiques")
    fill(page, {"pa_conditions_eco": ["01"], "pa_ex_im": "oui"})
    fill(page, {"pa_ex_im_delai": "6", "pa_mlp_decompte": "non", "pa_calcul_droits": "non"})
    page.screenshot(path=f"{SHOTS}/form-specifiques-pa.png", full_page=True)
    open_rubrique(page, "validation")
    fill(page, {"val_signataire_qualite": "Responsable douane"})
    page.screenshot(path=f"{SHOTS}/form-validation.png", full_page=True)
    page.locator("#btn-controler").click()
    # Only recommendations are left (the process description, the record-keeping procedure).
    expect(page.locator("#check-summary")).to_contain_text("Aucune erreur bloquante ; 2 avertissement(s)")

    # « Valider »: recap with « Modifier » links, attestation, submission.
    page.locator("#btn-valider").click()
    expect(page.get_by_role("heading", name="Récapitulatif de la demande")).to_be_visible()
    expect(page.get_by_role("link", name="Modifier la rubrique Divers")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Tôles d'acier laminées à chaud")
    page.screenshot(path=f"{SHOTS}/recapitulatif.png", full_page=True)
    page.locator("#btn-transmettre").click()
    expect(page.locator("#recap-message")).to_contain_text("Cochez l'attestation")
    page.locator("#attestation").click()
    page.locator("#btn-transmettre").dblclick()  # a double click submits once
    expect(page).to_have_url(re.compile(rf"/dossiers/{dossier_id}/confirmation"))
    numero = page.locator("#numero-depose")
    expect(numero).to_have_text(re.compile(r"^RP-\d{4}-\d{6}$"))
    page.screenshot(path=f"{SHOTS}/confirmation.png", full_page=True)
    saved = dossier(dossier_id)
    assert saved.statut == "DEPOSEE" and saved.numero == numero.inner_text()
    answers = stored_answers(dossier_id)
    assert (
        answers["pa_ex_im"] == "oui"
        and len(answers["marchandises"]) == 2
        and answers["val_attestation"] == "oui"
    )

    # The dashboard lists it as « Déposée » under « En attente ».
    page.get_by_role("link", name="Retour à l'accueil").click()
    page.locator("#filtre-a_traiter").click()  # only « En attente » stays checked
    row = page.locator("#dossier-table tr", has_text=saved.numero or "")
    expect(row).to_contain_text("Déposée")
