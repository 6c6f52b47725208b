"""Hostile files built in memory: zip bombs (honest and lying), crowded and nested archives."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

# Zeros deflate about 1,000 times: 200 MB inflate from ~200 KB.
BOMB_SIZE = 200 * 1024 * 1024


def _deflated_zeros(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1024 * 1024)
    parts = [compressor.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(compressor.flush())
    return b"".join(parts)


def _raw_zip(entries: list[tuple[str, bytes, int, int, int]], flags: int = 0) -> bytes:
    """A ZIP written by hand: (name, stored bytes, method, declared size, crc) per entry, so that the
    declared sizes can lie about what the data inflates to."""
    out = io.BytesIO()
    central = []
    for name, payload, method, declared, crc in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack(
                "<4sHHHHHIIIHH",
                b"PK\x03\x04",
                20,
                flags,
                method,
                0,
                0,
                crc,
                len(payload),
                declared,
                len(encoded),
                0,
            )
        )
        out.write(encoded)
        out.write(payload)
        central.append(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                flags,
                method,
                0,
                0,
                crc,
                len(payload),
                declared,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for record in central:
        out.write(record)
    size = out.tell() - start
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()


def honest_bomb(name: str = "mimetype") -> bytes:
    """An « ODT » whose mimetype entry says, truthfully, that it inflates to 200 MB."""
    return _raw_zip([(name, _deflated_zeros(BOMB_SIZE), zipfile.ZIP_DEFLATED, BOMB_SIZE, 0)])


def lying_bomb() -> bytes:
    """The same bomb, but the headers declare 40 bytes: only reading it would tell."""
    return _raw_zip(
        [
            ("mimetype", _deflated_zeros(BOMB_SIZE), zipfile.ZIP_DEFLATED, 40, 0),
            ("content.xml", b"<x/>", zipfile.ZIP_STORED, 4, zlib.crc32(b"<x/>")),
        ]
    )


def lying_docx_bomb() -> bytes:
    """An Office-looking archive whose main part is a lying bomb."""
    return _raw_zip(
        [
            ("[Content_Types].xml", b"<x/>", zipfile.ZIP_STORED, 4, zlib.crc32(b"<x/>")),
            ("word/document.xml", _deflated_zeros(BOMB_SIZE), zipfile.ZIP_DEFLATED, 4000, 0),
        ]
    )


def crowded(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        for i in range(count):
            archive.writestr(f"word/part{i}.xml", b"")
    return buffer.getvalue()


def with_entry(name: str, data: bytes = b"PK\x03\x04", method: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        archive.writestr("word/document.xml", b"<x/>")
        archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


def encrypted_docx() -> bytes:
    return _raw_zip(
        [
            ("[Content_Types].xml", b"<x/>", zipfile.ZIP_STORED, 4, zlib.crc32(b"<x/>")),
            ("word/document.xml", b"<x/>", zipfile.ZIP_STORED, 4, zlib.crc32(b"<x/>")),
        ],
        flags=0x1,
    )


def plausible_bomb() -> bytes:
    """A bomb whose headers pass every check: it declares as many bytes as it stores (ratio 1)."""
    payload = _deflated_zeros(BOMB_SIZE)
    return _raw_zip([("mimetype", payload, zipfile.ZIP_DEFLATED, len(payload), 0)])
