"""Rows of an uploaded CSV or XLSX table, read in bounded memory and time.

CSV: UTF-8 (with or without BOM), else Windows-1252; « ; », « , » or tab, as the header line
shows. XLSX: the archive is judged from its central directory first (``archives.inspect_zip``:
ratio, sizes, encryption, nesting), the shared strings and the whole content are capped, then the
first sheet is streamed and reading stops after ``max_rows``. Every cell comes back as text, as a
user would have typed it (numbers without a trailing « .0 », dates as JJ/MM/AAAA).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

from .archives import ArchiveRefused, inspect_zip

MAX_XLSX_CONTENT = 64 * 1024 * 1024  # declared, all parts together
MAX_SHARED_STRINGS = 16 * 1024 * 1024  # read whole by the XLSX reader: capped apart
MAX_COLUMNS = 40


class TableRefused(ValueError):
    """The file cannot be read as a table; ``str(error)`` is the French reason."""


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):  # datetimes too: a spreadsheet's dates carry a time of 00:00
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def csv_rows(data: bytes, max_rows: int) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    rows = []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        rows.append([cell.strip() for cell in row[:MAX_COLUMNS]])
        if len(rows) > max_rows:
            break
    return rows


def xlsx_rows(data: bytes, max_rows: int) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        inspect_zip(data)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except ArchiveRefused as exc:
        raise TableRefused(str(exc)) from exc
    if sum(i.file_size for i in infos) > MAX_XLSX_CONTENT or any(
        i.filename.lower() == "xl/sharedstrings.xml" and i.file_size > MAX_SHARED_STRINGS for i in infos
    ):
        raise TableRefused(
            "Fichier trop volumineux une fois décompressé : importez au plus quelques milliers de lignes."
        )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(max_row=max_rows + 1, max_col=MAX_COLUMNS, values_only=True):
            cells = [_cell(v) for v in values]
            while cells and not cells[-1]:  # the reader pads every row to the widest one
                cells.pop()
            rows.append(cells)
        book.close()
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise TableRefused("Le classeur ne peut pas être lu : enregistrez-le au format XLSX ou CSV.") from exc
    return rows


def table_rows(file_name: str, data: bytes, max_rows: int) -> list[list[str]]:
    """The rows of a .csv or .xlsx file (at most ``max_rows`` + 1, header included)."""
    name = file_name.lower()
    if name.endswith(".csv"):
        return csv_rows(data, max_rows)
    if name.endswith(".xlsx"):
        if not data.startswith(b"PK"):
            raise TableRefused("Ce fichier n'est pas un classeur XLSX.")
        return xlsx_rows(data, max_rows)
    raise TableRefused("Importez un fichier CSV ou XLSX (Excel, LibreOffice).")
