"""« Importer un fichier » of goods lines: read and check 500 lines (3 wrong) from an XLSX and a CSV,
in-process, as the import dialog does before showing them (``domain/tabular.py`` then
``domain/forms/goods_import.read_lines``); the median of ``--runs``.

    python -m bench.goods_import --lines 500
"""

from __future__ import annotations

import argparse
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from soprano_app import app_clock
    from soprano_app.domain.forms import FormContext
    from soprano_app.domain.forms.goods_import import headers, read_lines
    from soprano_app.domain.regimes import Regime
    from soprano_app.domain.spreadsheets import csv_bytes, xlsx_bytes
    from soprano_app.domain.tabular import table_rows

    titles = headers()
    wrong = {args.lines // 5, args.lines // 2, args.lines - 7}
    rows = [
        ["12345", f"Ligne fausse {n}", "-1", "boisseaux", "beaucoup", "EUR", "non", "non"]
        if n in wrong
        else ["84571010", f"Centre d'usinage n° {n}", "1", "p/st", str(1000 + n), "EUR", "non", "non"]
        for n in range(args.lines)
    ]
    files = {"xlsx": xlsx_bytes("Marchandises", titles, rows), "csv": csv_bytes(titles, rows)}
    context = FormContext(Regime.AT, app_clock.today())
    for kind, data in files.items():
        read, checked = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            table = table_rows(f"m.{kind}", data, 1000)
            middle = time.perf_counter()
            preview = read_lines(table, {"regime": "AT"}, context)
            read.append((middle - started) * 1000)
            checked.append((time.perf_counter() - middle) * 1000)
        print(
            f"{kind:<5} {len(data) / 1024:6.0f} KB  read {statistics.median(read):7.1f} ms  "
            f"check {statistics.median(checked):7.1f} ms  "
            f"({len(preview.good)} good, {len(preview.lines) - len(preview.good)} wrong)"
        )


if __name__ == "__main__":
    main()
