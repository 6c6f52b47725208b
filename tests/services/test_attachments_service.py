"""Attachments stored privately, listed, removed (soft), downloaded only by who may see the dossier."""

from __future__ import annotations

import asyncio
import hashlib

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from soprano_app import api as api_module
from soprano_app import middleware
from soprano_app.db import session_scope
from soprano_app.middleware import guard_uploads, max_upload_bytes
from soprano_app.models import Attachment, Company, Dossier
from soprano_app.services import attachments, auth, drafts
from soprano_app.services.attachments import AttachmentError, IncomingFile
from soprano_app.services.auth import SessionContext
from soprano_app.services.storage import storage
from soprano_app.settings import settings
from tests import files
from tests.fixtures import login_token, representative_for

pytestmark = pytest.mark.usefixtures("demo")


def operator() -> tuple[str, SessionContext]:
    token = login_token("operateur@demo.fr")
    ctx = auth.resolve_session(token)
    assert ctx is not None
    return token, ctx


def incoming(name: str, data: bytes) -> IncomingFile:
    return IncomingFile(name=name, data=data, truncated=False)


def test_files_are_checked_stored_privately_and_listed() -> None:
    _token, ctx = operator()
    dossier_id = drafts.create_draft(ctx, "AT")
    outcome = attachments.add_files(
        ctx,
        dossier_id,
        "contrat",
        "Contrat de location",
        [incoming("contrat.pdf", files.PDF), incoming("facture.pdf", files.EXE), incoming("vide.pdf", b"")],
    )
    assert outcome.stored == ["contrat.pdf"]
    assert [name for name, _ in outcome.refused] == ["facture.pdf", "vide.pdf"]
    rows, can_add, can_remove = attachments.list_attachments(ctx, dossier_id)
    assert [(r.file_name, r.type_label, r.label, r.format) for r in rows] == [
        ("contrat.pdf", "Contrat (façon, location, vente, garantie)", "Contrat de location", "PDF")
    ]
    assert can_add and can_remove
    with session_scope() as db:
        stored = db.exec(select(Attachment).where(Attachment.dossier_id == dossier_id)).one()
    assert storage().read(stored.storage_key) == files.PDF
    assert stored.sha256 == hashlib.sha256(files.PDF).hexdigest() and stored.size == len(files.PDF)
    assert "contrat" not in stored.storage_key  # generated key, not the user's name
    assert attachments.present_types(dossier_id) == frozenset({"contrat"})
    assert drafts.load_form(ctx, dossier_id).attachment_types == frozenset({"contrat"})  # type: ignore[union-attr]


def test_the_dossier_quota_applies() -> None:
    _token, ctx = operator()
    dossier_id = drafts.create_draft(ctx, "AT")
    big = files.PDF + bytes(settings.max_file_bytes - len(files.PDF))
    fits = settings.max_dossier_bytes // settings.max_file_bytes
    outcome = attachments.add_files(
        ctx, dossier_id, "autre", "", [incoming(f"f{i}.pdf", big) for i in range(fits + 1)]
    )
    assert len(outcome.stored) == fits and "Quota du dossier atteint" in outcome.refused[0][1]


def test_unknown_type_and_foreign_dossier_are_refused() -> None:
    _token, ctx = operator()
    dossier_id = drafts.create_draft(ctx, "AT")
    with pytest.raises(AttachmentError, match="type"):
        attachments.add_files(ctx, dossier_id, "virus", "", [incoming("a.pdf", files.PDF)])
    other = representative_for("90023456800013")
    with pytest.raises(AttachmentError, match="introuvable"):
        attachments.add_files(other, dossier_id, "autre", "", [incoming("a.pdf", files.PDF)])
    with pytest.raises(AttachmentError):
        attachments.list_attachments(other, dossier_id)


def test_removal_is_soft_and_kept_in_the_history() -> None:
    _token, ctx = operator()
    dossier_id = drafts.create_draft(ctx, "AT")
    attachments.add_files(
        ctx, dossier_id, "autre", "", [incoming("a.pdf", files.PDF), incoming("b.png", files.PNG)]
    )
    rows, _, _ = attachments.list_attachments(ctx, dossier_id)
    assert attachments.remove(ctx, dossier_id, rows[0].id) == "a.pdf"
    rows_after, _, _ = attachments.list_attachments(ctx, dossier_id)
    assert [r.file_name for r in rows_after] == ["b.png"]
    lines = attachments.history(ctx, dossier_id)
    assert (lines[0].action, lines[0].file_name) == ("Suppression", "a.pdf")
    assert {(line.action, line.file_name) for line in lines} == {
        ("Ajout", "a.pdf"),
        ("Ajout", "b.png"),
        ("Suppression", "a.pdf"),
    }
    with pytest.raises(AttachmentError, match="introuvable"):
        attachments.remove(ctx, dossier_id, rows[0].id)


