"""Avenants and renewals in the domain: status, who may start what, validity, and the diff."""

from __future__ import annotations

import copy
from datetime import date

from soprano_app.domain.authorisations import (
    AuthorisationStatus,
    Validity,
    follow_up_answers,
    follow_up_refused,
    status_on,
    validity_refused,
)
from soprano_app.domain.forms.diff import changes
from soprano_app.domain.forms.engine import ROW_ID
from soprano_app.domain.regimes import Regime, TypeDemande
from tests.forms_support import complete, ctx

D = date
AV, RE = TypeDemande.AVENANT, TypeDemande.RENOUVELLEMENT


def test_status_from_the_validity_dates() -> None:
    assert status_on(D(2027, 1, 1), D(2029, 1, 1), D(2026, 12, 31)) is AuthorisationStatus.A_VENIR
    assert status_on(D(2027, 1, 1), D(2029, 1, 1), D(2027, 1, 1)) is AuthorisationStatus.EN_VIGUEUR
    assert status_on(D(2027, 1, 1), D(2029, 1, 1), D(2029, 1, 1)) is AuthorisationStatus.EN_VIGUEUR
    assert status_on(D(2027, 1, 1), D(2029, 1, 1), D(2029, 1, 2)) is AuthorisationStatus.EXPIREE
    assert status_on(D(2027, 1, 1), None, D(2040, 1, 1)) is AuthorisationStatus.EN_VIGUEUR  # ED


def test_a_renewed_authorisation_is_replaced_from_the_day_its_renewal_takes_effect() -> None:
    old, renewal_start = (D(2024, 1, 1), D(2026, 12, 31)), D(2027, 1, 1)
    assert status_on(*old, D(2026, 12, 31), renewal_start) is AuthorisationStatus.EN_VIGUEUR
    assert status_on(*old, D(2027, 1, 1), renewal_start) is AuthorisationStatus.REMPLACEE
    assert status_on(*old, D(2027, 6, 1), renewal_start) is AuthorisationStatus.REMPLACEE  # never « Expirée »
    late = D(2027, 2, 1)  # a renewal granted after the end: expired in between, then replaced
    assert status_on(*old, D(2027, 1, 15), late) is AuthorisationStatus.EXPIREE
    assert status_on(*old, D(2027, 2, 1), late) is AuthorisationStatus.REMPLACEE
    early = D(2026, 6, 1)  # a renewal taking effect before the old end replaces it then
    assert status_on(*old, D(2026, 6, 1), early) is AuthorisationStatus.REMPLACEE
    assert "remplacée" in follow_up_refused(RE, AuthorisationStatus.REMPLACEE, Regime.PA, None)


def test_who_may_start_an_avenant_or_a_renewal() -> None:
    live = AuthorisationStatus.EN_VIGUEUR
    assert follow_up_refused(AV, live, Regime.PA, None) == ""
    assert follow_up_refused(AV, AuthorisationStatus.A_VENIR, Regime.PA, None) == ""
    assert follow_up_refused(RE, live, Regime.PA, None) == ""
    assert "déjà en cours" in follow_up_refused(AV, live, Regime.PA, "RP-2026-000012")
    assert "RP-2026-000012" in follow_up_refused(RE, live, Regime.PA, "RP-2026-000012")
    assert "a expiré" in follow_up_refused(AV, AuthorisationStatus.EXPIREE, Regime.PA, None)
    assert "ne se renouvelle pas" in follow_up_refused(RE, live, Regime.ED, None)
    assert follow_up_refused(AV, live, Regime.ED, None) == ""


def test_a_follow_up_starts_from_the_granted_data() -> None:
    granted = complete(Regime.PA) | {"val_attestation": "oui", "val_date": "2026-10-30"}
    current, today = Validity(D(2025, 1, 1), D(2027, 3, 31)), D(2026, 11, 27)
    answers = follow_up_answers(granted, AV, "FRIPO2026000001", current, today)
    assert answers["type_demande"] == "2" and answers["ref_autorisation"] == "FRIPO2026000001"
    assert "val_attestation" not in answers and "val_date" not in answers
    assert "date_effet" not in answers  # to give again
    assert answers["marchandises"] == granted["marchandises"]
    amended = answers | {"avenant_objet": "Ajout d'une marchandise"}
    renewal = follow_up_answers(amended, RE, "FRIPO2026000001", current, today)
    assert renewal["type_demande"] == "3" and "avenant_objet" not in renewal
    assert renewal["date_effet"] == "2027-04-01"  # the day after the current one ends
    late = follow_up_answers(amended, RE, "N", Validity(D(2021, 1, 1), D(2026, 11, 1)), today)
    assert late["date_effet"] == "2026-11-27"


