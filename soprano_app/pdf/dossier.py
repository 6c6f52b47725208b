"""« Dossier complet »: the application as filed (the catalogue's recap, as the authorisation prints
it) and its history with the comments, for the archive ZIP (``services/dossier_archive.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.forms.display import RecapRubrique
from .authorisation import (
    DEMO_NOTICE,
    DISCLAIMER,
    GRID,
    PRODUCT,
    SHADE,
    WIDTH,
    _pairs_table,
    _register_fonts,
    _styles,
    _text,
    build,
    recap_story,
)


@dataclass(frozen=True)
class HistoryLine:
    date: str
    author: str
    kind: str
    change: str
    message: str


@dataclass(frozen=True)
class DossierDocument:
    numero: str
    title: str  # « Demande d'autorisation — Admission temporaire »
    facts: list[tuple[str, str]]  # (label, value): company, service, status, dates
    rubriques: list[RecapRubrique] = field(default_factory=list)
    history: list[HistoryLine] = field(default_factory=list)
    demo: bool = False


def _build(doc: DossierDocument, story: list[Any], subject: str) -> bytes:
    def on_page(canvas: rl_canvas.Canvas, _template: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("DejaVu-Bold", 9)
        canvas.drawString(15 * mm, A4[1] - 12 * mm, PRODUCT)
        canvas.setFont("DejaVu", 8)
        canvas.drawString(15 * mm, A4[1] - 17 * mm, f"Dossier n° {doc.numero} — {subject}")
        canvas.setFont("DejaVu", 6.5)
        canvas.drawString(15 * mm, 10 * mm, DISCLAIMER)
        if doc.demo:
            canvas.setFont("DejaVu-Bold", 8)
            canvas.drawString(15 * mm, A4[1] - 22 * mm, DEMO_NOTICE)
        canvas.restoreState()

    return build(story, on_page, title=f"Dossier {doc.numero} — {subject}", top_margin=30 * mm)


def _heading(doc: DossierDocument, st: dict[str, Any]) -> list[Any]:
    facts = [
        [Paragraph(_text(label), st["label"]), Paragraph(_text(value), st["base"])]
        for label, value in doc.facts
    ]
    return [
        Paragraph(_text(doc.title), st["title"]),
        Paragraph(f"Dossier n° {_text(doc.numero)}", st["subtitle"]),
        Spacer(1, 3 * mm),
        _pairs_table(facts, shaded=True),
        Spacer(1, 3 * mm),
    ]


def render_application(doc: DossierDocument) -> bytes:
    _register_fonts()
    st = _styles()
    return _build(
        doc, [*_heading(doc, st), *recap_story(doc.rubriques, st, "Données de la demande")], "demande"
    )


def render_history(doc: DossierDocument) -> bytes:
    """Every entry the reader may see, oldest first, with its message (comments included)."""
    _register_fonts()
    st = _styles()
    rows: list[list[Any]] = [
        [Paragraph(title, st["bold"]) for title in ("Date", "Auteur", "Événement", "Message")]
    ]
    for line in doc.history:
        event = line.kind + (f" — {line.change}" if line.change else "")
        rows.append(
            [
                Paragraph(_text(line.date), st["small"]),
                Paragraph(_text(line.author), st["small"]),
                Paragraph(_text(event), st["small"]),
                Paragraph(_text(line.message), st["small"]),
            ]
        )
    table = Table(rows, colWidths=[28 * mm, 35 * mm, 45 * mm, WIDTH - 108 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
            ]
        )
    )
    story = [*_heading(doc, st), Paragraph("Historique et commentaires", st["h1"]), table]
    return _build(doc, story, "historique")
