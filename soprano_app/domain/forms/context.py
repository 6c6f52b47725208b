"""What the checks need to know besides the answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..regimes import Regime


@dataclass(frozen=True)
class FormContext:
    regime: Regime
    today: date
    type_entrepot: str = ""
    is_representative: bool = False
    # Types of the attachments already joined to the dossier (spec §2.9), for rule 13.
    attachment_types: frozenset[str] = field(default_factory=frozenset)
