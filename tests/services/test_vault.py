"""« Documents de l'entreprise »: kept once per company with a validity date, flagged when it ends,
joined to a dossier as a checked copy; nobody outside the company sees them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from soprano_app import api as api_module
from soprano_app import app_clock
from soprano_app.db import session_scope
from soprano_app.domain.vault import Validity, validity
from soprano_app.models import Attachment, CompanyDocument
from soprano_app.services import drafts, vault
from soprano_app.services.attachments import IncomingFile
from tests import files
from tests.fixtures import ctx_of, login_token, representative_for

pytestmark = pytest.mark.usefixtures("demo")

VERRERIE = "90023456800013"


def test_validity_is_flagged_before_and_after_the_end() -> None:
    today = date(2026, 12, 1)
    assert validity(None, today) is Validity.VALID
    assert validity(date(2027, 6, 1), today) is Validity.VALID
    assert validity(date(2026, 12, 20), today) is Validity.SOON
    assert validity(date(2026, 11, 30), today) is Validity.EXPIRED


def test_a_kept_document_is_joined_to_a_draft_as_a_copy() -> None:
    operator = ctx_of("operateur@demo.fr")
    until = app_clock.today() + timedelta(days=365)
    doc_id = vault.add_document(
        operator, "kbis", "Kbis 2026", until, IncomingFile("kbis.pdf", files.PDF, False)
    )
    rows = vault.list_documents(operator)
    assert [(r.type_label, r.label, r.validity) for r in rows if r.id == doc_id] == [
        ("Extrait Kbis ou équivalent", "Kbis 2026", "valide")
    ]
    draft = drafts.create_draft(operator, "AT")
    outcome = vault.attach(operator, doc_id, draft)
    assert outcome.stored == ["kbis.pdf"]
    with session_scope() as db:
        joined = db.exec(select(Attachment).where(Attachment.dossier_id == draft)).one()
        kept = db.get(CompanyDocument, doc_id)
        assert kept is not None and joined.type_code == "kbis" and joined.storage_key != kept.storage_key
    drafts.delete_draft(operator, draft)  # the draft's copy goes with it; the kept one stays
    found = vault.download(operator, doc_id)
    assert found is not None and found.data == files.PDF


def test_expired_refused_and_outsiders() -> None:
    operator = ctx_of("operateur@demo.fr")
    with pytest.raises(vault.VaultError, match="passée"):
        vault.add_document(operator, "kbis", "", date(2020, 1, 1), IncomingFile("k.pdf", files.PDF, False))
    with pytest.raises(vault.VaultError, match="Format"):
        vault.add_document(operator, "kbis", "", None, IncomingFile("k.pdf", files.EXE, False))
    doc_id = vault.add_document(operator, "autre", "AEO", None, IncomingFile("aeo.pdf", files.PDF, False))
    with session_scope() as db:  # time passes: the certificate ends
        doc = db.get(CompanyDocument, doc_id)
        assert doc is not None
        doc.valid_until = app_clock.today() - timedelta(days=1)
        db.add(doc)
    assert next(r for r in vault.list_documents(operator) if r.id == doc_id).validity == "expire"
    with pytest.raises(vault.VaultError, match="expiré"):
        vault.attach(operator, doc_id, drafts.create_draft(operator, "AT"))
    other = representative_for(VERRERIE)
    assert all(r.id != doc_id for r in vault.list_documents(other)) and vault.download(other, doc_id) is None
    with pytest.raises(vault.VaultError, match="introuvable"):
        vault.remove_document(other, doc_id)
    with pytest.raises(vault.VaultError):
        vault.list_documents(ctx_of("agent@demo.fr"))
    with pytest.raises(vault.VaultError):  # customs keep no company documents
        vault.add_document(ctx_of("agent@demo.fr"), "kbis", "", None, IncomingFile("k.pdf", files.PDF, False))


def test_the_api_serves_a_document_to_its_company_only() -> None:
    operator = ctx_of("operateur@demo.fr")
    doc_id = vault.add_document(operator, "kbis", "", None, IncomingFile("kbis.pdf", files.PDF, False))
    client = TestClient(api_module.api, base_url="http://localhost:3000")
    assert client.get(f"/api/documents/{doc_id}").status_code == 401
    client.cookies.set("rp_sid", login_token("agent@demo.fr"))
    assert client.get(f"/api/documents/{doc_id}").status_code == 404
    client.cookies.set("rp_sid", login_token("operateur@demo.fr"))
    answer = client.get(f"/api/documents/{doc_id}")
    assert answer.status_code == 200 and answer.content == files.PDF
    assert answer.headers["content-disposition"].startswith("attachment")
