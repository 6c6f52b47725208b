"""Visibility, obligations, prefill, pruning and progress, for the five regimes."""

import pytest

from soprano_app.domain.catalogue.model import Rubrique
from soprano_app.domain.forms import Progress, rubrique_progress, submitted_answers
from soprano_app.domain.forms.engine import required_ids, sanitize, visible_ids
from soprano_app.domain.forms.prefill import derive, initial_answers, new_row
from soprano_app.domain.regimes import Regime
from tests.forms_support import CLAIRE, DURAND, MARC, complete, ctx, findings, messages


@pytest.mark.parametrize("regime", list(Regime))
def test_complete_examples_pass_every_check(regime: Regime) -> None:
    assert [f for f in findings(regime, complete(regime)) if f.blocking] == []
    recommended = frozenset({"procede", "plan", "procedure_ecritures"})
    assert findings(regime, complete(regime), attachment_types=recommended) == []


def test_fields_of_other_regimes_are_neither_shown_nor_checked() -> None:
    pa = visible_ids(complete(Regime.PA), ctx(Regime.PA))
    at = visible_ids(complete(Regime.AT), ctx(Regime.AT))
    assert "pa_conditions_eco" in pa and "pa_conditions_eco" not in at
    assert "at_cas" in at and "at_cas" not in pa
    assert "eq_demande" not in at  # equivalence is not offered for AT
    assert "duree_validite" not in visible_ids(complete(Regime.ED), ctx(Regime.ED))


def test_conditional_fields_appear_and_disappear() -> None:
    answers = complete(Regime.PA)
    assert "pa_ex_im_delai" not in visible_ids(answers, ctx(Regime.PA))
    answers["pa_ex_im"] = "oui"
    assert "pa_ex_im_delai" in visible_ids(answers, ctx(Regime.PA))
    assert "pa_ex_im_delai" in required_ids(answers, ctx(Regime.PA))
    assert "eq_lignes" not in visible_ids(answers, ctx(Regime.PA))
    answers["eq_demande"] = "oui"
    assert {"eq_lignes", "eq_modalites"} <= required_ids(answers, ctx(Regime.PA))


def test_required_markers_follow_the_regime() -> None:
    assert "ecr_description" in required_ids(complete(Regime.PA), ctx(Regime.PA))
    assert "ecr_description" not in required_ids(complete(Regime.AT), ctx(Regime.AT))
    assert "dem_siret" in required_ids(complete(Regime.AT), ctx(Regime.AT))  # French EORI
    assert "dem_siret" not in required_ids(complete(Regime.AT, dem_eori="DE123456789"), ctx(Regime.AT))


def test_missing_answers_name_the_field_and_the_condition() -> None:
    found = messages(Regime.PA, complete(Regime.PA, pa_ex_im="oui", eq_demande="oui"))
    assert found["pa_ex_im_delai"] == [
        "Renseignez « Période pour déclarer les marchandises non UE (en mois) » : obligatoire si vous avez répondu Oui."
    ] or found["pa_ex_im_delai"][0].startswith("Renseignez « Période pour déclarer")
    assert found["eq_lignes"][0].startswith("Ajoutez au moins une ligne")


def test_optional_block_must_be_completed_once_started() -> None:
    answers = complete(Regime.DP, resp_douane_nom="Martin")
    found = messages(Regime.DP, answers)
    assert "resp_douane_telephone" in found and "resp_douane_courriel" in found
    assert "resp_douane_fax" not in found


def test_rows_are_checked_line_by_line() -> None:
    answers = complete(Regime.PA)
    answers["marchandises"][1]["mp_quantite"] = "-3"
    answers["marchandises"][1]["mp_designation"] = ""
    rows = [f for f in findings(Regime.PA, answers) if f.target == "g-marchandises-row-1"]
    assert {f.field_id for f in rows} == {"mp_quantite", "mp_designation"}
    assert rows[0].label.startswith("Marchandise 2 — ")


def test_hidden_answers_are_not_submitted() -> None:
    answers = complete(Regime.PA, pa_ex_im="non", pa_ex_im_delai="6", at_cas="D01")
    kept = submitted_answers(answers, ctx(Regime.PA))
    assert "pa_ex_im_delai" not in kept and "at_cas" not in kept
    assert kept["marchandises"][0]["mp_code_nc"] == "72085120"


def test_prefill_from_the_company_and_the_representative() -> None:
    answers = initial_answers(Regime.PA, DURAND, CLAIRE, variante_pa="IM_EX")
    assert answers["dem_eori"] == "FR90012345600015" and answers["dem_adresse_ville"] == "Lyon"
    assert answers["rep_present"] == "non" and "rep_nom" not in answers
    assert answers["code_type_decision"] == "IPO" and answers["dem_etabli_ue"] == "oui"
    assert answers["contact_demande_courriel"] == "operateur@demo.fr"
    rep = initial_answers(Regime.ED, DURAND, MARC, type_entrepot="CW1")
    assert rep["rep_present"] == "oui" and rep["rep_nom"] == "Rhône Transit Services SARL"
    assert rep["rep_eori"] == "FR90045678100013" and rep["code_type_decision"] == "CW1"
    assert rep["operateur_represente"].startswith("Ateliers Durand SAS")
    assert rep["ed_installations"][0]["inst_ref_douane"] == "S.O."