def test_after_submission_files_stay_for_customs_and_cannot_be_removed() -> None:
    _token, ctx = operator()
    with session_scope() as db:
        submitted = db.exec(
            select(Dossier).where(Dossier.statut == "DEPOSEE").where(Dossier.company_id == ctx.company.id)  # type: ignore[union-attr]
        ).first()
        item = Attachment(
            dossier_id=submitted.id,  # type: ignore[union-attr]
            type_code="autre",
            file_name="plan.png",
            media_type="image/png",
            size=1,
            sha256="0",
            storage_key="ab" * 20,
            added_by_id=ctx.user_id,
            added_by_label="Claire Durand",
        )
        db.add(item)
        db.flush()
        attachment_id, dossier_id = item.id, submitted.id  # type: ignore[union-attr]
    _rows, can_add, can_remove = attachments.list_attachments(ctx, dossier_id)  # type: ignore[arg-type]
    assert not can_add and not can_remove
    with pytest.raises(AttachmentError, match="ne peuvent plus être supprimées"):
        attachments.remove(ctx, dossier_id, attachment_id)  # type: ignore[arg-type]
    agent = auth.resolve_session(login_token("agent@demo.fr"))
    assert agent is not None
    rows, can_add, _ = attachments.list_attachments(agent, dossier_id)  # type: ignore[arg-type]
    assert [r.file_name for r in rows] == ["plan.png"] and not can_add


@pytest.fixture
def client() -> TestClient:
    return TestClient(api_module.api, base_url="http://localhost:3000")


def _stored_attachment(ctx: SessionContext) -> tuple[int, int]:
    dossier_id = drafts.create_draft(ctx, "AT")
    attachments.add_files(ctx, dossier_id, "contrat", "", [incoming("Contrat été.pdf", files.PDF)])
    rows, _, _ = attachments.list_attachments(ctx, dossier_id)
    return dossier_id, rows[0].id


def test_download_is_private_and_safe(client: TestClient) -> None:
    token, ctx = operator()
    dossier_id, attachment_id = _stored_attachment(ctx)
    assert client.get(f"/api/pieces/{attachment_id}").status_code == 401  # anonymous
    client.cookies.set("rp_sid", token)
    response = client.get(f"/api/pieces/{attachment_id}")
    assert response.status_code == 200 and response.content == files.PDF
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert "filename*=utf-8''Contrat%20%C3%A9t%C3%A9.pdf" in response.headers["content-disposition"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "private, no-store"
    assert client.get(f"/api/pieces/{attachment_id + 1000}").status_code == 404
    # Another company's representative, guessing the id: the same 404 as for an unknown file.
    rep_token = login_token("representant@demo.fr")
    with session_scope() as db:
        verrerie = db.exec(select(Company).where(Company.siret == "90023456800013")).one()
    auth.choose_company(rep_token, verrerie.id)  # type: ignore[arg-type]
    client.cookies.set("rp_sid", rep_token)
    assert client.get(f"/api/pieces/{attachment_id}").status_code == 404
    # The draft is not visible to customs either.
    client.cookies.set("rp_sid", login_token("agent@demo.fr"))
    assert client.get(f"/api/pieces/{attachment_id}").status_code == 404
    # A replayed URL after logout.
    auth.end_session(token)
    client.cookies.set("rp_sid", token)
    assert client.get(f"/api/pieces/{attachment_id}").status_code == 401
    # A removed file is no longer served.
    _t, fresh = operator()
    attachments.remove(fresh, dossier_id, attachment_id)
    client.cookies.set("rp_sid", _t)
    assert client.get(f"/api/pieces/{attachment_id}").status_code == 404


async def _call(app, method: str, path: str, headers: list[tuple[bytes, bytes]], body: bytes) -> int:  # type: ignore[no-untyped-def]
    sent: list[dict] = []  # type: ignore[type-arg]
    chunks = [body[i : i + 65536] for i in range(0, len(body), 65536)] or [b""]

    async def receive():  # type: ignore[no-untyped-def]
        chunk = chunks.pop(0) if chunks else b""
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message):  # type: ignore[no-untyped-def]
        sent.append(message)

    await app({"type": "http", "method": method, "path": path, "headers": headers}, receive, send)
    return int(next(m["status"] for m in sent if m["type"] == "http.response.start"))


def test_upload_size_and_session_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    async def downstream(scope, receive, send):  # type: ignore[no-untyped-def]
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guarded = guard_uploads(downstream)
    too_big = str(max_upload_bytes() + 1).encode()
    token = login_token("operateur@demo.fr")
    cookie = (b"cookie", f"rp_sid={token}".encode())
    tab = (b"reflex-client-token", b"tab-1")
    run = asyncio.run
    assert run(_call(guarded, "POST", "/_upload", [(b"content-length", too_big)], b"")) == 413
    assert run(_call(guarded, "POST", "/_upload", [], b"x")) == 411
    assert (
        run(_call(guarded, "POST", "/_upload", [(b"content-length", b"10"), cookie], bytes(200_000))) == 413
    )
    # No cookie, or a cookie of a closed session: refused before the body is read.
    assert run(_call(guarded, "POST", "/_upload", [(b"content-length", b"2"), tab], b"ok")) == 401
    assert (
        run(
            _call(
                guarded, "POST", "/_upload", [(b"content-length", b"2"), tab, (b"cookie", b"rp_sid=x")], b"ok"
            )
        )
        == 401
    )
    assert middleware.upload_session_of("tab-1") is None
    assert run(_call(guarded, "POST", "/_upload", [(b"content-length", b"2"), cookie, tab], b"ok")) == 200
    ctx = auth.resolve_session(token)
    assert ctx is not None and middleware.upload_session_of("tab-1") == ctx.session_id
    assert run(_call(guarded, "GET", "/connexion", [], b"")) == 200
