"""Builders of answers for the form-domain tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from soprano_app.domain.forms import FormContext, check_dossier
from soprano_app.domain.forms.engine import Finding
from soprano_app.domain.forms.examples import complete_answers
from soprano_app.domain.forms.prefill import Filer, Party, derive
from soprano_app.domain.regimes import Regime

TODAY = date(2026, 11, 27)
DURAND = Party(
    "Ateliers Durand SAS", "90012345600015", "FR90012345600015", "12 rue de la Mécanique", "", "69007", "Lyon"
)
CLAIRE = Filer("Claire", "Durand", "operateur@demo.fr")
TRANSIT = Party(
    "Rhône Transit Services SARL",
    "90045678100013",
    "FR90045678100013",
    "8 avenue du Port",
    "",
    "69007",
    "Lyon",
)
MARC = Filer("Marc", "Lefèvre", "representant@demo.fr", representative_firm=TRANSIT)


def ctx(regime: Regime, **kw: Any) -> FormContext:
    return FormContext(regime=regime, today=TODAY, type_entrepot=kw.pop("type_entrepot", "CWP_AGREE"), **kw)


def complete(regime: Regime, **changes: Any) -> dict[str, Any]:
    answers = complete_answers(regime, DURAND, CLAIRE, TODAY)
    answers.update(changes)
    return derive(answers, regime)  # as the server does after every change


def findings(regime: Regime, answers: dict[str, Any], **kw: Any) -> list[Finding]:
    return check_dossier(answers, ctx(regime, **kw))


def messages(regime: Regime, answers: dict[str, Any], **kw: Any) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for finding in findings(regime, answers, **kw):
        result.setdefault(finding.field_id, []).append(finding.message)
    return result