def test_dp_places_get_the_guides_interim_values() -> None:
    answers = initial_answers(Regime.DP, DURAND, CLAIRE)
    assert answers["dp_premier_lieu_qualification"] == "Z" and answers["dp_premier_lieu_type"] == "D"
    assert (
        answers["dp_premier_lieu_identification"] == "S.O."
        and answers["dp_premier_lieu_nom"] == "Ateliers Durand SAS"
    )
    secondary = answers["dp_lieu_secondaire"][0]
    assert secondary["dpls_pays"] == "FR" and secondary["dpls_ville"] == "S.O."


def test_derived_values() -> None:
    answers = derive(
        {"dem_eori": "CH123456789", "validite_geo_ue": "oui", "validite_geo_etats": ["DE"]}, Regime.AT
    )
    assert answers["dem_etabli_ue"] == "non" and answers["validite_geo_etats"] == ["FR", "DE"]
    goods = derive({"marchandises": [{"_id": "a", "mp_code_nc": "22071000"}]}, Regime.PA)["marchandises"][0]
    assert goods["mp_annexe_71_02"] == "oui" and goods["mp_unite"] == "LTR"


def test_the_annex_71_02_answer_is_computed_whenever_the_code_decides() -> None:
    from soprano_app.domain import reference

    def flag(code: str, declared: str = "") -> str:
        row = {"_id": "a", "mp_code_nc": code, "mp_annexe_71_02": declared}
        return str(derive({"marchandises": [row]}, Regime.PA)["marchandises"][0]["mp_annexe_71_02"])

    assert flag("84713000") == "non" and flag("84713000", "oui") == "non"  # 8 digits: computed
    assert flag("22072000", "non") == "oui"
    assert flag("8471") == "non"  # a heading without listed goods: computed too
    assert flag("2207") == "" and flag("2207", "oui") == "oui"  # covers both: the operator says
    assert all(reference.cn_label(code) for code in reference.annex_71_02_prefixes() if len(code) == 8)
    assert new_row("marchandises", {})["mp_devise"] == "EUR"


def test_sanitize_keeps_only_catalogue_answers() -> None:
    dirty = {
        "dem_eori": "FR1",
        "statut": "ACCORDEE",
        "mp_code_nc": "1234",  # a column, not a top-level answer
        "marchandises": [{"_id": "a", "mp_code_nc": "1234", "evil": "x"}, "nope"],
        "pa_conditions_eco": "01",
        "dem_raison_sociale": "x" * 20_000,
    }
    clean = sanitize(dirty)
    assert set(clean) == {"dem_eori", "marchandises", "pa_conditions_eco", "dem_raison_sociale"}
    assert clean["marchandises"] == [{"_id": "a", "mp_code_nc": "1234"}]
    assert clean["pa_conditions_eco"] == [] and len(clean["dem_raison_sociale"]) == 10_000


def test_rubrique_progress() -> None:
    fresh = initial_answers(Regime.PA, DURAND, CLAIRE, variante_pa="IM_EX")
    progress = rubrique_progress(fresh, ctx(Regime.PA), findings(Regime.PA, fresh))
    assert progress[Rubrique.DEMANDEUR] is Progress.EN_COURS  # prefilled, telephone missing
    assert progress[Rubrique.COMPTABILITE] is Progress.NON_COMMENCEE
    answers = complete(Regime.PA, contact_demande_courriel="pas-une-adresse")
    done = rubrique_progress(answers, ctx(Regime.PA), findings(Regime.PA, answers))
    assert done[Rubrique.DEMANDEUR] is Progress.A_CORRIGER
    assert done[Rubrique.MARCHANDISES] is Progress.COMPLETE


def test_nested_blocks_are_shown_with_their_parent() -> None:
    answers = complete(Regime.AT, at_proprietaire_identique="non")
    shown = visible_ids(answers, ctx(Regime.AT))
    assert {"at_proprietaire", "at_proprietaire_adresse", "at_premier_lieu_description"} <= shown
    hidden = complete(Regime.AT, at_proprietaire_identique="oui")
    assert "at_proprietaire_adresse" not in visible_ids(hidden, ctx(Regime.AT))


@pytest.mark.parametrize("regime", list(Regime))
def test_visibility_is_recomputed_only_when_it_may_change(regime: Regime) -> None:
    """``affects_visibility`` lets a keystroke skip the whole catalogue's walk: whenever it says no,
    the visible and mandatory fields are indeed the same, for every answer changed one at a time."""
    from soprano_app.domain.catalogue import CATALOGUE
    from soprano_app.domain.catalogue.model import Kind
    from soprano_app.domain.forms.engine import affects_visibility

    base = complete(regime)
    context = ctx(regime)
    shown, marked = visible_ids(base, context), required_ids(base, context)
    skipped = 0
    for field in CATALOGUE.all_fields():
        if CATALOGUE.group_of(field.id) is not None or field.kind is Kind.COMPUTED:
            continue
        for value in ("", "x", "oui", "non", "1", "2", "FR", base.get(field.id, "") or "y"):
            changed = {**base, field.id: value}
            if not affects_visibility(base, changed):
                skipped += 1
                assert visible_ids(changed, context) == shown, field.id
                assert required_ids(changed, context) == marked, field.id
    assert skipped > 100  # free text fields being typed in


def test_typing_in_a_filled_text_field_does_not_touch_visibility() -> None:
    from soprano_app.domain.forms.engine import affects_visibility

    answers = complete(Regime.PA)
    assert not affects_visibility(answers, {**answers, "contact_demande_telephone": "04 72 00 00 01"})
    assert affects_visibility(answers, {**answers, "pa_ex_im": "oui"})  # a condition reads it
    assert affects_visibility({**answers, "contact_demande_fax": ""}, {**answers, "contact_demande_fax": "0"})
