"""Creating, saving and submitting an application (spec §3.3 transitions 1–3)."""

import json

import pytest
from sqlmodel import select

from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.domain.forms.examples import complete_answers
from soprano_app.domain.regimes import Regime
from soprano_app.models import Attachment, ChainLink, CustomsService, Dossier, DossierEvent
from soprano_app.services import attachments, auth, drafts
from soprano_app.services.access import AccessDenied
from soprano_app.services.attachments import IncomingFile
from soprano_app.services.auth import SessionContext
from soprano_app.services.storage import storage
from tests import files
from tests.fixtures import ctx_of, filed_application, login_token, representative_for
from tests.forms_support import CLAIRE, DURAND

pytestmark = pytest.mark.usefixtures("demo")


def operator() -> SessionContext:
    ctx = auth.resolve_session(login_token("operateur@demo.fr"))
    assert ctx is not None
    return ctx


def stored(dossier_id: int) -> Dossier:
    with session_scope() as db:
        dossier = db.get(Dossier, dossier_id)
        assert dossier is not None
        return dossier


def test_create_prefills_from_the_company() -> None:
    dossier_id = drafts.create_draft(operator(), "PA", variante_pa="IM_EX")
    data = drafts.load_form(operator(), dossier_id)
    assert data is not None and data.editable and data.regime is Regime.PA
    assert data.answers["dem_raison_sociale"] == "Ateliers Durand SAS"
    assert data.answers["code_type_decision"] == "IPO"


def test_create_refuses_incomplete_choices() -> None:
    with pytest.raises(drafts.DraftError, match="type d'entrepôt"):
        drafts.create_draft(operator(), "ED")
    with pytest.raises(drafts.DraftError, match="régime"):
        drafts.create_draft(operator(), "XX")


def test_representative_files_for_the_represented_company() -> None:
    ctx = representative_for("90023456800013")
    dossier_id = drafts.create_draft(ctx, "AT")
    data = drafts.load_form(ctx, dossier_id)
    assert data is not None and data.is_representative
    assert data.answers["dem_raison_sociale"] == "Verrerie du Nord SA"
    assert data.answers["rep_present"] == "oui" and data.answers["rep_nom"] == "Rhône Transit Services SARL"
    assert drafts.load_form(operator(), dossier_id) is None  # another company


def test_save_keeps_errors_but_not_foreign_keys_or_system_fields() -> None:
    ctx = operator()
    dossier_id = drafts.create_draft(ctx, "PA", variante_pa="IM_EX")
    data = drafts.load_form(ctx, dossier_id)
    assert data is not None
    answers = dict(data.answers)
    answers |= {"dem_eori": "pas un EORI", "regime": "AT", "code_type_decision": "TEA", "statut": "ACCORDEE"}
    result = drafts.save_draft(ctx, dossier_id, answers, data.version)
    assert result.ok and result.version == data.version + 1 and result.saved_at
    saved = json.loads(stored(dossier_id).answers)
    assert saved["dem_eori"] == "pas un EORI"  # a draft may hold errors: nothing typed is lost
    assert saved["regime"] == "PA" and saved["code_type_decision"] == "IPO" and "statut" not in saved


def test_save_with_a_stale_version_is_refused() -> None:
    ctx = operator()
    dossier_id = drafts.create_draft(ctx, "AT")
    data = drafts.load_form(ctx, dossier_id)
    assert data is not None
    assert drafts.save_draft(ctx, dossier_id, data.answers, data.version).ok
    stale = drafts.save_draft(ctx, dossier_id, data.answers, data.version)
    assert not stale.ok and "modifié ailleurs" in stale.message


def test_submit_with_errors_is_refused_and_lists_them() -> None:
    ctx = operator()
    dossier_id = drafts.create_draft(ctx, "AT")
    result = drafts.submit(ctx, dossier_id, stored(dossier_id).version)
    assert not result.ok and result.findings and stored(dossier_id).statut == "BROUILLON"


def _complete_draft(ctx: SessionContext, regime: Regime) -> int:
    dossier_id = drafts.create_draft(ctx, regime.value, type_entrepot="CWP_AGREE", variante_pa="IM_EX")
    answers = complete_answers(regime, DURAND, CLAIRE, app_clock.today())
    drafts.save_draft(ctx, dossier_id, answers, stored(dossier_id).version)
    return dossier_id


