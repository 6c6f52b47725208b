"""The form engine: checks of one field, of a whole dossier, and rubrique progress."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..catalogue import CATALOGUE
from .context import FormContext
from .engine import Finding, Severity, check_answers, check_field, submitted_answers
from .progress import PROGRESS_LABELS, Progress, rubrique_progress
from .rules import cross_checks

_ORDER = {r.rubrique: i for i, r in enumerate(CATALOGUE.rubriques)}


def check_dossier(answers: Mapping[str, Any], ctx: FormContext) -> list[Finding]:
    """Everything « Contrôler » reports: field checks, then cross-field rules, grouped by rubrique."""
    findings = check_answers(answers, ctx) + cross_checks(answers, ctx)
    return sorted(findings, key=lambda f: _ORDER[f.rubrique])  # stable: form order kept inside a rubrique


# Answered on the last step (« Valider », after the recap), not while filling the rubriques.
ASKED_AT_SUBMISSION = frozenset({"val_attestation"})


def form_findings(answers: Mapping[str, Any], ctx: FormContext) -> list[Finding]:
    """What « Contrôler » and the recap list: everything but the final attestation."""
    return [f for f in check_dossier(answers, ctx) if f.field_id not in ASKED_AT_SUBMISSION]


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocking]


__all__ = [
    "ASKED_AT_SUBMISSION",
    "PROGRESS_LABELS",
    "Finding",
    "FormContext",
    "Progress",
    "Severity",
    "blocking",
    "check_dossier",
    "check_field",
    "form_findings",
    "rubrique_progress",
    "submitted_answers",
]
