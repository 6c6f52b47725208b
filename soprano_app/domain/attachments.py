"""Attachments: which files are accepted, judged on their content (magic bytes), not on their name
or on what the browser says; file-name rules; which attachment types a dossier needs (spec §2.9).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from .archives import ArchiveRefused, inspect_zip
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
# The extensions a file of each kind may carry; the first one is used to rebuild a download name.
KIND_EXTENSIONS: dict[FileKind, tuple[str, ...]] = {
    FileKind.PDF: (".pdf",),
    FileKind.JPEG: (".jpg", ".jpeg"),
    FileKind.PNG: (".png",),
    FileKind.ODT: (".odt",),
    FileKind.ODS: (".ods",),
    FileKind.DOC: (".doc",),
    FileKind.XLS: (".xls",),
    FileKind.DOCX: (".docx",),
    FileKind.XLSX: (".xlsx",),
    FileKind.CSV: (".csv",),
}
ACCEPTED_EXTENSIONS = tuple(ext for exts in KIND_EXTENSIONS.values() for ext in exts)
# A name whose next-to-last suffix is one of these hides its real nature (« facture.exe.pdf »).
_DISGUISING_SUFFIXES = frozenset(
    {ext.lstrip(".") for ext in ACCEPTED_EXTENSIONS}
    | {"exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "dll", "cpl", "lnk", "reg", "hta"}
    | {"htm", "html", "xhtml", "shtml", "svg", "xml", "xsl", "js", "mjs", "jse", "vbs", "vbe", "wsf"}
    | {"wsh", "ps1", "psm1", "sh", "bash", "php", "py", "pl", "rb", "jar", "apk", "app", "dmg", "iso"}
    | {"zip", "rar", "7z", "gz", "txt", "rtf", "docm", "xlsm", "pptx", "ppt", "odp"}
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
DOUBLE_EXTENSION_REFUSED = (
    "Nom de fichier refusé : il porte deux extensions ({found}). Renommez le fichier avec une seule "
    "extension, celle de son format."
)


def extension_refused(extension: str) -> str:
    shown = f"« {extension} »" if extension else "aucune extension"
    return (
        f"Extension non autorisée ({shown}) : le nom du fichier doit finir par "
        + ", ".join(ACCEPTED_EXTENSIONS)
        + "."
    )


def mismatch_refused(kind: FileKind, extension: str) -> str:
    return (
        f"Le contenu du fichier ({KIND_LABELS[kind]}) ne correspond pas à son extension « {extension} » : "
        f"renommez-le en {KIND_EXTENSIONS[kind][0]} ou joignez le bon fichier."
    )


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


def _zip_kind(data: bytes) -> FileKind | None:
    """OpenDocument (mimetype entry) and Office Open XML (content types + main part) files, judged
    from the central directory and the first bytes of ``mimetype`` (``domain/archives.py``)."""
    contents = inspect_zip(data, wanted=("mimetype",))
    if "mimetype" in contents.names:
        mimetype = contents.heads.get("mimetype", b"").decode("ascii", "replace").strip()
        return {
            MEDIA_TYPES[FileKind.ODT]: FileKind.ODT,
            MEDIA_TYPES[FileKind.ODS]: FileKind.ODS,
        }.get(mimetype)
    if "[Content_Types].xml" in contents.names:
        if any(n.startswith("word/") for n in contents.names):
            return FileKind.DOCX
        if any(n.startswith("xl/") for n in contents.names):
            return FileKind.XLSX
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
        try:
            kind = _zip_kind(data)
        except ArchiveRefused as exc:
            raise RefusedFile(str(exc)) from exc
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


def extension_of(name: str) -> str:
    """The last suffix, lower-cased, with its dot (« .pdf »); empty when there is none."""
    stem, dot, extension = name.rpartition(".")
    return f".{extension.lower()}" if dot and stem and extension else ""


def check_extension(name: str) -> str:
    """The name's extension if it is accepted and not disguised behind another one."""
    extension = extension_of(name)
    if extension not in ACCEPTED_EXTENSIONS:
        raise RefusedFile(extension_refused(extension))
    inner = extension_of(name[: -len(extension)].rstrip(" ."))
    if inner and inner.lstrip(".") in _DISGUISING_SUFFIXES and inner != extension:
        raise RefusedFile(DOUBLE_EXTENSION_REFUSED.format(found=f"{inner}{extension}"))
    return extension


def check_file(
    raw_name: str, data: bytes, used_bytes: int, limits: Limits, truncated: bool = False
) -> AcceptedFile:
    """Every rule, in the order a user would want to hear about them. ``truncated`` says the reader
    stopped at the size limit (the file is bigger than ``data``)."""
    accepted = check_content(raw_name, data, limits, truncated)
    check_quota(used_bytes, accepted.size, limits)
    return accepted


def check_quota(used_bytes: int, size: int, limits: Limits) -> None:
    if used_bytes + size > limits.max_dossier_bytes:
        raise RefusedFile(quota_message(limits.max_dossier_bytes, used_bytes))


def check_content(raw_name: str, data: bytes, limits: Limits, truncated: bool = False) -> AcceptedFile:
    """The rules on the file itself (name, extension, size, format), without the dossier's quota."""
    name = clean_name(raw_name)
    extension = check_extension(name)
    if truncated or len(data) > limits.max_file_bytes:
        raise RefusedFile(too_big_message(limits.max_file_bytes))
    if not data:
        raise RefusedFile(EMPTY_REFUSED)
    kind = detect_kind(data, name)
    if extension not in KIND_EXTENSIONS[kind]:
        raise RefusedFile(mismatch_refused(kind, extension))
    return AcceptedFile(name=name, kind=kind, size=len(data))


_UNSAFE_IN_NAME = re.compile(r"[^\w\s.,()\-+'&@#]", re.UNICODE)


def kind_of_media_type(media_type: str) -> FileKind | None:
    return next((k for k, media in MEDIA_TYPES.items() if media == media_type), None)


def download_name(stored_name: str, kind: FileKind | None) -> str:
    """The name a file is downloaded under: a tidy base name and the extension of its detected
    format, whatever name it was uploaded with."""
    extension = extension_of(stored_name)
    base = stored_name[: -len(extension)] if extension else stored_name
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " ")
    base = _UNSAFE_IN_NAME.sub("_", base)
    base = re.sub(r"\s+", " ", base).strip(" ._-")[:100] or "piece-jointe"
    if kind is None:
        return base
    wanted = extension if extension in KIND_EXTENSIONS[kind] else KIND_EXTENSIONS[kind][0]
    return base + wanted