def test_validity_of_a_first_decision_an_avenant_and_a_renewal() -> None:
    today = D(2026, 11, 27)
    first = TypeDemande.PREMIERE
    # Five years from 1 December 2026 end on 30 November 2031 (not five years and a day).
    assert validity_refused(first, Regime.PA, False, Validity(D(2026, 12, 1), D(2031, 11, 30)), today) == ""
    assert "dernier jour possible le 30/11/2031" in validity_refused(
        first, Regime.PA, False, Validity(D(2026, 12, 1), D(2031, 12, 1)), today
    )
    assert "passée" in validity_refused(
        first, Regime.PA, False, Validity(D(2026, 11, 26), D(2028, 1, 1)), today
    )
    assert "60 mois" in validity_refused(
        first, Regime.PA, False, Validity(D(2026, 12, 1), D(2031, 12, 2)), today
    )
    assert "36 mois" in validity_refused(
        first, Regime.PA, True, Validity(D(2026, 12, 1), D(2029, 12, 1)), today
    )
    assert validity_refused(first, Regime.PA, True, Validity(D(2026, 12, 1), D(2029, 11, 30)), today) == ""
    assert "pas de date de fin" in validity_refused(
        first, Regime.ED, False, Validity(today, D(2030, 1, 1)), today
    )
    assert validity_refused(first, Regime.ED, False, Validity(today, None), today) == ""
    # An avenant takes effect from now on; the 5 years still count from the authorisation's first day.
    current = Validity(D(2025, 1, 1), D(2029, 12, 31))
    assert validity_refused(AV, Regime.PA, False, Validity(today, D(2029, 12, 31)), today, current) == ""
    assert "60 mois" in validity_refused(AV, Regime.PA, False, Validity(today, D(2030, 1, 1)), today, current)
    # A renewal granted late may start the day after the previous one ended (RDC art. 172).
    ended = Validity(D(2021, 11, 20), D(2026, 11, 20))
    assert (
        validity_refused(RE, Regime.PA, False, Validity(D(2026, 11, 21), D(2031, 11, 20)), today, ended) == ""
    )
    assert "passée" in validity_refused(
        RE, Regime.PA, False, Validity(D(2026, 11, 20), D(2031, 11, 1)), today, ended
    )


def test_the_diff_lists_changed_fields_and_lines() -> None:
    before = complete(Regime.PA)
    after = copy.deepcopy(before) | {"type_demande": "2", "avenant_objet": "Hausse des quantités"}
    assert changes(before, after, ctx(Regime.PA)) == []  # the application's own fields do not count
    after["remarque_generale"] = "Deuxième atelier à Vénissieux."
    after["marchandises"][0]["mp_quantite"] = "2400"
    removed = after["marchandises"].pop(1)
    after["marchandises"].append({**removed, ROW_ID: "new-row", "mp_designation": "Rivets en acier"})
    found = changes(before, after, ctx(Regime.PA))
    readable = {(c.label, c.before, c.after) for c in found}
    assert (
        "Remarque générale",
        before.get("remarque_generale", ""),
        "Deuxième atelier à Vénissieux.",
    ) in readable
    quantity = next(c for c in found if c.label.endswith("Quantité estimée"))
    assert quantity.label.startswith("Marchandises à placer sous le régime — Marchandise 1")
    nnbsp = "\u202f"  # French thousands separator
    assert (quantity.before, quantity.after) == (f"1{nnbsp}200", f"2{nnbsp}400")
    assert quantity.rubrique == "Marchandises et produits"
    assert any(c.after == "ligne ajoutée" and "Rivets en acier" in c.label for c in found)
    assert any(c.before == "ligne supprimée" for c in found)


def test_the_grant_dialog_proposes_dates_from_the_application() -> None:
    from soprano_app.domain.authorisations import proposed_validity

    today, first = D(2026, 11, 27), TypeDemande.PREMIERE
    assert proposed_validity(first, Regime.PA, D(2027, 1, 11), 12, today) == Validity(
        D(2027, 1, 11), D(2028, 1, 10)
    )
    assert proposed_validity(first, Regime.PA, None, None, today) == Validity(
        D(2026, 11, 28), D(2029, 11, 27)
    )
    assert proposed_validity(first, Regime.PA, D(2026, 1, 1), 12, today).start == today  # never in the past
    assert proposed_validity(first, Regime.ED, None, None, today).end is None
    current = Validity(D(2025, 1, 1), D(2029, 12, 31))
    assert proposed_validity(AV, Regime.PA, D(2027, 2, 1), 12, today, current) == Validity(
        D(2027, 2, 1), D(2029, 12, 31)
    )
    ended = Validity(D(2021, 11, 20), D(2026, 11, 20))
    assert proposed_validity(RE, Regime.PA, None, 60, today, ended) == Validity(
        D(2026, 11, 21), D(2031, 11, 20)
    )
