"""Where the bytes of files live: the disk store and the database store pass the same tests, through
the store itself, the attachments service and the download route; and the command that copies an
installation's files from the disk into the database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from soprano_app import api as api_module
from soprano_app import cli
from soprano_app import settings as settings_module
from soprano_app.db import session_scope
from soprano_app.models import Attachment, StoredFile, SupportTicket, User
from soprano_app.services import attachments, drafts
from soprano_app.services import storage as storage_module
from soprano_app.services.attachments import IncomingFile
from soprano_app.services.storage import DatabaseStorage, LocalStorage, Storage, new_key
from soprano_app.settings import settings
from tests import files
from tests.fixtures import ctx_of, login_token

STORES = ("disk", "database")


@pytest.fixture(params=STORES)
def store(
    request: pytest.FixtureRequest, db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Storage]:
    """The chosen store behind ``storage()`` for the whole application (as SOPRANO_STORAGE does),
    files on disk under this test's own directory."""
    chosen = replace(settings, storage=request.param, storage_dir=tmp_path / "pieces")
    monkeypatch.setattr(storage_module, "settings", chosen)
    storage_module.storage.cache_clear()
    yield storage_module.storage()
    storage_module.storage.cache_clear()


def _stored_rows() -> int:
    with session_scope() as db:
        return db.exec(select(func.count()).select_from(StoredFile)).one()


def test_the_setting_chooses_the_store(store: Storage) -> None:
    assert isinstance(
        store, DatabaseStorage if storage_module.settings.storage == "database" else LocalStorage
    )


def test_put_read_delete(store: Storage) -> None:
    first, second = store.put(files.PDF), store.put(b"")
    assert first != second and len(first) == 40
    assert store.read(first) == files.PDF and store.read(second) == b""
    store.delete(first)
    assert store.read(first) is None and store.read(second) == b""
    store.delete(first)  # twice: nothing to do


@pytest.mark.parametrize(
    "key", ["", "ab", "../" * 13 + "x", "AB" * 20, "g" * 40, "é" * 40, "a" * 41, "a" * 39 + "/", "0" * 40]
)
def test_unknown_or_malformed_keys_read_nothing(store: Storage, key: str) -> None:
    assert store.read(key) is None
    store.delete(key)  # never raises, never reaches outside the store


def test_a_rolled_back_transaction_keeps_no_bytes(store: Storage) -> None:
    """In a transaction: the database store's row goes with the rollback; the disk store's file is
    deleted by the caller (what the services do with the keys they wrote)."""
    with pytest.raises(RuntimeError), session_scope() as db:
        key = store.put(files.PDF, db)
        assert store.read(key, db) == files.PDF  # the transaction reads its own write
        raise RuntimeError("the rows naming the file fail")
    store.delete(key)
    assert store.read(key) is None and _stored_rows() == 0
    assert not any(p.is_file() for p in storage_module.settings.storage_dir.rglob("*"))


