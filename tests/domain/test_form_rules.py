"""Cross-field checks of spec §1.8, one test per rule, with the legal article in the message."""

import copy

from soprano_app.domain.forms.engine import Severity
from soprano_app.domain.regimes import Regime
from tests.forms_support import complete, ctx, findings, messages

PA, PP, AT, ED, DP = Regime.PA, Regime.PP, Regime.AT, Regime.ED, Regime.DP


def test_rule_2_prior_export_and_import_need_equivalent_goods() -> None:
    pa = messages(PA, complete(PA, pa_ex_im="oui", pa_ex_im_delai="6"))
    assert any("équivalentes a été demandée (art. 223" in m for m in pa["pa_ex_im"])
    pp = messages(PP, complete(PP, pp_im_ex="oui", pp_im_ex_date="2027-06-01", pp_im_ex_infos="x"))
    assert any("art. 223" in m for m in pp["pp_im_ex"])


def equivalent(answers: dict, code: str) -> dict:  # type: ignore[type-arg]
    answers = copy.deepcopy(answers)
    answers["eq_demande"] = "oui"
    answers["eq_modalites"] = "Stocks distincts suivis dans l'ERP."
    answers["eq_lignes"] = [
        {
            "_id": "e1",
            "eq_code_nc": code,
            "eq_designation": "Tôles de l'Union",
            "eq_qualite": "S355",
            "eq_caracteristiques": "Épaisseur 20 mm",
            "eq_marchandise_remplacee": "m1",
        }
    ]
    return answers


def test_rule_3_equivalent_goods_have_the_same_8_digit_code() -> None:
    base = complete(PA, pa_ex_im="oui", pa_ex_im_delai="6")
    assert [f for f in findings(PA, equivalent(base, "72085120")) if f.blocking] == []
    wrong = messages(PA, equivalent(base, "72085190"))
    assert any("même code NC à 8 chiffres" in m for m in wrong["eq_code_nc"])
    short = equivalent(base, "72085120")
    short["marchandises"][0]["mp_code_nc"] = "7208"
    assert any("Code NC à 8 chiffres obligatoire" in m for m in messages(PA, short)["mp_code_nc"])


def test_rule_4_annex_71_02_goods() -> None:
    answers = complete(PA, duree_validite="48", pa_conditions_eco=["01"])
    for row in answers["marchandises"]:
        row["mp_annexe_71_02"] = "oui"
    found = messages(PA, answers)
    assert any("36 mois au maximum" in m and "art. 173 RDC" in m for m in found["duree_validite"])
    assert any(
        "toutes les marchandises à placer relèvent de l'annexe 71-02" in m for m in found["pa_conditions_eco"]
    )
    # A mixed application (one listed line, one other): 01 covers the other goods, 06 the listed ones.
    mixed_goods = complete(PA, pa_conditions_eco=["01", "06"], pa_conditions_eco_justif="Devis refusés.")
    mixed_goods["marchandises"][0]["mp_annexe_71_02"] = "oui"
    assert "pa_conditions_eco" not in messages(PA, mixed_goods)
    mixed_goods["pa_conditions_eco"] = ["06"]
    assert any("hors annexe 71-02" in m for m in messages(PA, mixed_goods)["pa_conditions_eco"])
    mixed_goods["pa_conditions_eco"] = ["01"]
    assert any("ajoutez un code 06 à 09" in m for m in messages(PA, mixed_goods)["pa_conditions_eco"])
    mixed_goods["pa_conditions_eco"] = ["02"]  # repair: any goods
    assert "pa_conditions_eco" not in messages(PA, mixed_goods)
    only = messages(PA, complete(PA, pa_conditions_eco=["06"], pa_conditions_eco_justif="Devis refusés."))
    assert any("réservé(s) aux marchandises de l'annexe 71-02" in m for m in only["pa_conditions_eco"])
    mixed = messages(PA, complete(PA, pa_conditions_eco=["aucun", "02"], pa_conditions_eco_justif="x"))
    assert any("« Aucun code »" in m for m in mixed["pa_conditions_eco"])
    code_22 = complete(PA, pa_conditions_eco=["22"], pa_conditions_eco_justif="Valeur annuelle 90 000 EUR.")
    code_22["marchandises"][1]["mp_code_nc"] = "7318"
    assert any("code de conditions économiques 22" in m for m in messages(PA, code_22)["mp_code_nc"])


def test_rule_5_a_main_processed_product() -> None:
    answers = complete(PA)
    answers["produits"][0]["pt_categorie"] = "secondaire"
    assert messages(PA, answers)["produits"] == ["Indiquez au moins un produit transformé principal."]
    answers["produits"][0]["pt_categorie"] = "principal"
    answers["produits"][0]["pt_marchandises"] = []
    assert "pt_marchandises" in messages(PA, answers)


def test_rule_6_standard_exchange_needs_a_replacement_product_with_8_digits() -> None:
    found = messages(PP, complete(PP, pp_es_sans_import="oui"))
    assert "pp_es_sans_import_produits" in found
    answers = complete(
        PP,
        pp_es_sans_import="oui",
        pp_es_sans_import_produits=[{"_id": "r1", "pps_code_nc": "8412", "pps_designation": "Vérin neuf"}],
    )
    found = messages(PP, answers)
    assert any("8 chiffres" in m for m in found["pps_code_nc"])
    answers["marchandises"][0]["mp_code_nc"] = "8412"
    assert any("échanges standard" in m and "art. 261" in m for m in messages(PP, answers)["mp_code_nc"])


