"""Small files of each accepted format, and hostile ones, built in memory."""

from __future__ import annotations

import io
import zipfile


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
JPEG = b"\xff\xd8\xff\xe0" + bytes(64)
ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
ODS = zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
DOCX = zipped({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})
XLSX = zipped({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
CSV = "code;désignation\n84571010;centre d'usinage\n".encode()
EXE = b"MZ\x90\x00\x03" + bytes(200)
ELF = b"\x7fELF\x02\x01\x01" + bytes(200)
JAR = zipped({"META-INF/MANIFEST.MF": b"Main-Class: X"})
PASSWD = b"root:x:0:0:root:/root:/bin/bash\n"