def test_submit_numbers_dates_routes_and_records_it_once() -> None:
    ctx = operator()
    dossier_id = _complete_draft(ctx, Regime.PA)
    version = stored(dossier_id).version
    first = drafts.submit(ctx, dossier_id, version)
    assert first.ok and first.numero.startswith("RP-")
    again = drafts.submit(ctx, dossier_id, version)  # a double click or a replayed event
    assert again.ok and again.numero == first.numero
    dossier = stored(dossier_id)
    assert dossier.statut == "DEPOSEE" and dossier.numero == first.numero and dossier.submitted_at
    assert dossier.echeance is not None
    answers = json.loads(dossier.answers)
    assert answers["val_date"] == app_clock.today().isoformat() and "pa_ex_im_delai" not in answers
    with session_scope() as db:
        service = db.get(CustomsService, dossier.service_id)
        events = db.exec(select(DossierEvent).where(DossierEvent.dossier_id == dossier_id)).all()
    assert service is not None and service.name == "Pôle d'action économique de Lyon"  # postcode 69
    assert [e.to_status for e in events].count("DEPOSEE") == 1
    with pytest.raises(drafts.DraftError, match="ne peut plus être modifié"):
        drafts.save_draft(ctx, dossier_id, answers, dossier.version)


def test_numbers_follow_each_other() -> None:
    ctx = operator()
    a = drafts.submit(ctx, (first := _complete_draft(ctx, Regime.AT)), stored(first).version)
    b = drafts.submit(ctx, (second := _complete_draft(ctx, Regime.DP)), stored(second).version)
    assert int(b.numero[-6:]) == int(a.numero[-6:]) + 1


def test_customs_and_admin_cannot_file() -> None:
    agent = auth.resolve_session(login_token("agent@demo.fr"))
    assert agent is not None
    with pytest.raises(AccessDenied):
        drafts.create_draft(agent, "AT")


def test_drafts_can_be_deleted_by_their_company_only() -> None:
    ctx = operator()
    dossier_id = drafts.create_draft(ctx, "AT")
    with pytest.raises(drafts.DraftError):
        drafts.delete_draft(representative_for("90023456800013"), dossier_id)
    attachments.add_files(ctx, dossier_id, "autre", "", [IncomingFile("a.pdf", files.PDF, False)])
    with session_scope() as db:
        key = db.exec(select(Attachment.storage_key).where(Attachment.dossier_id == dossier_id)).one()
    assert storage().read(key) == files.PDF
    assert drafts.delete_draft(ctx, dossier_id) == f"Brouillon n° {dossier_id}"
    with session_scope() as db:
        assert db.get(Dossier, dossier_id) is None
        for table in (Attachment, DossierEvent, ChainLink):
            assert db.exec(select(table).where(table.dossier_id == dossier_id)).all() == []
    assert storage().read(key) is None  # the file went with its draft
    with pytest.raises(drafts.DraftError):  # once
        drafts.delete_draft(ctx, dossier_id)


def test_a_dossier_is_duplicated_into_a_new_draft_of_the_company() -> None:
    source_id = filed_application("AT")
    operator = ctx_of("operateur@demo.fr")
    copy_id = drafts.duplicate_draft(operator, source_id)
    with session_scope() as db:
        source, copy = db.get(Dossier, source_id), db.get(Dossier, copy_id)
        assert source is not None and copy is not None
        events = db.exec(select(DossierEvent).where(DossierEvent.dossier_id == copy_id)).all()
        files = db.exec(select(Attachment).where(Attachment.dossier_id == copy_id)).all()
    assert copy.statut == "BROUILLON" and copy.company_id == source.company_id and copy.numero is None
    before, after = json.loads(source.answers), json.loads(copy.answers)
    assert before["marchandises"] and after["marchandises"] == before["marchandises"]
    assert before.get("val_attestation") and "val_attestation" not in after and "val_date" not in after
    assert files == []
    assert [e.message for e in events] == [f"Dossier créé (brouillon), copie de la demande {source.numero}."]


def test_only_the_company_duplicates_its_dossiers() -> None:
    source_id = filed_application("AT")
    with pytest.raises(AccessDenied):
        drafts.duplicate_draft(ctx_of("agent@demo.fr"), source_id)
    with pytest.raises(drafts.DraftError, match="introuvable"):
        drafts.duplicate_draft(representative_for("90023456800013"), source_id)  # another company
