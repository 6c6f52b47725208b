"""What the application writes into CSV and XLSX files is never read as a formula."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from soprano_app.domain.spreadsheets import csv_bytes, neutralise, xlsx_bytes


@pytest.mark.parametrize(
    "hostile",
    [
        '=HYPERLINK("http://evil.example","Cliquez")',
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
        "＝1+1",
    ],
)
def test_formula_like_text_is_prefixed(hostile: str) -> None:
    assert neutralise(hostile) == "'" + hostile


@pytest.mark.parametrize("plain", ["Ateliers Durand", "-12,5", "+3", "42", "", "a=b", "FR12345678901234"])
def test_plain_text_and_numbers_are_left_alone(plain: str) -> None:
    assert neutralise(plain) == plain


def test_numbers_and_dates_keep_their_type() -> None:
    assert (
        neutralise(-3) == -3 and neutralise(2.5) == 2.5 and neutralise(date(2026, 1, 2)) == date(2026, 1, 2)
    )


def test_the_csv_writer_neutralises_every_cell() -> None:
    data = csv_bytes(["Raison sociale", "=En-tête"], [["=1+1", 3], [None, "@x"]])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Raison sociale", "'=En-tête"], ["'=1+1", "3"], ["", "'@x"]]


def test_the_xlsx_writer_neutralises_every_cell_and_keeps_numbers() -> None:
    from openpyxl import load_workbook

    data = xlsx_bytes("Dossiers", ["Raison sociale", "=En-tête"], [['=HYPERLINK("http://evil.example")', 3]])
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [["Raison sociale", "'=En-tête"], ['\'=HYPERLINK("http://evil.example")', 3]]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)  # no formula at all
