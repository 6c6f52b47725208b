"""Form handlers called directly, as a crafted client could: only catalogue fields, only drafts,
only the acting company; a keystroke changes one field's vars."""

import json
import re

import pytest
import reflex as rx

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.domain.forms.examples import complete_answers
from soprano_app.domain.regimes import Regime
from soprano_app.models import Dossier
from soprano_app.services import auth, drafts
from soprano_app.state.form import FormState
from soprano_app.state.group_editor import GroupEditorState
from soprano_app.state.new_dossier import NewDossierState
from soprano_app.state.recapitulatif import RecapitulatifState
from soprano_app.state.rubriques import RUBRIQUE_STATES
from soprano_app.state.search import SearchState
from tests.fixtures import browse, login_token, redirect_target, substate
from tests.forms_support import CLAIRE, DURAND

pytestmark = pytest.mark.usefixtures("demo")


def operator_token() -> str:
    token = login_token("operateur@demo.fr")
    ctx = auth.resolve_session(token)
    assert ctx is not None
    auth.accept_cgu(ctx.user_id)
    return token


async def open_form(root: rx.State, regime: str = "PA") -> tuple[str, int, FormState]:
    token = operator_token()
    ctx = auth.resolve_session(token)
    assert ctx is not None
    dossier_id = drafts.create_draft(ctx, regime, type_entrepot="CW1", variante_pa="IM_EX")
    browse(root, f"/formulaire?dossier={dossier_id}", token)
    form = substate(root, FormState)
    await form.load()
    assert form.loaded and form.dossier_id == dossier_id
    return token, dossier_id, form


def stored_answers(dossier_id: int) -> dict:  # type: ignore[type-arg]
    with session_scope() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        return json.loads(dossier.answers)


async def test_new_dossier_flow_creates_a_prefilled_draft(root_state: rx.State) -> None:
    browse(root_state, "/nouveau-dossier", operator_token())
    new = substate(root_state, NewDossierState)
    await new.load()
    new.go_on()
    assert new.error.startswith("Choisissez le type")
    new.set_type_dossier("RP")
    new.go_on()
    new.set_regime("ED")
    assert redirect_target(await new.create()) is None and "type d'entrepôt" in new.error
    new.set_type_entrepot("CW2")
    target = redirect_target(await new.create())
    assert target is not None and re.fullmatch(r"/formulaire\?dossier=\d+", target)


async def test_load_fills_the_inputs_from_the_draft(root_state: rx.State) -> None:
    _token, _id, form = await open_form(root_state)
    demandeur = substate(root_state, RUBRIQUE_STATES["demandeur"])
    assert demandeur.v_dem_eori == "FR90012345600015"
    assert demandeur.v_regime == "Perfectionnement actif"  # read-only fields show labels
    assert "pa_conditions_eco" in form.shown and "at_cas" not in form.shown
    assert form.progress["demandeur"] == "en_cours"


async def test_a_keystroke_changes_only_that_field(root_state: rx.State) -> None:
    _token, _id, form = await open_form(root_state)
    demandeur = substate(root_state, RUBRIQUE_STATES["demandeur"])
    demandeur.dirty_vars.clear()
    form.dirty_vars.clear()
    event = await demandeur.set_field("contact_demande_telephone", "04 72")
    assert demandeur.dirty_vars == {"v_contact_demande_telephone", "e_contact_demande_telephone"}
    assert "Numéro invalide" in demandeur.e_contact_demande_telephone
    assert form._answers["contact_demande_telephone"] == "04 72"  # kept as typed
    assert event is not None  # the autosave
    await demandeur.set_field("contact_demande_telephone", "04 72 00 00 00")
    assert demandeur.e_contact_demande_telephone == ""


async def test_crafted_events_cannot_touch_system_or_unknown_fields(root_state: rx.State) -> None:
    _token, _id, form = await open_form(root_state)
    demandeur = substate(root_state, RUBRIQUE_STATES["demandeur"])
    for field_id in (
        "regime",
        "code_type_decision",
        "dem_etabli_ue",
        "statut",
        "mp_code_nc",
        "act_description",
    ):
        assert await demandeur.set_field(field_id, "AT") is None
    assert form._answers["regime"] == "PA" and "statut" not in form._answers
    assert "act_description" not in form._answers  # belongs to another rubrique


async def test_conditional_fields_follow_the_answers(root_state: rx.State) -> None:
    _token, _id, form = await open_form(root_state)
    specifiques = substate(root_state, RUBRIQUE_STATES["specifiques"])
    assert "pa_ex_im_delai" not in form.shown
    await specifiques.set_field("pa_ex_im", "oui")
    assert "pa_ex_im_delai" in form.shown and "pa_ex_im_delai" in form.required
    await specifiques.set_field("pa_ex_im", "non")
    assert "pa_ex_im_delai" not in form.shown


