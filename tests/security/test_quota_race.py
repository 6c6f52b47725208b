"""Two tabs uploading to the same draft at once cannot pass the dossier's quota together."""

from __future__ import annotations

import threading
import time

import pytest
from sqlmodel import Session, col, select

from soprano_app.db import session_scope
from soprano_app.models import Attachment
from soprano_app.services import attachments, auth, drafts
from soprano_app.services.attachments import IncomingFile
from soprano_app.settings import settings
from tests import files
from tests.fixtures import login_token

pytestmark = pytest.mark.usefixtures("demo")


def test_parallel_uploads_respect_the_quota(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = auth.resolve_session(login_token("operateur@demo.fr"))
    assert ctx is not None
    dossier_id = drafts.create_draft(ctx, "AT")
    near_limit = files.PDF + bytes(int(settings.max_file_bytes * 0.95) - len(files.PDF))
    per_tab = settings.max_dossier_bytes // len(near_limit)  # each tab alone fits in the quota

    # Writing a file takes a while: without a lock, both tabs read « 0 bytes used » meanwhile.
    real_put = attachments.storage().put

    def slow_put(data: bytes, db: Session | None = None) -> str:
        time.sleep(0.15)
        return real_put(data, db)

    monkeypatch.setattr(attachments.storage(), "put", slow_put)
    outcomes: list[attachments.UploadOutcome] = []
    start = threading.Barrier(2)

    def tab(n: int) -> None:
        batch = [IncomingFile(f"tab{n}-{i}.pdf", near_limit, False) for i in range(per_tab)]
        start.wait()
        outcomes.append(attachments.add_files(ctx, dossier_id, "autre", "", batch))

    threads = [threading.Thread(target=tab, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with session_scope() as db:
        sizes = db.exec(select(Attachment.size).where(col(Attachment.dossier_id) == dossier_id)).all()
    assert sum(sizes) <= settings.max_dossier_bytes
    assert len(sizes) == per_tab  # the first tab filled the quota, the second was told so
    refusals = [reason for outcome in outcomes for _name, reason in outcome.refused]
    assert len(refusals) == per_tab and all("Quota du dossier atteint" in r for r in refusals)
    with session_scope() as db:
        keys = db.exec(select(Attachment.storage_key).where(col(Attachment.dossier_id) == dossier_id)).all()
    assert all(attachments.storage().read(key) == near_limit for key in keys)
