"""The field catalogue (spec §1): one declaration per field, read by every screen and check.

Rubriques in form order (guide §3): Demandeur, Comptabilités / écritures, Marchandises et produits,
Divers, Données spécifiques (of the chosen regime), Validation.
"""

from __future__ import annotations

from . import comptabilite, demandeur, divers, marchandises, specifiques, validation
from .model import Block, Catalogue, Field, Group, Item, Kind, Option, Rubrique, RubriqueDef, Section

CATALOGUE = Catalogue(
    (
        demandeur.RUBRIQUE,
        comptabilite.RUBRIQUE,
        marchandises.RUBRIQUE,
        divers.RUBRIQUE,
        specifiques.RUBRIQUE,
        validation.RUBRIQUE,
    )
)

__all__ = [
    "CATALOGUE",
    "Block",
    "Catalogue",
    "Field",
    "Group",
    "Item",
    "Kind",
    "Option",
    "Rubrique",
    "RubriqueDef",
    "Section",
]