@pytest.mark.usefixtures("demo")
def test_an_upload_that_fails_after_writing_leaves_no_file(
    store: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = ctx_of("operateur@demo.fr")
    dossier_id = drafts.create_draft(ctx, "AT")
    written: list[str] = []
    real_put = store.put

    def recorded_put(data: bytes, db: Session | None = None) -> str:
        written.append(real_put(data, db))
        return written[-1]

    def failing_record(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the attachment's row cannot be written")

    monkeypatch.setattr(store, "put", recorded_put)
    monkeypatch.setattr(attachments, "_record_attachment", failing_record)
    rows_before = _stored_rows()  # the demo's own files, when the suite runs with the database store
    with pytest.raises(RuntimeError):
        attachments.add_files(ctx, dossier_id, "autre", "", [IncomingFile("a.pdf", files.PDF, False)])
    assert written and all(store.read(key) is None for key in written)
    assert _stored_rows() == rows_before


@pytest.mark.usefixtures("demo")
def test_upload_and_download_through_the_store(store: Storage) -> None:
    """Two files under the dossier's quota lock: the database store writes in that transaction (a
    second connection would wait for SQLite's write lock, then fail)."""
    token = login_token("operateur@demo.fr")
    ctx = ctx_of("operateur@demo.fr")
    dossier_id = drafts.create_draft(ctx, "AT")
    outcome = attachments.add_files(
        ctx,
        dossier_id,
        "contrat",
        "",
        [IncomingFile("Contrat été.pdf", files.PDF, False), IncomingFile("plan.png", files.PNG, False)],
    )
    assert outcome.stored == ["Contrat été.pdf", "plan.png"] and not outcome.refused
    with session_scope() as db:
        rows = db.exec(select(Attachment).where(Attachment.dossier_id == dossier_id)).all()
    assert [store.read(r.storage_key) for r in rows] == [files.PDF, files.PNG]
    on_disk = [p for p in storage_module.settings.storage_dir.rglob("*") if p.is_file()]
    if isinstance(store, DatabaseStorage):
        assert _stored_rows() >= 2 and on_disk == []  # nothing written to any directory
    else:
        assert len(on_disk) == 2

    client = TestClient(api_module.api, base_url="http://localhost:3000")
    client.cookies.set("rp_sid", token)
    response = client.get(f"/api/pieces/{rows[0].id}")
    assert response.status_code == 200 and response.content == files.PDF
    assert response.headers["content-type"] == "application/pdf"
    assert (
        response.headers["content-disposition"] == "attachment; filename*=utf-8''Contrat%20%C3%A9t%C3%A9.pdf"
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "private, no-store"
    response = client.get(f"/api/pieces/{rows[1].id}")
    assert (
        response.content == files.PNG
        and response.headers["content-disposition"] == 'attachment; filename="plan.png"'
    )

    store.delete(rows[1].storage_key)  # bytes gone behind the application's back: the same 404
    assert attachments.for_download(ctx, rows[1].id) is None  # type: ignore[arg-type]
    assert client.get(f"/api/pieces/{rows[1].id}").status_code == 404


def test_a_bad_setting_is_refused_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOPRANO_STORAGE", "s3")
    with pytest.raises(RuntimeError, match="SOPRANO_STORAGE doit valoir"):
        settings_module.load_settings()
    monkeypatch.setenv("SOPRANO_STORAGE", " Database ")
    assert settings_module.load_settings().storage == "database"
    monkeypatch.delenv("SOPRANO_STORAGE")
    assert settings_module.load_settings().storage == "disk"


def test_the_copy_command_moves_the_disk_files_into_the_database(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = LocalStorage(tmp_path / "pieces")
    keys = [disk.put(files.PDF), disk.put(files.PNG)]
    (disk.root / keys[0][:2] / (new_key() + ".part")).write_bytes(b"cut short")  # not a stored file
    (disk.root / "notes.txt").write_text("a stranger's file")  # ignored: not in a key's folder
    monkeypatch.setattr(cli, "settings", replace(settings, storage_dir=disk.root))

    assert cli.main(["copy-files-to-database"]) == 0
    assert "2 copié(s), 0 déjà présent(s), 1 ignoré(s)" in capsys.readouterr().out
    database = DatabaseStorage()
    assert [database.read(k) for k in keys] == [files.PDF, files.PNG]
    assert disk.read(keys[0]) == files.PDF  # the disk is left as it was

    # Again (after the switch, say), with one more file written to the disk meanwhile: only it is added.
    keys.append(disk.put(b"late"))
    assert cli.main(["copy-files-to-database"]) == 0
    assert "1 copié(s), 2 déjà présent(s), 1 ignoré(s)" in capsys.readouterr().out
    assert database.read(keys[2]) == b"late"

    # A row naming a file found in neither store: switching would lose it, the command says so.
    with session_scope() as session:
        user = User(email="x@example.org", password_hash="x", first_name="X", last_name="Y", role="operateur")
        session.add(user)
        session.flush()
        session.add(
            SupportTicket(
                reference="AST-2026-000001",
                user_id=user.id,
                category="autre",
                description="?",
                status="OUVERTE",
                screenshot_key=new_key(),
            )
        )
    assert cli.main(["copy-files-to-database"]) == 1
    assert "1 fichier(s) nommé(s) par la base introuvable(s)" in capsys.readouterr().out