def test_rule_7_temporary_admission_period_and_relief() -> None:
    too_long = messages(AT, complete(AT, delai_apurement="30"))
    assert any("24 mois au maximum (art. 251" in m for m in too_long["delai_apurement"])
    in_days = messages(AT, complete(AT, delai_apurement="800", delai_apurement_unite="jours"))
    assert "delai_apurement" in in_days
    # Calendar months, not 30-day blocks (730 / 30 > 24): 731 days from 1 March 2027 (29 February 2028
    # in between) reach 1 March 2029, exactly 24 months; 732 days go past it.
    leap = {"delai_apurement_unite": "jours", "date_effet": "2027-03-01"}
    assert "delai_apurement" not in messages(AT, complete(AT, delai_apurement="730", **leap))
    assert "delai_apurement" not in messages(AT, complete(AT, delai_apurement="731", **leap))
    assert "delai_apurement" in messages(AT, complete(AT, delai_apurement="732", **leap))
    assert "delai_apurement" not in messages(AT, complete(AT, delai_apurement="24"))
    d20 = complete(AT, at_cas="D20", at_sans_but_lucratif="oui", delai_apurement="9")
    assert any(
        "Pour le cas D20, le délai d'apurement est de 6 mois" in m
        for m in messages(AT, d20)["delai_apurement"]
    )
    relief = messages(AT, complete(AT, at_exoneration="partielle"))
    assert any("D30" in m for m in relief["at_exoneration"])
    assert "at_exoneration" not in messages(AT, complete(AT, at_cas="D30", at_exoneration="partielle"))


def test_rule_8_one_storage_facility_unless_private_without_approval() -> None:
    answers = complete(ED)
    answers["ed_installations"] = answers["ed_installations"] * 2
    assert "ed_installations" in messages(ED, answers)
    assert "ed_installations" not in messages(ED, answers, type_entrepot="CWP_NON_AGREE")


def test_rule_9_end_use_unit_is_one_of_the_goods_units() -> None:
    assert any(
        "même unité de mesure" in m
        for m in messages(DP, complete(DP, dp_unite_mesure="KGM"))["dp_unite_mesure"]
    )
    assert "dp_unite_mesure" not in messages(DP, complete(DP))


def test_rule_10_start_date_and_duration() -> None:
    past = messages(AT, complete(AT, date_effet="2026-01-01"))
    assert any("antérieure à la date de dépôt" in m for m in past["date_effet"])
    retro = complete(
        AT,
        date_effet="2026-01-01",
        retroactif="oui",
        retroactif_date="2026-01-01",
        retroactif_motif="Matériel déjà utilisé depuis janvier.",
        retroactif_conditions=["a", "b", "c", "d", "e", "f"],
    )
    assert "date_effet" not in messages(AT, retro)
    assert "duree_validite" in messages(AT, complete(AT, duree_validite="61"))


def test_rule_11_offices_outside_france_warn() -> None:
    found = [f for f in findings(PA, complete(PA, bur_controle="DE004100")) if f.field_id == "bur_controle"]
    assert found and all(f.severity is Severity.AVERTISSEMENT for f in found)
    assert not [
        f
        for f in findings(
            PA, complete(PA, bur_controle="DE004100", validite_geo_ue="oui", validite_geo_etats=["FR", "DE"])
        )
        if f.field_id == "bur_controle" and "hors de France" in f.message
    ]


def test_rule_12_establishment_in_the_union_is_a_warning_except_for_at() -> None:
    foreign = {"dem_eori": "CH123456789", "dem_siret": ""}
    pa = [f for f in findings(PA, complete(PA, **foreign)) if f.field_id == "dem_etabli_ue"]
    assert pa and pa[0].severity is Severity.AVERTISSEMENT and "art. 211" in pa[0].message
    assert not [f for f in findings(AT, complete(AT, **foreign)) if f.field_id == "dem_etabli_ue"]


def test_rule_13_the_representatives_mandate_must_be_attached() -> None:
    found = [f for f in findings(PA, complete(PA, rep_present="oui")) if f.field_id == "rep_mandat"]
    assert found and found[0].blocking
    assert found[0].message.startswith("Joignez « Mandat de représentation » : obligatoire si la demande")
    with_mandate = findings(PA, complete(PA, rep_present="oui"), attachment_types=frozenset({"mandat"}))
    assert not [f for f in with_mandate if f.field_id == "rep_mandat"]


def test_documents_called_for_by_the_application() -> None:
    contract = [
        f for f in findings(PA, complete(PA, pa_conditions_eco=["03"])) if f.field_id == "pieces_jointes"
    ]
    assert any(f.blocking and "Contrat" in f.message for f in contract)
    recommended = [f for f in findings(ED, complete(ED)) if f.field_id == "pieces_jointes"]
    assert recommended and not any(f.blocking for f in recommended)
    assert any("Plan des locaux" in f.message for f in recommended)
    attached = findings(ED, complete(ED), attachment_types=frozenset({"plan", "procedure_ecritures"}))
    assert not [f for f in attached if f.field_id == "pieces_jointes"]


def test_rule_14_unknown_cn_codes_warn() -> None:
    answers = complete(AT)
    answers["marchandises"][0]["mp_code_nc"] = "84579999"
    found = [f for f in findings(AT, answers) if f.field_id == "mp_code_nc"]
    assert found[0].severity is Severity.AVERTISSEMENT


def test_removed_goods_lines_leave_no_dangling_reference() -> None:
    answers = complete(PA)
    answers["marchandises"] = answers["marchandises"][:1]
    assert any("supprimée" in m for m in messages(PA, answers)["pt_marchandises"])


def test_findings_are_grouped_by_rubrique_in_form_order() -> None:
    answers = complete(PA, contact_demande_courriel="x", act_description="", val_lieu="")
    order = [f.rubrique.value for f in findings(PA, answers)]
    assert order == sorted(
        order, key=["demandeur", "comptabilite", "marchandises", "divers", "specifiques", "validation"].index
    )
    assert ctx(PA).regime is PA
