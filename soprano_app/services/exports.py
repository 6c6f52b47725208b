"""« Exporter » the dossier list as shown (filters, search, order) to CSV or XLSX.

The scope is the session's, as on screen; the file carries no more than the list's columns (never a
private note of the customs service: those are only read by ``services/dossier_notes.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..app_clock import now_utc
from ..domain.formatting import paris_today
from ..domain.spreadsheets import Cell, csv_bytes, xlsx_bytes
from ..domain.statuses import Side
from .access import acting_side
from .auth import SessionContext
from .dashboard import DossierRow, ListFilter, export_rows

KINDS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_ROWS = 20_000


def _columns(side: Side) -> list[tuple[str, str]]:
    """(header, DossierRow attribute) of the file, as the list's columns."""
    columns = [("Numéro de dossier", "numero")]
    if side is Side.CUSTOMS:
        columns.append(("Opérateur", "entreprise"))
    columns += [
        ("Régime", "regime_label"),
        ("Type de demande", "type_demande"),
        ("Statut", "statut_label"),
        ("Dernière modification", "updated_at"),
        ("Échéance", "echeance"),
    ]
    if side is Side.CUSTOMS:
        columns += [("Suivi par", "suivi_par"), ("Alerte", "alerte")]
    return columns


def dossier_list_file(ctx: SessionContext, chosen: ListFilter, kind: str) -> tuple[str, bytes, str]:
    """(file name, content, media type) of the view; ``kind`` is « csv » or « xlsx »."""
    if kind not in KINDS:
        raise ValueError(kind)
    columns = _columns(acting_side(ctx))
    header = [title for title, _ in columns]

    def rows() -> Iterator[list[Cell]]:
        row: DossierRow
        for row in export_rows(ctx, chosen, MAX_ROWS):
            yield [getattr(row, name) for _, name in columns]

    day = paris_today(now_utc()).isoformat()
    name = f"dossiers-{day}.{kind}"
    content = csv_bytes(header, rows()) if kind == "csv" else xlsx_bytes("Dossiers", header, rows())
    return name, content, KINDS[kind]
