"""« Dossier complet »: the ZIP read back — the application and the history as PDF, every present
attachment as stored; the applicant's copy holds nothing customs kept from him, nobody's holds the
service's notes; the API checks the cookie and the scope."""

from __future__ import annotations

import io
import zipfile

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from soprano_app import api as api_module
from soprano_app.domain.assignment import Move
from soprano_app.services import assignment, attachments, dossier_archive, dossier_notes
from soprano_app.services.attachments import IncomingFile
from tests import files
from tests.fixtures import ctx_of, filed_application, login_token

pytestmark = pytest.mark.usefixtures("demo")

SECRET = "Soupçon de sous-évaluation"


def _text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _attach(ctx: object, dossier_id: int) -> None:
    for _ in range(2):  # the same name twice: two entries of the archive
        attachments.add_files(ctx, dossier_id, "autre", "Note", [IncomingFile("note.pdf", files.PDF, False)])  # type: ignore[arg-type]


def _prepared() -> int:
    dossier_id = filed_application(before_filing=_attach)
    agent = ctx_of("agent@demo.fr")
    assignment.change(agent, dossier_id, Move.TAKE)  # an internal history entry
    dossier_notes.add_note(agent, dossier_id, SECRET)
    return dossier_id


def test_the_customs_copy_holds_the_application_the_history_and_the_files() -> None:
    dossier_id = _prepared()
    found = dossier_archive.dossier_zip(ctx_of("agent@demo.fr"), dossier_id)
    assert found is not None
    name, data = found
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert name.startswith("dossier-RP-") and name.endswith(".zip")
    assert sorted(archive.namelist()) == [
        "demande.pdf",
        "historique.pdf",
        "pieces/note-2.pdf",
        "pieces/note.pdf",
    ]
    assert archive.read("pieces/note.pdf") == files.PDF
    application = _text(archive.read("demande.pdf"))
    assert "Données de la demande" in application and "Ateliers Durand SAS" in application
    history = _text(archive.read("historique.pdf"))
    assert (
        "Dossier pris en charge par Sophie Martin" in history and "Dépôt" in history
    ) or "Déposée" in history
    assert all(SECRET not in _text(archive.read(n)) for n in ("demande.pdf", "historique.pdf"))


def test_the_applicants_copy_has_nothing_internal() -> None:
    dossier_id = _prepared()
    found = dossier_archive.dossier_zip(ctx_of("operateur@demo.fr"), dossier_id)
    assert found is not None
    archive = zipfile.ZipFile(io.BytesIO(found[1]))
    history = _text(archive.read("historique.pdf"))
    assert "Sophie Martin" not in history and SECRET not in history
    assert dossier_archive.dossier_zip(ctx_of("agent.lille@demo.fr"), dossier_id) is None


def test_the_api_checks_the_cookie_and_the_scope() -> None:
    dossier_id = _prepared()
    client = TestClient(api_module.api, base_url="http://localhost:3000")
    path = f"/api/dossiers/{dossier_id}/dossier-complet.zip"
    assert client.get(path).status_code == 401
    client.cookies.set("rp_sid", login_token("agent.lille@demo.fr"))
    assert client.get(path).status_code == 404
    client.cookies.set("rp_sid", login_token("agent@demo.fr"))
    answer = client.get(path)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    assert answer.headers["cache-control"] == "private, no-store"
    assert zipfile.ZipFile(io.BytesIO(answer.content)).testzip() is None
    assert client.get("/api/dossiers/abc/dossier-complet.zip").status_code == 404
