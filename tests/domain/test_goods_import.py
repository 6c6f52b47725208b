"""« Importer un fichier » of goods lines: the columns are the goods table's labels, each line is
checked by the catalogue's rules, lists accept codes, labels or symbols; CSV and XLSX are read in
bounded memory (a ZIP bomb disguised as a workbook is refused before anything is inflated)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from soprano_app.domain.forms import FormContext
from soprano_app.domain.forms.goods_import import MAX_LINES, headers, read_lines
from soprano_app.domain.regimes import Regime
from soprano_app.domain.spreadsheets import xlsx_bytes
from soprano_app.domain.tabular import TableRefused, table_rows

CTX = FormContext(Regime.AT, date(2026, 12, 1))
HEAD = ["Code de la nomenclature combinée", "Désignation des marchandises", "Quantité estimée", "Unité de mesure",
        "Valeur estimée", "Devise", "Pays d'origine (si connu)"]  # fmt: skip
GOOD = ["84571010", "Centre d'usinage", "2", "p/st", "150000", "EUR", "Allemagne"]


def test_the_model_headers_are_the_goods_tables_labels() -> None:
    assert headers()[:4] == HEAD[:4] and "Pays d'origine (si connu)" in headers()


def test_good_and_wrong_lines_are_told_apart_with_their_reasons() -> None:
    table = [
        [*HEAD, "Colonne perso"],
        [*GOOD, "x"],
        ["12", "", "-3", "boisseaux", "abc", "EUR", ""],
        [""] * 7,
    ]
    preview = read_lines(table, {"regime": "AT"}, CTX)
    assert preview.problems == ["Colonne « Colonne perso » inconnue : elle est ignorée."]
    good, bad = preview.lines  # the blank line is skipped
    assert good.ok and good.number == 2
    assert (
        good.row["mp_unite"] == "NAR"
        and good.row["mp_origine"] == "DE"
        and good.row["mp_code_nc"] == "84571010"
    )
    assert not bad.ok and bad.number == 3
    assert any(e.startswith("Quantité estimée") for e in bad.errors)
    assert any(e.startswith("Unité de mesure") for e in bad.errors)
    assert len({line.row["_id"] for line in preview.lines}) == 2  # every line its own row id


def test_headers_are_matched_whatever_their_case_and_accents() -> None:
    table = [[h.upper().replace("É", "E") for h in HEAD], GOOD]
    assert read_lines(table, {"regime": "AT"}, CTX).lines[0].ok


def test_a_file_without_known_columns_says_so() -> None:
    preview = read_lines([["A", "B"], ["1", "2"]], {}, CTX)
    assert preview.lines == [] and preview.problems[0].startswith("Aucune colonne reconnue")
    assert read_lines([], {}, CTX).problems[0].startswith("Le fichier est vide")


def test_csv_and_xlsx_give_the_same_lines() -> None:
    csv_data = ("\ufeff" + ";".join(HEAD) + "\r\n" + ";".join(GOOD) + "\r\n").encode()
    xlsx = xlsx_bytes("Marchandises", HEAD, [GOOD])
    assert table_rows("m.csv", csv_data, 10) == table_rows("m.xlsx", xlsx, 10) == [HEAD, GOOD]
    comma = (",".join(HEAD) + "\n" + ",".join(GOOD) + "\n").encode("cp1252")
    assert table_rows("m.csv", comma, 10)[1] == GOOD


def test_reading_stops_after_the_line_limit() -> None:
    data = (";".join(HEAD) + "\n" + "\n".join(";".join(GOOD) for _ in range(MAX_LINES + 50))).encode()
    assert len(table_rows("m.csv", data, MAX_LINES)) == MAX_LINES + 1


def test_a_bomb_disguised_as_a_workbook_is_refused_unread() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (40 * 1024 * 1024))
    with pytest.raises(TableRefused):
        table_rows("m.xlsx", buffer.getvalue(), 10)
    with pytest.raises(TableRefused, match="CSV ou XLSX"):
        table_rows("m.ods", b"PK", 10)
    with pytest.raises(TableRefused, match="classeur"):
        table_rows("m.xlsx", b"not a zip", 10)
