"""Attachments: which files are accepted, judged on their content (magic bytes), not on their name
or on what the browser says; file-name rules; which attachment types a dossier needs (spec §2.9).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from enum import StrEnum

from .catalogue import codelists


class FileKind(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    ODT = "odt"
    ODS = "ods"
    DOC = "doc"
    XLS = "xls"
    DOCX = "docx"
    XLSX = "xlsx"
    CSV = "csv"


MEDIA_TYPES: dict[FileKind, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileKind.DOC: "application/msword",
    FileKind.XLS: "application/vnd.ms-excel",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.CSV: "text/csv",
}
KIND_LABELS = {kind: kind.value.upper() for kind in FileKind}
ACCEPTED_EXTENSIONS = (
    ".pdf",
    ".jpg",
    ".jpeg",
    ".png",
    ".odt",
    ".ods",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".csv",
)

TYPE_LABELS = {option.code: option.label for option in codelists.TYPES_PIECES_JOINTES}

MAX_NAME_LENGTH = 150
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class RefusedFile(ValueError):
    """A file that is not stored; ``str(error)`` is the French reason."""


# Messages, one per refusal (issue: « format non autorisé, fichier trop volumineux, fichier vide,
# nom de fichier invalide, quota du dossier atteint »).
FORMAT_REFUSED = (
    "Format non autorisé : seuls les fichiers PDF, JPEG, PNG, ODT, ODS, DOC, DOCX, XLS, XLSX et CSV sont acceptés "
    "(le contenu du fichier est vérifié, pas seulement son extension)."
)
EMPTY_REFUSED = "Fichier vide : il ne contient aucune donnée."
NAME_REFUSED = "Nom de fichier invalide : il ne doit contenir ni chemin, ni caractère de contrôle."


def too_big_message(limit_bytes: int) -> str:
    return f"Fichier trop volumineux : {format_size(limit_bytes)} au maximum par fichier."


def quota_message(limit_bytes: int, used: int) -> str:
    return (
        f"Quota du dossier atteint : {format_size(limit_bytes)} de pièces jointes au maximum par dossier "
        f"({format_size(used)} déjà utilisés)."
    )


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} o"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} Ko".replace(".", ",")
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


def clean_name(raw: str) -> str:
    """The name shown as a label: no path, no control character; refused otherwise."""
    name = unicodedata.normalize("NFC", raw or "").strip()
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        raise RefusedFile(NAME_REFUSED)
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in name):
        raise RefusedFile(NAME_REFUSED)
    name = re.sub(r"\s+", " ", name)
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        name = (
            (stem[: MAX_NAME_LENGTH - len(extension) - 1] + dot + extension)
            if dot
            else name[:MAX_NAME_LENGTH]
        )
    return name


def _zip_kind(head: bytes) -> FileKind | None:
    """OpenDocument (mimetype entry) and Office Open XML (content types + main part) files."""
    try:
        with zipfile.ZipFile(io.BytesIO(head)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return {
                    MEDIA_TYPES[FileKind.ODT]: FileKind.ODT,
                    MEDIA_TYPES[FileKind.ODS]: FileKind.ODS,
                }.get(mimetype)
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return FileKind.DOCX
                if any(n.startswith("xl/") for n in names):
                    return FileKind.XLSX
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return None
    return None


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t")
        return controls == 0
    return False


def detect_kind(data: bytes, name: str) -> FileKind:
    """The real format of ``data``; refused when it is not one of the accepted formats.

    CSV has no signature: it is accepted when the content is plain text and the name says .csv.
    """
    if data.startswith(b"%PDF-"):
        return FileKind.PDF
    if data.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        if kind is not None:
            return kind
        raise RefusedFile(FORMAT_REFUSED)
    if data.startswith(_OLE):
        lower = name.lower()
        if lower.endswith((".xls", ".xlt")):
            return FileKind.XLS
        if lower.endswith((".doc", ".dot")):
            return FileKind.DOC
        raise RefusedFile(FORMAT_REFUSED)  # other OLE containers (msi, msg…) are not accepted
    if name.lower().endswith(".csv") and _is_text(data):
        return FileKind.CSV
    raise RefusedFile(FORMAT_REFUSED)


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int
    max_dossier_bytes: int


@dataclass(frozen=True)
class AcceptedFile:
    name: str
    kind: FileKind
    size: int

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]


def check_file(
    raw_name: str, data: bytes, used_bytes: int, limits: Limits, truncated: bool = False
) -> AcceptedFile:
    """Every rule, in the order a user would want to hear about them. ``truncated`` says the reader
    stopped at the size limit (the file is bigger than ``data``)."""
    name = clean_name(raw_name)
    if truncated or len(data) > limits.max_file_bytes:
        raise RefusedFile(too_big_message(limits.max_file_bytes))
    if not data:
        raise RefusedFile(EMPTY_REFUSED)
    kind = detect_kind(data, name)
    if used_bytes + len(data) > limits.max_dossier_bytes:
        raise RefusedFile(quota_message(limits.max_dossier_bytes, used_bytes))
    return AcceptedFile(name=name, kind=kind, size=len(data))
