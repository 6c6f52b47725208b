"""The printable authorisation (guide §5 « Sauvegarder/imprimer l'autorisation »), with ReportLab.

The body is the catalogue's recap of the granted data (``domain.forms.display.recap``), so the PDF
shows the same labels, order and formatting as the screens. Every text coming from users goes through
``_text`` (escaped: ReportLab paragraphs understand a little markup).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.forms.display import RecapRubrique, RecapTable

PRODUCT = "SOPRANO libre — régimes particuliers"
DISCLAIMER = (
    "Document produit par SOPRANO libre, logiciel libre indépendant : ce n'est pas un document officiel "
    "de l'administration des douanes."
)
DEMO_NOTICE = "Environnement de démonstration — données fictives, sans valeur juridique."
FONTS = Path(__file__).resolve().parent / "fonts"
WIDTH = A4[0] - 30 * mm  # 15 mm margins
GRID = colors.HexColor("#c9ced6")
SHADE = colors.HexColor("#f1f3f5")
NARROW_GROUP = 4  # groups with more columns print one block per line


@dataclass(frozen=True)
class AuthorisationDocument:
    numero: str
    regime_label: str
    type_code: str
    titulaire: str
    titulaire_eori: str
    valid_from: str
    valid_to: str
    granted_at: str
    granted_by: str
    dossier_numero: str
    status_label: str
    verify_url: str
    version_label: str = "Décision initiale"
    demo: bool = False
    rubriques: list[RecapRubrique] = field(default_factory=list)
    statement: str = ""  # « Situation au … » when printed as it stood on a date; empty: as issued
    guarantee: str = ""  # the guarantee the decision requires (domain/guarantee.py)


def title_of(doc: AuthorisationDocument) -> str:
    """« Autorisation de perfectionnement actif », « Autorisation d'entrepôt douanier »."""
    regime = doc.regime_label.lower()
    return f"Autorisation d'{regime}" if regime[:1] in "aeéèêiîoôuy" else f"Autorisation de {regime}"


def _register_fonts() -> None:
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName="DejaVu", fontSize=8.5, leading=11)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "label": ParagraphStyle("label", parent=base, textColor=colors.HexColor("#495057")),
        "title": ParagraphStyle("title", parent=base, fontName="DejaVu-Bold", fontSize=16, leading=20),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=14),
        "h1": ParagraphStyle(
            "h1", parent=base, fontName="DejaVu-Bold", fontSize=12, leading=15, spaceBefore=8, spaceAfter=4
        ),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName="DejaVu-Bold", fontSize=9.5, leading=12, spaceBefore=6, spaceAfter=2
        ),
        "bold": ParagraphStyle("bold", parent=base, fontName="DejaVu-Bold"),
    }


def _text(value: Any) -> str:
    """User text, escaped, with its line breaks kept."""
    return escape(str(value)).replace("\n", "<br/>")