async def test_derived_values_update_their_display(root_state: rx.State) -> None:
    _token, _id, form = await open_form(root_state)
    demandeur = substate(root_state, RUBRIQUE_STATES["demandeur"])
    await demandeur.set_field("dem_eori", "CH123456789")
    assert form._answers["dem_etabli_ue"] == "non" and demandeur.v_dem_etabli_ue == "Non"


async def test_save_now_and_reload_bring_everything_back(root_state: rx.State) -> None:
    _token, dossier_id, form = await open_form(root_state)
    marchandises = substate(root_state, RUBRIQUE_STATES["marchandises"])
    await marchandises.set_field("act_description", "Soudage de bras de grue")
    await marchandises.toggle_choice("id_methodes", "1", True)
    await form.save_now()
    assert form.save_status.startswith("Enregistré à") and form.save_error == ""
    saved = stored_answers(dossier_id)
    assert saved["act_description"] == "Soudage de bras de grue" and saved["id_methodes"] == ["1"]
    marchandises.v_act_description = ""
    await form.load()
    assert marchandises.v_act_description == ""  # filled when the rubrique is opened, not before
    await form.show_rubrique("marchandises")
    assert marchandises.v_act_description == "Soudage de bras de grue" and marchandises.v_id_methodes == ["1"]


async def test_save_conflict_is_reported(root_state: rx.State) -> None:
    _token, dossier_id, form = await open_form(root_state)
    ctx = auth.resolve_session(login_token("operateur@demo.fr"))
    assert ctx is not None
    drafts.save_draft(ctx, dossier_id, stored_answers(dossier_id), form._version)  # another tab saved
    await form.save_now()
    assert "modifié ailleurs" in form.save_error


async def test_group_rows_are_checked_then_added_and_removed(root_state: rx.State) -> None:
    _token, _id, form = await open_form(root_state)
    editor = substate(root_state, GroupEditorState)
    marchandises = substate(root_state, RUBRIQUE_STATES["marchandises"])
    await editor.start("marchandises", -1)
    assert (
        editor.open
        and editor.values["mp_devise"] == "EUR"
        and set(editor.errors) >= {"mp_code_nc", "mp_valeur"}
    )
    await editor.set_value("mp_code_nc", "7208 51 20")
    assert editor.values["mp_unite"] == "KGM" and "laminés" in editor.infos["mp_code_nc"]
    assert editor.values["mp_annexe_71_02"] == "non"  # computed from the code, nothing to answer
    await editor.save()
    assert editor.open and editor.errors["mp_designation"].startswith("Renseignez")
    for field_id, value in (
        ("mp_designation", "Tôles"),
        ("mp_quantite", "1 200,5"),
        ("mp_valeur", "960 000"),
        ("mp_mesures_pc", "non"),
    ):
        await editor.set_value(field_id, value)
    await editor.save()
    assert not editor.open
    row = form._answers["marchandises"][0]
    assert row["mp_code_nc"] == "72085120" and row["mp_quantite"] == "1200.5" and row["_id"]
    assert marchandises.v_marchandises[0]["c0"].startswith("7208 51 20")
    await editor.start("produits", -1)
    assert editor.ref_options[0]["label"].startswith("Marchandise 1")
    editor.cancel()
    await editor.ask_delete("marchandises", 0)
    await editor.confirm_delete()
    assert form._answers["marchandises"] == [] and marchandises.v_marchandises == []
    await editor.start("marchandises", 7)  # no such row
    assert not editor.open
    await editor.start("not_a_group", -1)
    assert not editor.open


async def test_controler_lists_findings_and_marks_fields(root_state: rx.State) -> None:
    _token, _id, form = await open_form(root_state)
    await form.run_checks()
    assert form.checked and form.error_count > 0
    rubriques = [group["rubrique"] for group in form.summary]
    assert rubriques[0] == "demandeur" and "specifiques" in rubriques
    demandeur = substate(root_state, RUBRIQUE_STATES["demandeur"])
    assert demandeur.e_contact_demande_telephone.startswith("Renseignez « Téléphone »")
    item = form.summary[0]["items"][0]
    assert item["target"].startswith("f-") or item["target"].startswith("g-")
    await form.go_to("comptabilite", "f-cpt_type")
    assert form.current == "comptabilite"


async def test_the_form_fills_a_rubrique_when_it_is_first_opened(root_state: rx.State) -> None:
    token, dossier_id, form = await open_form(root_state)
    ctx = auth.resolve_session(token)
    assert ctx is not None
    drafts.save_draft(ctx, dossier_id, {**stored_answers(dossier_id), "pa_ex_im": "oui"}, form._version)
    await form.load()
    assert form._filled == ["demandeur"]
    specifiques = substate(root_state, RUBRIQUE_STATES["specifiques"])
    assert specifiques.v_pa_ex_im == ""
    await form.show_rubrique("specifiques")
    assert form._filled == ["demandeur", "specifiques"] and specifiques.v_pa_ex_im == "oui"
    await form.show_rubrique("not-a-rubrique")
    assert form.current == "specifiques" and form._filled == ["demandeur", "specifiques"]


