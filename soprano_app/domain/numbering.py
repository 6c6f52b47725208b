"""Human-readable numbers (spec §4.4, product proposal)."""

from __future__ import annotations


def dossier_counter(year: int) -> str:
    """Name of the counter that numbers the dossiers submitted in ``year``."""
    return f"dossier-{year}"


def dossier_number(year: int, sequence: int) -> str:
    """« RP-2026-000123 »: one sequence per calendar year."""
    return f"RP-{year}-{sequence:06d}"


def authorisation_counter(type_code: str, year: int) -> str:
    return f"autorisation-{type_code}-{year}"


def authorisation_number(type_code: str, year: int, sequence: int) -> str:
    """« FRIPO2026000123 »: member state, decision type code, year, sequence (spec §4.4)."""
    return f"FR{type_code}{year}{sequence:06d}"
