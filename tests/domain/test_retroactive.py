"""Retroactive effect (UCC 211(2), RDC 172): who may have it, from when, on which conditions."""

from __future__ import annotations

from datetime import date as D

from soprano_app.domain.retroactive import CONFIRMED_BY_CUSTOMS, RetroFacts, earliest, retroactive_refused

TODAY = D(2026, 12, 1)
ALL = frozenset(CONFIRMED_BY_CUSTOMS)
ASKED = RetroFacts(requested=True, accepted_on=D(2026, 11, 10), annex_71_02=False)


def test_a_start_from_today_needs_nothing_and_an_unrequested_one_is_refused() -> None:
    assert retroactive_refused(TODAY, TODAY, RetroFacts(False, D(2026, 11, 10), False), frozenset()) == ""
    assert "ne sollicite pas d'effet rétroactif" in retroactive_refused(
        D(2026, 11, 1), TODAY, RetroFacts(False, D(2026, 11, 10), False), ALL
    )


def test_the_earliest_date_of_rdc_172() -> None:
    assert earliest(ASKED) == D(2025, 11, 10)
    assert earliest(RetroFacts(True, D(2026, 11, 10), True)) == D(2026, 8, 10)  # Annex 71-02: 3 months
    renewal = RetroFacts(True, D(2026, 11, 10), False, previous_end=D(2026, 10, 31), renewal=True)
    assert earliest(renewal) == D(2026, 11, 1)
    assert "au plus tôt le 10/11/2025" in retroactive_refused(D(2025, 11, 9), TODAY, ASKED, ALL)
    assert retroactive_refused(D(2025, 11, 10), TODAY, ASKED, ALL) == ""


def test_conditions_e_and_f_are_checked_and_a_to_d_confirmed() -> None:
    again = RetroFacts(True, D(2026, 11, 10), False, earlier_retroactive=(D(2024, 3, 1),))
    assert "Condition e)" in retroactive_refused(D(2026, 6, 1), TODAY, again, ALL)
    old = RetroFacts(True, D(2026, 11, 10), False, earlier_retroactive=(D(2023, 11, 9),))
    assert retroactive_refused(D(2026, 6, 1), TODAY, old, ALL) == ""
    examined = RetroFacts(True, D(2026, 11, 10), False, economic_examination=True)
    assert "Condition f)" in retroactive_refused(D(2026, 6, 1), TODAY, examined, ALL)
    assert "Confirmez" in retroactive_refused(D(2026, 6, 1), TODAY, ASKED, frozenset({"a", "b", "c"}))
