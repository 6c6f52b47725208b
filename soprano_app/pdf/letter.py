"""A decision letter as PDF (``domain/letters.py`` composes it), with the same fonts, header and
disclaimer as the printed authorisation. Every text goes through ``_text`` (escaped)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from ..domain.letters import Letter
from .authorisation import DEMO_NOTICE, DISCLAIMER, PRODUCT, _NumberedCanvas, _register_fonts, _styles, _text


def render(letter: Letter) -> bytes:
    _register_fonts()
    st = _styles()
    body = st["base"].clone("body", fontSize=10, leading=14, spaceAfter=6)

    def on_page(canvas: rl_canvas.Canvas, _template: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("DejaVu-Bold", 9)
        canvas.drawString(20 * mm, A4[1] - 12 * mm, PRODUCT)
        canvas.setFont("DejaVu", 8)
        canvas.drawString(20 * mm, A4[1] - 17 * mm, f"Référence : {letter.reference}")
        canvas.setFont("DejaVu", 6.5)
        canvas.drawString(20 * mm, 10 * mm, DISCLAIMER)
        if letter.demo:
            canvas.setFillColor(colors.HexColor("#b54708"))
            canvas.setFont("DejaVu-Bold", 8)
            canvas.drawString(20 * mm, A4[1] - 22 * mm, DEMO_NOTICE)
        canvas.restoreState()

    story: list[Any] = [
        *[
            Paragraph(_text(line), st["bold"] if n == 0 else st["base"])
            for n, line in enumerate(letter.heading)
        ],
        Spacer(1, 8 * mm),
        Paragraph(_text(letter.title), st["title"]),
        Spacer(1, 2 * mm),
        Paragraph(_text(letter.legal), st["small"]),
        Spacer(1, 5 * mm),
        *[Paragraph(_text(paragraph), body) for paragraph in letter.paragraphs],
        *([Spacer(1, 3 * mm), Paragraph(_text(letter.appeal), st["base"])] if letter.appeal else []),
        Spacer(1, 8 * mm),
        Paragraph(_text(letter.signature), st["base"]),
    ]
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=30 * mm,
        bottomMargin=18 * mm,
        title=letter.title,
        author=PRODUCT,
        lang="fr-FR",
    )
    template.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
