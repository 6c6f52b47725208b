"""The guarantee the decision requires (UCC art. 89 and 211(3)(c)): none, an individual guarantee,
a comprehensive guarantee (with its authorisation), or a waiver. Customs decide it when granting;
the application only proposes it (``garantie_requise``, ``garantie_montant``, ``garantie_reference``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from babel.numbers import format_currency

MAX_AMOUNT = Decimal("1000000000000")


class GuaranteeKind(StrEnum):
    AUCUNE = "aucune"
    ISOLEE = "isolee"
    GLOBALE = "globale"
    DISPENSE = "dispense"


LABELS = {
    GuaranteeKind.AUCUNE: "Aucune garantie exigée",
    GuaranteeKind.ISOLEE: "Garantie isolée",
    GuaranteeKind.GLOBALE: "Garantie globale (autorisation de garantie globale)",
    GuaranteeKind.DISPENSE: "Dispense de garantie",
}
WITH_AMOUNT = frozenset({GuaranteeKind.ISOLEE, GuaranteeKind.GLOBALE})


@dataclass(frozen=True)
class Guarantee:
    kind: GuaranteeKind
    amount: Decimal | None = None  # EUR, for an individual or comprehensive guarantee
    reference: str = ""  # GRN, or the number of the comprehensive guarantee authorisation

    def describe(self) -> str:
        """« Garantie isolée de 120 000,00 € (référence 26FR…) », as the page and the PDF say it."""
        text = LABELS[self.kind]
        if self.amount is not None:
            text += " de " + format_currency(self.amount, "EUR", locale="fr_FR")
        if self.reference:
            text += f" (référence {self.reference})"
        return text


def parse_amount(text: str) -> Decimal | None:
    """« 120 000,50 » or « 120000.50 » → Decimal; None if it is not an amount."""
    cleaned = "".join(str(text or "").split()).replace("\u202f", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def guarantee_refused(kind: str, amount_text: str, reference: str) -> tuple[Guarantee | None, str]:
    """The guarantee decided, or the French reason it cannot be recorded."""
    try:
        chosen = GuaranteeKind(kind)
    except ValueError:
        return None, "Indiquez la garantie exigée (art. 89 et 211, paragraphe 3, point c), CDU)."
    reference = " ".join(str(reference or "").split())[:35]
    if chosen not in WITH_AMOUNT:
        return Guarantee(chosen), ""
    amount = parse_amount(amount_text)
    if amount is None or amount <= 0 or amount >= MAX_AMOUNT:
        return None, "Indiquez le montant de la garantie en euros (un nombre positif)."
    if chosen is GuaranteeKind.GLOBALE and not reference:
        return None, "Indiquez le numéro de l'autorisation de garantie globale."
    return Guarantee(chosen, amount.quantize(Decimal("0.01")), reference), ""


def stored_text(kind: str | None, amount: str | None, reference: str | None) -> str:
    """What a version records, in words; "" for a decision taken before guarantees were recorded."""
    if not kind:
        return ""
    try:
        chosen = GuaranteeKind(kind)
    except ValueError:
        return ""
    value = parse_amount(amount or "") if amount else None
    return Guarantee(chosen, value, reference or "").describe()


def proposed(answers: dict[str, Any]) -> tuple[str, str, str]:
    """What the grant dialog proposes: the applicant's own proposal (« ne sait pas »: nothing)."""
    requested = str(answers.get("garantie_requise", ""))
    kind = {"isolee": "isolee", "globale": "globale", "dispense": "dispense"}.get(requested, "")
    amount = str(answers.get("garantie_montant", "") or "") if kind in ("isolee", "globale") else ""
    reference = str(answers.get("garantie_reference", "") or "") if kind in ("isolee", "globale") else ""
    return kind, amount.replace(".", ","), reference