async def test_another_draft_in_the_same_tab_starts_with_empty_inputs(root_state: rx.State) -> None:
    token, _id, form = await open_form(root_state)
    marchandises = substate(root_state, RUBRIQUE_STATES["marchandises"])
    await form.show_rubrique("marchandises")
    await marchandises.set_field("act_description", "Soudage")
    ctx = auth.resolve_session(token)
    assert ctx is not None
    other = drafts.create_draft(ctx, "PA", variante_pa="IM_EX")
    browse(root_state, f"/formulaire?dossier={other}", token)
    await form.load()
    assert form.dossier_id == other and marchandises.v_act_description == ""


async def test_search_fills_the_field(root_state: rx.State) -> None:
    _token, _id, _form = await open_form(root_state)
    search = substate(root_state, SearchState)
    search.start("bur_controle", False)
    search.set_query("Lyon St")
    assert search.results and search.results[0]["code"] == "FR002650"
    event = search.choose("FR002650")
    assert event is not None and not search.open
    assert search.choose("XX000000") is None  # not among the results


async def test_recap_and_submission(root_state: rx.State) -> None:
    token, dossier_id, form = await open_form(root_state)
    ctx = auth.resolve_session(token)
    assert ctx is not None
    answers = complete_answers(Regime.PA, DURAND, CLAIRE, app_clock.today())
    answers.pop("val_attestation")
    drafts.save_draft(ctx, dossier_id, answers, form._version)
    browse(root_state, f"/dossiers/{dossier_id}/recapitulatif", token)
    recap = substate(root_state, RecapitulatifState)
    await recap.load()
    assert recap.error_count == 0 and recap.rubriques[0]["label"] == "Demandeur"
    assert await recap.submit() is None and "Cochez l'attestation" in recap.message
    recap.set_attested(True)
    target = redirect_target(await recap.submit())
    assert target == f"/dossiers/{dossier_id}/confirmation"
    with session_scope() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None and dossier.statut == "DEPOSEE"
    # The form of a submitted dossier cannot be opened any more.
    browse(root_state, f"/formulaire?dossier={dossier_id}", token)
    assert redirect_target(await form.load()) == f"/dossiers/{dossier_id}"


async def test_links_of_earlier_releases_lead_to_the_form(root_state: rx.State) -> None:
    browse(root_state, "/dossiers/42/formulaire?rubrique=divers", operator_token())
    form = substate(root_state, FormState)
    assert redirect_target(form.follow_old_link()) == "/formulaire?dossier=42&rubrique=divers"
    browse(root_state, "/dossiers/42/formulaire?rubrique=<script>", operator_token())
    assert redirect_target(form.follow_old_link()) == "/formulaire?dossier=42"


async def test_goods_are_imported_from_a_file_in_one_change(root_state: rx.State) -> None:
    import io
    from pathlib import Path

    from soprano_app import middleware
    from soprano_app.domain.forms.goods_import import headers
    from soprano_app.domain.spreadsheets import xlsx_bytes
    from soprano_app.state.goods_import import GoodsImportState

    _token, dossier_id, form = await open_form(root_state)
    importer = substate(root_state, GoodsImportState)
    good = ["84571010", "Centre d'usinage", "2", "p/st", "150000", "EUR", "non", "non", "", "DE", ""]
    bad = ["12", "", "-1", "", "", "", "", "", "", "", ""]
    data = xlsx_bytes("Marchandises", headers(), [good, bad, good])
    upload = rx.UploadFile(file=io.BytesIO(data), path=Path("marchandises.xlsx"))
    assert [s async for s in importer.read_file([upload])] == []  # not opened: nothing read
    assert importer.import_lines == []
    await importer.open_import()
    middleware._upload_sessions.clear()  # no upload request carried this tab's session yet
    upload = rx.UploadFile(file=io.BytesIO(data), path=Path("marchandises.xlsx"))
    _ = [s async for s in importer.read_file([upload])]
    assert importer.import_error.startswith("Envoi refusé") and importer.import_lines == []
    ctx = auth.resolve_session(_token)  # the upload request of this tab carried its session
    assert ctx is not None
    middleware.remember_upload_session(root_state.router.session.client_token, ctx.session_id)
    upload = rx.UploadFile(file=io.BytesIO(data), path=Path("marchandises.xlsx"))
    _ = [s async for s in importer.read_file([upload])]
    assert (importer.import_good, importer.import_bad) == (2, 1)
    assert [line["ok"] for line in importer.import_lines] == ["true", "false", "true"]
    before = len(form._answers.get("marchandises", []))
    change = form._change
    await importer.add_lines()
    assert len(form._answers["marchandises"]) == before + 2 and form._change == change + 1
    assert not importer.import_open and await importer.add_lines() is None  # nothing left to add
    with session_scope() as db:
        assert db.get(Dossier, dossier_id) is not None
