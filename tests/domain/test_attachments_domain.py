"""Which files are accepted: on their content, with one French message per refusal."""

import pytest

from soprano_app.domain import attachments as rules
from soprano_app.domain.attachments import FileKind, Limits, RefusedFile, check_file, clean_name, detect_kind
from tests import files

LIMITS = Limits(max_file_bytes=1000, max_dossier_bytes=2500)


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (files.PDF, "contrat.pdf", FileKind.PDF),
        (files.PNG, "plan.png", FileKind.PNG),
        (files.JPEG, "photo.jpg", FileKind.JPEG),
        (files.ODT, "procede.odt", FileKind.ODT),
        (files.ODS, "stock.ods", FileKind.ODS),
        (files.DOCX, "note.docx", FileKind.DOCX),
        (files.XLSX, "stock.xlsx", FileKind.XLSX),
        (files.OLE, "ancien.doc", FileKind.DOC),
        (files.OLE, "ancien.xls", FileKind.XLS),
        (files.CSV, "liste.csv", FileKind.CSV),
        (files.PDF, "sans-extension", FileKind.PDF),  # the content decides, not the name
    ],
)
def test_accepted_formats_are_recognised_by_content(data: bytes, name: str, kind: FileKind) -> None:
    assert detect_kind(data, name) is kind


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (files.EXE, "facture.pdf"),  # an executable renamed .pdf
        (files.ELF, "plan.png"),
        (files.JAR, "tableau.xlsx"),  # a zip that is not an office document
        (files.OLE, "installeur.msi"),
        (files.PASSWD, "passwd"),
        (files.CSV, "liste.txt"),  # text, but not said to be CSV
        (b"\x00\x01\x02binary", "data.csv"),
    ],
)
def test_other_contents_are_refused(data: bytes, name: str) -> None:
    with pytest.raises(RefusedFile, match="Format non autorisé"):
        detect_kind(data, name)


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "..\\windows\\system.ini", "a/b.pdf", "..", "", "bad\x00.pdf", "x\u202e.pdf"]
)
def test_names_with_paths_or_control_characters_are_refused(name: str) -> None:
    with pytest.raises(RefusedFile, match="Nom de fichier invalide"):
        clean_name(name)


def test_names_are_tidied_and_shortened() -> None:
    assert clean_name("  Contrat   de  façon.pdf ") == "Contrat de façon.pdf"
    long = "a" * 300 + ".pdf"
    assert len(clean_name(long)) == 150 and clean_name(long).endswith(".pdf")


def test_each_refusal_has_its_own_message() -> None:
    with pytest.raises(RefusedFile, match="Fichier vide"):
        check_file("vide.pdf", b"", 0, LIMITS)
    with pytest.raises(RefusedFile, match=r"Fichier trop volumineux : 1000 o au maximum par fichier\."):
        check_file("gros.pdf", files.PDF + bytes(1000), 0, LIMITS)
    with pytest.raises(RefusedFile, match="Fichier trop volumineux"):
        check_file("gros.pdf", files.PDF, 0, LIMITS, truncated=True)
    with pytest.raises(RefusedFile, match="Quota du dossier atteint"):
        check_file("contrat.pdf", files.PDF, 2490, LIMITS)
    accepted = check_file("contrat.pdf", files.PDF, 0, LIMITS)
    assert accepted.media_type == "application/pdf" and accepted.size == len(files.PDF)


def test_sizes_read_in_french() -> None:
    assert rules.format_size(512) == "512 o"
    assert rules.format_size(10 * 1024 * 1024) == "10,0 Mo"
