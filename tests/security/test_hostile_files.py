"""Hostile uploads: zip bombs, crowded or nested archives, disguised names and contents.

Each file goes through the same check as an upload (``domain.attachments.check_content``); the
bombs are judged from the central directory, so the check's memory stays small and its time short.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import pytest

from soprano_app.domain import archives
from soprano_app.domain.attachments import FileKind, Limits, RefusedFile, check_content, download_name
from tests import files
from tests.security import hostile_files as hostile

# Big enough for the bombs (each is a few hundred kilobytes on disk).
LIMITS = Limits(max_file_bytes=10 * 1024 * 1024, max_dossier_bytes=50 * 1024 * 1024)


def measured(check: Callable[[], object]) -> tuple[BaseException | None, int, float]:
    """Run ``check``; return what it raised, its peak of Python allocations and its duration."""
    tracemalloc.start()
    started = time.perf_counter()
    raised: BaseException | None = None
    try:
        check()
    except BaseException as exc:  # the test looks at it
        raised = exc
    finally:
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return raised, peak, elapsed


@pytest.mark.parametrize(
    ("name", "build", "reason"),
    [
        ("rapport.odt", hostile.honest_bomb, "démesuré"),
        ("rapport.odt", hostile.lying_bomb, "démesuré"),
        ("rapport.docx", hostile.lying_docx_bomb, "démesuré"),
        ("rapport.docx", lambda: hostile.crowded(archives.MAX_ENTRIES + 10), "trop d'éléments"),
        (
            "rapport.docx",
            lambda: hostile.with_entry("word/media/annexe.zip"),
            "contient elle-même une archive",
        ),
        ("rapport.docx", lambda: hostile.with_entry("x.7z", b"7z\xbc\xaf"), "contient elle-même une archive"),
        ("rapport.docx", hostile.encrypted_docx, "chiffrée"),
        ("rapport.docx", lambda: hostile.with_entry("word/x.xml", b"<x/>" * 50, 12), "pas un document"),
        ("rapport.docx", lambda: b"PK\x03\x04" + bytes(300), "pas un document"),
    ],
)
def test_hostile_archives_are_refused_with_bounded_memory_and_time(
    name: str, build: Callable[[], bytes], reason: str
) -> None:
    data = build()
    raised, peak, elapsed = measured(lambda: check_content(name, data, LIMITS))
    assert isinstance(raised, RefusedFile), raised
    assert reason in str(raised)
    # The 200 MB bombs are never inflated: the check allocates next to nothing and is quick.
    assert peak < 2 * 1024 * 1024, f"peak {peak} bytes"
    assert elapsed < 2.0, f"{elapsed:.2f} s"


def test_a_bomb_the_old_check_would_have_inflated_stays_small() -> None:
    """The check that read the ``mimetype`` entry whole allocated the 200 MB; this one reads 256 bytes."""
    data = hostile.plausible_bomb()
    raised, peak, _elapsed = measured(lambda: archives.inspect_zip(data, wanted=("mimetype",)))
    assert raised is None  # the headers are plausible: only the first bytes are read
    assert peak < 512 * 1024
    with pytest.raises(RefusedFile, match="Format non autorisé"):  # 256 zeros are no mimetype
        check_content("rapport.odt", data, LIMITS)


def test_real_office_documents_still_pass() -> None:
    for name, data, kind in [
        ("procede.odt", files.ODT, FileKind.ODT),
        ("stock.ods", files.ODS, FileKind.ODS),
        ("note.docx", files.DOCX, FileKind.DOCX),
        ("stock.xlsx", files.XLSX, FileKind.XLSX),
        # An Office document may embed another one: that is a part of its format.
        ("note.docx", hostile.with_entry("word/embeddings/Feuille.xlsx", files.XLSX), FileKind.DOCX),
    ]:
        assert check_content(name, data, LIMITS).kind is kind


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "facture.pdf.hta",
            b"%PDF-1.4\n<html><script>alert(1)</script>",
            "Extension non autorisée (« .hta »)",
        ),
        ("avis.html", b"%PDF-1.4\n<html><script>alert(1)</script>", "Extension non autorisée (« .html »)"),
        ("setup.exe", files.EXE, "Extension non autorisée (« .exe »)"),
        ("sans-extension", files.PDF, "Extension non autorisée (aucune extension)"),
        (".pdf", files.PDF, "Extension non autorisée"),
        ("facture.exe.pdf", files.PDF, "deux extensions (.exe.pdf)"),
        ("page.html.pdf", files.PDF, "deux extensions (.html.pdf)"),
        ("plan.png", files.PDF, "Le contenu du fichier (PDF) ne correspond pas à son extension « .png »"),
        ("liste.csv", files.PDF, "ne correspond pas"),
        ("photo.jpg", files.PNG, "ne correspond pas"),
        ("note.xlsx", files.DOCX, "Le contenu du fichier (DOCX) ne correspond pas"),
    ],
)
def test_names_must_carry_one_accepted_extension_that_matches_the_content(
    name: str, data: bytes, reason: str
) -> None:
    with pytest.raises(RefusedFile) as refused:
        check_content(name, data, LIMITS)
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Facture 2026.01.PDF", FileKind.PDF),
        ("photo.JPEG", FileKind.JPEG),
        ("contrat v2.1 (signé).pdf", FileKind.PDF),
        ("double.pdf.pdf", FileKind.PDF),
    ],
)
def test_ordinary_names_pass(name: str, kind: FileKind) -> None:
    data = {FileKind.PDF: files.PDF, FileKind.JPEG: files.JPEG}[kind]
    assert check_content(name, data, LIMITS).kind is kind


@pytest.mark.parametrize(
    ("stored", "kind", "expected"),
    [
        ("facture.pdf", FileKind.PDF, "facture.pdf"),
        ("avis.html", FileKind.PDF, "avis.pdf"),  # stored before the extension rule
        ("photo.JPEG", FileKind.JPEG, "photo.jpeg"),
        ('a"b;c<d>e|f.pdf', FileKind.PDF, "a_b_c_d_e_f.pdf"),
        ("\u202eexe.pdf", FileKind.PDF, "exe.pdf"),
        ("...", FileKind.PNG, "piece-jointe.png"),
        ("Relevé n° 3 (été).csv", FileKind.CSV, "Relevé n_ 3 (été).csv"),
    ],
)
def test_download_names_are_rebuilt_from_the_detected_format(
    stored: str, kind: FileKind, expected: str
) -> None:
    assert download_name(stored, kind) == expected


@pytest.mark.usefixtures("demo")
def test_the_upload_service_refuses_disguised_files_and_downloads_under_a_rebuilt_name() -> None:
    from fastapi.testclient import TestClient
    from sqlmodel import select

    from soprano_app import api as api_module
    from soprano_app.db import session_scope
    from soprano_app.models import Attachment
    from soprano_app.services import attachments, auth, drafts
    from soprano_app.services.attachments import IncomingFile
    from tests.fixtures import login_token

    token = login_token("operateur@demo.fr")
    ctx = auth.resolve_session(token)
    assert ctx is not None
    dossier_id = drafts.create_draft(ctx, "AT")
    script = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>"
    outcome = attachments.add_files(
        ctx,
        dossier_id,
        "autre",
        "",
        [
            IncomingFile("facture.pdf.hta", script, False),
            IncomingFile("avis.html", script, False),
            IncomingFile("setup.exe", files.EXE, False),
            IncomingFile("rapport.odt", hostile.honest_bomb(), False),
            IncomingFile("facture.pdf", script, False),  # a PDF named as one: stored, served as PDF
        ],
    )
    assert outcome.stored == ["facture.pdf"]
    assert [name for name, _ in outcome.refused] == [
        "facture.pdf.hta",
        "avis.html",
        "setup.exe",
        "rapport.odt",
    ]
    with session_scope() as db:
        legacy = db.exec(select(Attachment).where(Attachment.dossier_id == dossier_id)).one()
        legacy.file_name = "avis.html"  # as a file stored before the extension rule would be
        db.add(legacy)
    client = TestClient(api_module.api, base_url="http://localhost:3000")
    client.cookies.set("rp_sid", token)
    response = client.get(f"/api/pieces/{legacy.id}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert 'filename="avis.pdf"' in response.headers["content-disposition"]
