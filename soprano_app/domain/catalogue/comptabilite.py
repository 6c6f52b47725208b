"""Rubrique placeholder, being written."""

from __future__ import annotations

from .model import Rubrique, RubriqueDef

RUBRIQUE = RubriqueDef(Rubrique.COMPTABILITE, ())
