"""ZIP containers (OpenDocument, Office Open XML) judged without inflating them.

An uploaded ``.docx`` is a ZIP archive: reading one of its entries whole can inflate a 1.5 MB file
into gigabytes (a « zip bomb »). So the archive is judged from its central directory only — entry
count, declared sizes, compression ratios, encryption, nested archives — and at most a few hundred
bytes of one entry are ever decompressed. Memory and time stay bounded whatever the file holds.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

MAX_ENTRIES = 2000  # a large Office document holds a few hundred parts
MAX_TOTAL_UNCOMPRESSED = 300 * 1024 * 1024  # declared, all entries together
MAX_RATIO = 250  # declared / compressed size of one entry: XML parts compress 5 to 50 times, zeros 1,000
RATIO_FLOOR = 1024 * 1024  # entries smaller than this may compress as they like
PROBE_BYTES = 256  # the most ever decompressed from one entry

# Entries that are archives themselves (an Office document's own embedded documents are allowed:
# they are parts of the format, and nothing here ever opens them).
NESTED_ARCHIVE_SUFFIXES = (
    ".zip",
    ".rar",
    ".7z",
    ".gz",
    ".tgz",
    ".tar",
    ".bz2",
    ".xz",
    ".zst",
    ".jar",
    ".war",
    ".apk",
    ".cab",
    ".iso",
    ".arj",
    ".lzh",
)
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_MAX_COMMENT = 0xFFFF

ARCHIVE_REFUSED = "Archive refusée : le fichier n'est pas un document bureautique valide."
BOMB_REFUSED = (
    "Archive refusée : son contenu décompressé serait démesuré par rapport à sa taille "
    "(fichier piégé ou corrompu)."
)
TOO_MANY_ENTRIES = f"Archive refusée : elle contient trop d'éléments (plus de {MAX_ENTRIES})."
NESTED_REFUSED = "Archive refusée : elle contient elle-même une archive ({name})."
ENCRYPTED_REFUSED = "Archive refusée : elle est chiffrée ou protégée par un mot de passe."


class ArchiveRefused(ValueError):
    """A ZIP container that is not inspected further; ``str(error)`` is the French reason."""


@dataclass(frozen=True)
class ZipContents:
    """What the checks need: the entry names, and the first bytes of the entries asked for."""

    names: frozenset[str]
    heads: dict[str, bytes]


def _declared_entry_count(data: bytes) -> int:
    """The entry count of the End Of Central Directory record, before any entry is parsed."""
    tail_start = max(0, len(data) - (_EOCD_SIZE + _MAX_COMMENT))
    at = data.rfind(_EOCD, tail_start)
    if at < 0 or at + _EOCD_SIZE > len(data):
        raise ArchiveRefused(ARCHIVE_REFUSED)
    _sig, _disk, _cd_disk, _here, total, cd_size, _cd_offset, _comment = struct.unpack(
        "<4sHHHHIIH", data[at : at + _EOCD_SIZE]
    )
    if total == 0xFFFF or cd_size == 0xFFFFFFFF:  # ZIP64: never needed by a document of this size
        raise ArchiveRefused(TOO_MANY_ENTRIES if total == 0xFFFF else ARCHIVE_REFUSED)
    return int(total)


def _check_entry(info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        raise ArchiveRefused(ENCRYPTED_REFUSED)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ArchiveRefused(ARCHIVE_REFUSED)  # bzip2 and lzma cannot be read in bounded steps
    if info.filename.lower().endswith(NESTED_ARCHIVE_SUFFIXES):
        raise ArchiveRefused(NESTED_REFUSED.format(name=info.filename[-60:]))
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise ArchiveRefused(BOMB_REFUSED)
    # Deflate never grows data by more than a few bytes per block: more compressed bytes than
    # declared ones means the declared size lies (a bomb hiding from the ratio check).
    if info.compress_size > info.file_size + info.file_size // 100 + 64:
        raise ArchiveRefused(BOMB_REFUSED)


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """At most PROBE_BYTES of an entry, whatever its declared or real size."""
    with archive.open(info) as entry:
        return entry.read(PROBE_BYTES)


def inspect_zip(data: bytes, wanted: tuple[str, ...] = ()) -> ZipContents:
    """The names of the archive's entries and the first bytes of the ``wanted`` ones.

    Raises ArchiveRefused (French reason) for anything that is not a plain, reasonable archive.
    """
    if _declared_entry_count(data) > MAX_ENTRIES:
        raise ArchiveRefused(TOO_MANY_ENTRIES)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()  # the central directory only
            if len(infos) > MAX_ENTRIES:
                raise ArchiveRefused(TOO_MANY_ENTRIES)
            total = 0
            for info in infos:
                _check_entry(info)
                total += info.file_size
            if total > MAX_TOTAL_UNCOMPRESSED:
                raise ArchiveRefused(BOMB_REFUSED)
            by_name = {info.filename: info for info in infos}
            heads = {name: _head(archive, by_name[name]) for name in wanted if name in by_name}
            return ZipContents(frozenset(by_name), heads)
    except ArchiveRefused:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise ArchiveRefused(ARCHIVE_REFUSED) from exc