class _NumberedCanvas(rl_canvas.Canvas):
    """Draws « Page x / y » once the page count is known (two passes over the saved pages)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for page in self._saved:
            self.__dict__.update(page)
            self.setFont("DejaVu", 7.5)
            self.drawRightString(A4[0] - 15 * mm, 10 * mm, f"Page {self._pageNumber} / {total}")
            super().showPage()
        super().save()


def _facts(doc: AuthorisationDocument, st: dict[str, ParagraphStyle]) -> Table:
    rows = [
        (
            "Titulaire",
            f"{doc.titulaire} — EORI {doc.titulaire_eori}" if doc.titulaire_eori else doc.titulaire,
        ),
        ("Régime", doc.regime_label),
        ("Code du type de décision", doc.type_code),
        ("Prise d'effet", doc.valid_from),
        ("Fin de validité", doc.valid_to),
        ("Statut à cette date" if doc.statement else "Statut à la délivrance", doc.status_label),
        ("Version", doc.version_label),
        ("Délivrée le", doc.granted_at),
        ("Par", doc.granted_by),
        *([("Garantie", doc.guarantee)] if doc.guarantee else []),
        ("Dossier de demande", doc.dossier_numero),
    ]
    table = Table(
        [[Paragraph(_text(k), st["label"]), Paragraph(_text(v), st["bold"])] for k, v in rows],
        colWidths=[45 * mm, WIDTH - 45 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _column_widths(group: RecapTable) -> list[float]:
    """Wider columns for longer contents (capped, so one long text does not squeeze the others)."""
    weights = [
        min(40, max([len(header)] + [len(row[i]) for row in group.rows if i < len(row)])) + 6
        for i, header in enumerate(group.columns)
    ]
    return [WIDTH * w / sum(weights) for w in weights]


def _group_table(group: RecapTable, st: dict[str, ParagraphStyle]) -> Table:
    header = [Paragraph(_text(c), st["small"]) for c in group.columns]
    body = [[Paragraph(_text(cell), st["small"]) for cell in row] for row in group.rows]
    table = Table([header, *body], colWidths=_column_widths(group), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("GRID", (0, 0), (-1, -1), 0.3, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _group(group: RecapTable, st: dict[str, ParagraphStyle]) -> list[Any]:
    """A repeatable group: a table when it is narrow, else one label/value block per line."""
    parts: list[Any] = [Paragraph(_text(group.label), st["label"])]
    if not group.rows:
        parts.append(Paragraph("Aucune ligne.", st["small"]))
    elif len(group.columns) <= NARROW_GROUP:
        parts.append(_group_table(group, st))
    else:
        for number, row in enumerate(group.rows, start=1):
            pairs = [
                [Paragraph(_text(column), st["label"]), Paragraph(_text(value), st["base"])]
                for column, value in zip(group.columns, row, strict=False)
            ]
            parts.append(
                KeepTogether([Paragraph(f"Ligne {number}", st["bold"]), _pairs_table(pairs, shaded=True)])
            )
    parts.append(Spacer(1, 2 * mm))
    return parts


def _rubriques(doc: AuthorisationDocument, st: dict[str, ParagraphStyle]) -> list[Any]:
    return recap_story(doc.rubriques, st, "Données autorisées")


def recap_story(rubriques: list[RecapRubrique], st: dict[str, ParagraphStyle], heading: str) -> list[Any]:
    """The catalogue's recap as flowables: the same labels, order and tables as the screens."""
    story: list[Any] = [Paragraph(_text(heading), st["h1"])]
    for rubrique in rubriques:
        story.append(Paragraph(_text(rubrique.label), st["h1"]))
        for section in rubrique.sections:
            if not section.entries:
                continue
            story.append(Paragraph(_text(section.title), st["h2"]))
            pairs: list[list[Any]] = []
            for entry in section.entries:
                if isinstance(entry, RecapTable):
                    if pairs:
                        story.append(_pairs_table(pairs))
                        pairs = []
                    story.extend(_group(entry, st))
                    continue
                indent = "&nbsp;" * 4 * entry.depth
                label = Paragraph(indent + _text(entry.label), st["bold"] if entry.heading else st["label"])
                pairs.append([label, Paragraph(_text(entry.value), st["base"])])
            if pairs:
                story.append(_pairs_table(pairs))
    return story


def _pairs_table(pairs: list[list[Any]], shaded: bool = False) -> Table:
    table = Table(pairs, colWidths=[70 * mm, WIDTH - 70 * mm])
    table.setStyle(
        TableStyle(
            ([("BACKGROUND", (0, 0), (0, -1), SHADE)] if shaded else [])
            + [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def render(doc: AuthorisationDocument) -> bytes:
    """The PDF bytes: header on every page, QR code to the authorisation page on the first."""
    _register_fonts()
    st = _styles()

    def on_page(canvas: rl_canvas.Canvas, template: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("DejaVu-Bold", 9)
        canvas.drawString(15 * mm, A4[1] - 12 * mm, PRODUCT)
        canvas.setFont("DejaVu", 8)
        canvas.drawString(15 * mm, A4[1] - 17 * mm, f"Autorisation n° {doc.numero}")
        canvas.setFont("DejaVu", 6.5)
        canvas.drawString(15 * mm, 10 * mm, DISCLAIMER)
        if doc.demo:
            canvas.setFillColor(colors.HexColor("#b54708"))
            canvas.setFont("DejaVu-Bold", 8)
            canvas.drawString(15 * mm, A4[1] - 22 * mm, DEMO_NOTICE)
        if template.page == 1:
            widget = QrCodeWidget(doc.verify_url)
            x0, y0, x1, y1 = widget.getBounds()
            size = 24 * mm
            drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
            drawing.add(widget)
            renderPDF.draw(drawing, canvas, A4[0] - 15 * mm - size, A4[1] - 8 * mm - size)
        canvas.restoreState()

    story: list[Any] = [
        Paragraph(_text(title_of(doc)), st["title"]),
        Paragraph(f"n° {_text(doc.numero)}", st["subtitle"]),
        *([Paragraph(_text(doc.statement), st["bold"])] if doc.statement else []),
        Paragraph(
            _text(f"Statut du jour et empreinte du document délivré : {doc.verify_url} (code QR ci-contre)."),
            st["small"],
        ),
        Spacer(1, 4 * mm),
        KeepTogether([_facts(doc, st)]),
        Spacer(1, 4 * mm),
        *_rubriques(doc, st),
    ]
    return build(
        story, on_page, title=f"Autorisation {doc.numero}", subject=title_of(doc), top_margin=36 * mm
    )


def build(
    story: list[Any], on_page: Any, *, title: str, subject: str = "", top_margin: float = 36 * mm
) -> bytes:
    """An A4 document of the application: 15 mm margins, ``on_page`` on every page, « Page x / y »."""
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=top_margin,
        bottomMargin=18 * mm,
        title=title,
        author=PRODUCT,
        subject=subject,
        lang="fr-FR",
    )
    template.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
