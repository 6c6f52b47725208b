"""Notification of decisions: the appeal period and the effect date follow from the day it reached
the applicant (UCC art. 22(4) and 44)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from soprano_app.domain.authorisation_workflow import LifeAction
from soprano_app.domain.letters import AUTHORISATION_LETTERS, DOSSIER_LETTERS
from soprano_app.domain.notification import appeal_until, describe, is_notified_decision, takes_effect_on
from soprano_app.domain.workflow import Action


def test_two_months_counted_as_a_delai_franc_to_a_working_day() -> None:
    assert appeal_until(date(2026, 12, 1)) == date(2027, 2, 2)
    # 05/01/2027 + 2 months = 05/03; the day after is a Saturday: Monday 08/03.
    assert appeal_until(date(2027, 1, 5)) == date(2027, 3, 8)
    # 31/12 + 2 months = 28/02 (shorter month), the day after is 01/03/2027 (a Monday).
    assert appeal_until(date(2026, 12, 31)) == date(2027, 3, 1)


def test_a_decision_takes_effect_on_notification_or_the_later_date_it_sets() -> None:
    assert takes_effect_on(date(2026, 12, 3)) == date(2026, 12, 3)
    assert takes_effect_on(date(2026, 12, 3), date(2026, 12, 1)) == date(2026, 12, 3)
    assert takes_effect_on(date(2026, 12, 3), date(2027, 1, 1)) == date(2027, 1, 1)


def test_what_the_history_says() -> None:
    assert describe("refuser", None, "", adverse=True).notified.startswith("Pas encore notifiée")
    at = datetime(2026, 12, 1, 14, 4, tzinfo=UTC)  # 15:04 in Paris
    refusal = describe("refuser", at, "ouverture", adverse=True)
    assert refusal.notified == "Notifiée le 01/12/2026 15:04 (première consultation par le demandeur)."
    assert refusal.appeal == "Recours possible jusqu'au 02/02/2027 inclus." and refusal.effect == ""
    grant = describe("accorder", at, "courriel", adverse=False, set_date=date(2027, 1, 1))
    assert "courriel accepté" in grant.notified and grant.appeal == ""
    assert grant.effect.startswith("Prend effet le 01/01/2027 (date fixée par la décision")
    revocation = describe("revoquer", at, "ouverture", adverse=True, set_date=date(2026, 11, 30))
    assert revocation.effect.startswith("Prend effet le 01/12/2026 (date de notification")


def test_the_notified_decisions_are_those_with_a_letter() -> None:
    assert all(is_notified_decision(a) for a in DOSSIER_LETTERS)
    assert all(is_notified_decision(a, on_authorisation=True) for a in AUTHORISATION_LETTERS)
    assert not is_notified_decision(Action.COMMENTER.value)
    assert not is_notified_decision(Action.PROLONGER_ENQUETE.value)
    assert not is_notified_decision(LifeAction.PRESENTER_OBSERVATIONS.value, on_authorisation=True)
    assert not is_notified_decision(None)
