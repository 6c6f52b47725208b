"""Lighter journeys for AT, DP, ED and PP through their « Données spécifiques », and the
representative filing for a represented company."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from soprano_app.domain.regimes import Regime
from tests.e2e.form_helpers import (
    add_row,
    dossier,
    fill,
    open_rubrique,
    prefill_common_parts,
    start_new_dossier,
    stored_answers,
)

SHOTS = "artifacts/screenshots"


def _submit(page: Page, dossier_id: int) -> str:
    page.locator("#btn-valider").click()
    expect(page.get_by_role("heading", name="Récapitulatif de la demande")).to_be_visible()
    expect(page.locator("#recap-errors")).to_have_count(0)
    page.locator("#attestation").click()
    page.locator("#btn-transmettre").click()
    expect(page).to_have_url(re.compile(rf"/dossiers/{dossier_id}/confirmation"))
    numero = page.locator("#numero-depose").inner_text()
    assert dossier(dossier_id).statut == "DEPOSEE"
    return numero


def _specifics(page: Page, base_url: str, email: str, regime: Regime, **choices: str) -> int:
    dossier_id = start_new_dossier(page, base_url, regime.value, **choices)
    prefill_common_parts(email, dossier_id, regime)
    page.reload()
    open_rubrique(page, "specifiques")
    return dossier_id


def test_temporary_admission(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    dossier_id = _specifics(page, base_url, "operateur@demo.fr", Regime.AT)
    expect(page.locator("#f-at_transport_type")).to_have_count(0)
    fill(page, {"at_cas": "D03"})
    expect(page.locator("#f-at_transport_type")).to_be_visible()  # the vehicle block appears for D03
    fill(page, {"at_cas": "D20"})
    expect(page.locator("#f-at_transport_type")).to_have_count(0)
    fill(
        page,
        {
            "at_exoneration": "partielle",
            "at_proprietaire_identique": "non",
            "at_essais": "Essais de résistance sans but lucratif pour un laboratoire universitaire.",
            "at_sans_but_lucratif": "oui",
            "at_etablissement_justif": "Matériel prêté par un fabricant suisse.",
        },
    )
    fill(
        page,
        {
            "at_proprietaire_nom": "Swiss Tools AG",
            "at_proprietaire_adresse_rue": "Bahnhofstrasse 10",
            "at_proprietaire_adresse_code_postal": "8001",
            "at_proprietaire_adresse_ville": "Zurich",
            "at_proprietaire_adresse_pays": "CH",
            "at_premier_lieu_fonction": "utilisation",
            "at_premier_lieu_qualification": "T",
            "at_premier_lieu_pays": "FR",
            "at_premier_lieu_type": "D",
            "at_premier_lieu_identification": "S.O.",
            "at_premier_lieu_nom": "Laboratoire",
            "at_premier_lieu_rue": "1 avenue de la Science",
            "at_premier_lieu_code_postal": "69100",
            "at_premier_lieu_ville": "Villeurbanne",
        },
    )
    page.locator("#btn-controler").click()
    summary = page.locator("#check-summary")
    # D20: relief is total and the discharge period at most 6 months (the draft asks for 12).
    expect(summary).to_contain_text("D30")
    expect(summary).to_contain_text("Pour le cas D20, le délai d'apurement est de 6 mois")
    page.screenshot(path=f"{SHOTS}/form-specifiques-at.png", full_page=True)
    fill(page, {"at_exoneration": "totale"})
    summary.get_by_role("link", name="Délai d'apurement demandé").click()
    expect(page.locator("#f-delai_apurement")).to_be_focused()
    page.locator("#f-delai_apurement").fill("6")
    open_rubrique(page, "validation")
    _submit(page, dossier_id)
    assert stored_answers(dossier_id)["at_cas"] == "D20"


def test_end_use(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    dossier_id = _specifics(page, base_url, "operateur@demo.fr", Regime.DP)
    # The guide's interim values are prefilled for the places.
    expect(page.locator("#f-dp_premier_lieu_qualification")).to_have_value("Z")
    expect(page.locator("#f-dp_premier_lieu_identification")).to_have_value("S.O.")
    expect(page.locator("#so-f-dp_premier_lieu_identification")).to_be_checked()
    expect(page.locator("#g-dp_lieu_secondaire tbody tr")).to_have_count(1)
    fill(page, {"dp_unite_mesure": "KGM", "dp_affectation": "titulaire"})
    page.locator("#btn-controler").click()
    expect(page.locator("#check-summary")).to_contain_text("même unité de mesure")
    fill(page, {"dp_unite_mesure": "NAR", "dp_dechets": "Chutes vendues comme ferraille."})
    page.screenshot(path=f"{SHOTS}/form-specifiques-dp.png", full_page=True)
    _submit(page, dossier_id)


def test_customs_warehouse(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    dossier_id = _specifics(page, base_url, "operateur@demo.fr", Regime.ED, type_entrepot="CW2")
    rows = page.locator("#g-ed_installations tbody tr")
    expect(rows).to_have_count(1)  # prefilled with the applicant's premises
    page.locator("#g-ed_installations-row-0").click()
    fill(page, {"inst_telephone": "04 72 00 00 01", "inst_courriel": "entrepot@durand.fr"}, prefix="r")
    page.locator("#save-row-ed_installations").click()
    add_row(
        page,
        "ed_installations",
        {
            "inst_nom": "Entrepôt de Corbas",
            "inst_adresse_rue": "ZI Corbas",
            "inst_adresse_code_postal": "69960",
            "inst_adresse_ville": "Corbas",
            "inst_telephone": "04 72 00 00 02",
            "inst_courriel": "corbas@durand.fr",
        },
    )
    fill(page, {"ed_taux_perte": "oui"})
    fill(
        page,
        {
            "ed_taux_perte_valeur": "0,5",
            "ed_enlevement_temporaire": "non",
            "ed_stockage_union": "non",
            "ed_stockage_autres": "non",
        },
    )
    page.locator("#btn-controler").click()
    expect(page.locator("#check-summary")).to_contain_text("Un seul lieu de stockage est autorisé")
    page.screenshot(path=f"{SHOTS}/form-specifiques-ed.png", full_page=True)
    page.locator("#g-ed_installations").get_by_role("button", name="Supprimer Installation 2").click()
    page.locator("#confirm-delete").click()
    expect(rows).to_have_count(1)
    _submit(page, dossier_id)
    assert stored_answers(dossier_id)["ed_taux_perte_valeur"] == "0.5"


def test_outward_processing(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("operateur@demo.fr")
    dossier_id = _specifics(page, base_url, "operateur@demo.fr", Regime.PP)
    fill(page, {"pp_es_avec_import": "non", "pp_es_sans_import": "oui", "pp_im_ex": "oui"})
    expect(page.locator("#g-pp_es_sans_import_produits")).to_be_visible()
    add_row(
        page,
        "pp_es_sans_import_produits",
        {"pps_code_nc": "84122180", "pps_designation": "Vérin neuf identique"},
    )
    fill(page, {"pp_im_ex_date": "2027-06-30", "pp_im_ex_infos": "Vérins de l'Union équivalents."})
    page.locator("#btn-controler").click()
    # IM/EX needs equivalent goods (art. 223 CDU).
    expect(page.locator("#check-summary")).to_contain_text("art. 223")
    page.screenshot(path=f"{SHOTS}/form-specifiques-pp.png", full_page=True)
    fill(page, {"pp_im_ex": "non"})
    expect(page.locator("#f-pp_im_ex_date")).to_have_count(0)  # hidden again, and not submitted
    _submit(page, dossier_id)
    answers = stored_answers(dossier_id)
    assert (
        "pp_im_ex_date" not in answers
        and answers["pp_es_sans_import_produits"][0]["pps_code_nc"] == "84122180"
    )


def test_representative_files_for_a_represented_company(enter: Callable[..., Page], base_url: str) -> None:
    page = enter("representant@demo.fr", "Verrerie du Nord SA")
    dossier_id = start_new_dossier(page, base_url, "AT")
    expect(page.locator("#f-dem_raison_sociale")).to_have_value("Verrerie du Nord SA")
    expect(page.locator("#f-operateur_represente")).to_contain_text("Verrerie du Nord SA")
    expect(page.locator("#f-rep_present-oui")).to_be_checked()
    expect(page.locator("#f-rep_nom")).to_have_value("Rhône Transit Services SARL")
    expect(page.locator("#f-rep_eori")).to_have_value("FR90045678100013")
    page.screenshot(path=f"{SHOTS}/form-representant.png", full_page=True)
    prefill_common_parts("representant@demo.fr", dossier_id, Regime.AT, keep_specific=True)
    page.reload()
    page.locator("#btn-controler").click()
    # Filing for someone else needs the mandate.
    expect(page.locator("#check-summary")).to_contain_text("Joignez « Mandat de représentation »")
    page.locator("#f-rep_mandat").click()
    page.locator("#upload-type").select_option("mandat")
    page.locator("#pieces-upload input[type=file]").set_input_files(
        [{"name": "mandat.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 mandat %%EOF"}]
    )
    page.locator("#upload-send").click()
    expect(page.get_by_role("link", name="Télécharger mandat.pdf").first).to_be_visible()
    page.locator("#btn-controler").click()
    expect(page.locator("#check-summary")).to_contain_text("Aucune anomalie")
    numero = _submit(page, dossier_id)
    page.get_by_role("link", name="Retour à l'accueil").click()
    expect(page.locator("#dossier-table")).to_contain_text(numero)
    saved = dossier(dossier_id)
    assert stored_answers(dossier_id)["rep_present"] == "oui" and saved.numero == numero


def test_a_draft_reopened_from_the_dashboard_comes_back_whole(
    enter: Callable[..., Page], base_url: str
) -> None:
    page = enter("operateur@demo.fr")
    dossier_id = start_new_dossier(page, base_url, "PA")
    prefill_common_parts("operateur@demo.fr", dossier_id, Regime.PA, keep_specific=True)
    page.get_by_role("link", name="Accueil", exact=True).click()
    page.get_by_role("link", name=f"Brouillon n° {dossier_id}").click()
    page.locator("#resume-draft").click()
    open_rubrique(page, "marchandises")
    expect(page.locator("#g-marchandises tbody tr")).to_have_count(2)
    expect(page.locator("#g-produits tbody tr")).to_have_count(1)
    expect(page.locator("#f-act_description")).not_to_have_value("")


def test_a_failed_save_is_reported_and_nothing_typed_is_lost(
    enter: Callable[..., Page], base_url: str
) -> None:
    page = enter("operateur@demo.fr")
    dossier_id = start_new_dossier(page, base_url, "AT")
    prefill_common_parts("operateur@demo.fr", dossier_id, Regime.AT)  # another tab saved meanwhile
    open_rubrique(page, "divers")
    page.locator("#f-remarque_generale").fill("Texte tapé pendant la sauvegarde d'un autre onglet")
    expect(page.locator("#save-error")).to_contain_text("modifié ailleurs")
    expect(page.locator("#f-remarque_generale")).to_have_value(
        "Texte tapé pendant la sauvegarde d'un autre onglet"
    )
    page.screenshot(path=f"{SHOTS}/form-echec-sauvegarde.png")
