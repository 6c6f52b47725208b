"""Per-kind checks of one answer (spec §0.3)."""

from decimal import Decimal

import pytest

from soprano_app.domain.catalogue import CATALOGUE
from soprano_app.domain.forms.values import check_value, format_number, is_sans_objet, parse_date

F = CATALOGUE.field


@pytest.mark.parametrize(
    ("field_id", "raw", "stored"),
    [
        ("dem_eori", " fr 900 123 456 00015 ", "FR90012345600015"),
        ("dem_siret", "900 123 456 00015", "90012345600015"),
        ("date_effet", "13/03/2027", "2027-03-13"),
        ("date_effet", "2027-03-13", "2027-03-13"),
        ("duree_validite", "36", "36"),
        ("contact_demande_courriel", "Claire.Durand@Exemple.FR", "Claire.Durand@exemple.fr"),
        ("contact_demande_telephone", "+33 4 72 00 00 00", "+33 4 72 00 00 00"),
        ("bur_controle", "fr002650", "FR002650"),
        ("rep_present", "OUI", "oui"),
        ("dem_adresse_code_postal", "69007", "69007"),
    ],
)
def test_valid_values_are_stored_in_canonical_form(field_id: str, raw: str, stored: str) -> None:
    checked = check_value(F(field_id), raw, {})
    assert checked.ok and checked.value == stored


@pytest.mark.parametrize(
    ("field_id", "raw", "message"),
    [
        ("dem_eori", "XX", "Format EORI invalide"),
        ("date_effet", "31/02/2027", "Date invalide : saisissez une date au format JJ/MM/AAAA."),
        ("date_effet", "demain", "JJ/MM/AAAA"),
        ("duree_validite", "3,5", "Saisissez un nombre entier"),
        ("duree_validite", "72", "ne peut pas dépasser 60"),
        ("contact_demande_courriel", "claire@", "Adresse électronique invalide"),
        ("contact_demande_telephone", "abc", "Numéro invalide"),
        ("bur_controle", "FR12", "Code de bureau invalide"),
        ("rep_present", "peut-être", "Répondez « Oui » ou « Non »."),
        ("dem_adresse_code_postal", "6900", "Le code postal français comporte 5 chiffres."),
        ("dem_raison_sociale", "x" * 71, "70 caractères au maximum (actuellement 71)."),
        ("cpt_type", "cloud", "Choisissez une valeur de la liste."),
    ],
)
def test_invalid_values_keep_what_was_typed_and_explain(field_id: str, raw: str, message: str) -> None:
    checked = check_value(F(field_id), raw, {})
    assert message in checked.error
    assert checked.value not in ("", None)  # nothing typed is lost


def test_numbers_in_french() -> None:
    quantity = CATALOGUE.field("mp_quantite")
    assert check_value(quantity, "1 234,5", {}).value == "1234.5"
    assert check_value(quantity, "1\u202f234,500", {}).value == "1234.5"
    assert check_value(quantity, "0", {}).error == "La valeur doit être supérieure à 0."
    assert check_value(quantity, "1,2345", {}).error == "3 décimales au maximum."
    assert check_value(quantity, "1.234,5", {}).error.startswith("Saisissez un nombre")
    assert format_number("1234567.5") == "1\u202f234\u202f567,5"
    assert CATALOGUE.field("mp_valeur").decimals == 2
    assert CATALOGUE.field("ed_taux_perte_valeur").maximum == Decimal(100)


def test_cn_codes_are_checked_against_the_2025_nomenclature() -> None:
    code = CATALOGUE.field("mp_code_nc")
    known = check_value(code, "8457 10 10", {})
    assert known.ok and known.value == "84571010" and "Centres d'usinage" in known.info
    assert check_value(code, "84AB", {}).error.startswith("Le code NC ne comporte que des chiffres")
    assert "4 ou 6 ou 8 ou 10 chiffres" in check_value(code, "845", {}).error
    unknown = check_value(code, "99999999", {})
    assert unknown.ok and unknown.warning == "Code absent de la nomenclature combinée 2025 : vérifiez-le."
    assert "8 chiffres" in check_value(CATALOGUE.field("eq_code_nc"), "8457", {}).error
    heading = check_value(code, "8457", {})  # a heading, allowed for PA: its description is shown
    assert heading.ok and heading.info.startswith("Centres d'usinage, machines à poste fixe")


def test_offices_are_checked_against_the_office_list() -> None:
    office = CATALOGUE.field("bur_controle")
    assert check_value(office, "FR000690", {}).info == "Brest bureau"
    assert "absent de la liste" in check_value(office, "FR999999", {}).warning


def test_postcode_depends_on_the_country() -> None:
    postcode = CATALOGUE.field("at_proprietaire_adresse_code_postal")
    assert check_value(postcode, "8001", {"at_proprietaire_adresse_pays": "CH"}).ok
    assert not check_value(postcode, "8001", {"at_proprietaire_adresse_pays": "FR"}).ok
    inst = CATALOGUE.field("inst_adresse_code_postal")
    assert check_value(inst, "1000", {"inst_pays": "BE"}).ok


def test_countries_outside_the_union_where_required() -> None:
    country = CATALOGUE.field("ppt_pays")
    assert check_value(country, "CH", {}).ok
    assert check_value(country, "DE", {}).error == "Le pays doit être situé hors de l'Union européenne."


def test_sans_objet_is_an_explicit_answer() -> None:
    field = CATALOGUE.field("mp_infos_complementaires")
    assert field.sans_objet
    for spelling in ("S.O.", "s. o.", "SO", "sans objet"):
        assert is_sans_objet(spelling)
        assert check_value(field, spelling, {}).value == "S.O."
    assert check_value(CATALOGUE.field("dpls_code_postal"), "S.O.", {"dpls_pays": "FR"}).ok


def test_multiple_choices_and_references() -> None:
    codes = CATALOGUE.field("pa_conditions_eco")
    assert check_value(codes, ["01", "01", "03"], {}).value == ["01", "03"]
    assert check_value(codes, ["99"], {}).error == "Choisissez des valeurs de la liste."
    refs = CATALOGUE.field("pt_marchandises")
    assert check_value(refs, ["m1"], {}, row_ids=["m1", "m2"]).ok
    assert not check_value(refs, ["zz"], {}, row_ids=["m1"]).ok


def test_dates() -> None:
    assert parse_date("29/02/2028") is not None
    assert parse_date("29/02/2027") is None
    assert parse_date("01/01/1850") is None


def test_dates_are_displayed_in_french_even_when_computed() -> None:
    from soprano_app.domain.forms.display import display_value

    assert display_value(CATALOGUE.field("val_date"), "2026-11-27", {}) == "27/11/2026"
    assert display_value(CATALOGUE.field("date_effet"), "2027-01-11", {}) == "11/01/2027"


def test_a_heading_or_subheading_shows_its_description() -> None:
    from soprano_app.domain import reference

    assert reference.cn_label("7208") == (
        "Produits laminés plats, en fer ou en aciers non alliés, d'une largeur de 600 mm ou plus, "
        "laminés à chaud, non plaqués ni revêtus"
    )
    assert reference.cn_label("720851").startswith(reference.cn_label("7208") + " > autres, non enroulés")
    assert reference.cn_label("9999") == ""
