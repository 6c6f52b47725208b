"""The authorisation's second life: who may take which step when, and the status on any date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from soprano_app.domain import authorisation_workflow as life
from soprano_app.domain.authorisation_workflow import (
    ANNULMENT_CONDITIONS,
    HolderRequest,
    LifeAction,
    LifeEvent,
    LifeFacts,
    LifeState,
    Measure,
    ReassessmentGround,
    ReassessmentOutcome,
    RevocationGround,
    StepInput,
    SuspensionCase,
    offered,
    rdc11_block,
    refused,
    state_after,
    status_at,
)
from soprano_app.domain.authorisations import AuthorisationStatus as A
from soprano_app.domain.statuses import Side

D = date
TODAY = D(2027, 3, 1)
L = LifeAction
CUSTOMS, HOLDER, SYSTEM = Side.CUSTOMS, Side.OPERATOR, Side.SYSTEM
LIVE = LifeFacts(status=A.EN_VIGUEUR, valid_from=D(2026, 12, 1), granted_on=D(2026, 11, 20))
ALL_THREE = frozenset(ANNULMENT_CONDITIONS)


def why(action: LifeAction, facts: LifeFacts = LIVE, side: Side = CUSTOMS, **data: object) -> str:
    return refused(action, side, facts, StepInput(**data), TODAY)  # type: ignore[arg-type]


def test_each_side_has_its_own_steps() -> None:
    assert "profil" in why(L.SUSPENDRE, side=HOLDER)
    assert "profil" in why(L.DEMANDER_REVOCATION, side=CUSTOMS)
    assert "profil" in why(L.EXPIRER_AUDITION, side=CUSTOMS)
    assert "profil" in why(L.REVOQUER, side=SYSTEM)
    assert offered(HOLDER, LIVE, TODAY) == [L.DEMANDER_SUSPENSION, L.DEMANDER_REVOCATION]
    assert offered(CUSTOMS, LIVE, TODAY) == [L.REEXAMINER, L.NOTIFIER_PROJET, L.MODIFIER_OFFICE]


def test_a_reassessment_opens_once_and_closes_with_an_outcome() -> None:
    assert why(L.REEXAMINER, message="Nouveau règlement.") == "Choisissez le motif du réexamen."
    assert why(L.REEXAMINER, message="x", ground=ReassessmentGround.DROIT_UNION.value) == ""
    opened = replace(LIVE, reassessment_open=True)
    assert "déjà en cours" in why(L.REEXAMINER, opened, message="x", ground="surveillance")
    assert "Aucun réexamen" in why(L.CLORE_REEXAMEN, message="x", ground="sans_changement")
    assert why(L.CLORE_REEXAMEN, opened, message="x", ground=ReassessmentOutcome.SUSPENSION.value) == ""
    hearing = replace(opened, hearing=Measure.REVOCATION)
    assert "attend déjà" in why(L.CLORE_REEXAMEN, hearing, message="x", ground="suspension")
    assert L.CLORE_REEXAMEN in offered(CUSTOMS, opened, TODAY)


def test_adverse_measures_need_the_holder_heard_first() -> None:
    suspend = dict(
        message="Tenir la comptabilité matières.",
        case=SuspensionCase.CONDITIONS_NON_REMPLIES,
        until=TODAY + timedelta(days=60),
    )
    assert "Notifiez d'abord" in why(L.SUSPENDRE, **suspend)
    hearing = replace(LIVE, hearing=Measure.SUSPENSION)
    assert "encore du délai" in why(L.SUSPENDRE, hearing, **suspend)
    assert why(L.SUSPENDRE, replace(LIVE, heard=Measure.SUSPENSION), **suspend) == ""
    # Heard on another measure: not enough.
    assert "Notifiez d'abord" in why(L.SUSPENDRE, replace(LIVE, heard=Measure.REVOCATION), **suspend)
    assert "Notifiez d'abord" in why(
        L.REVOQUER, message="x", ground=RevocationGround.OBLIGATIONS.value, effect=TODAY
    )
    assert "Notifiez d'abord" in why(L.ANNULER, message="x", confirmations=ALL_THREE)
    # A favourable modification d'office needs no hearing; an adverse one does.
    assert why(L.MODIFIER_OFFICE, message="x", changes=1, adverse=False, effect=TODAY) == ""
    assert "Notifiez d'abord" in why(L.MODIFIER_OFFICE, message="x", changes=1, adverse=True, effect=TODAY)


def test_a_projet_is_one_at_a_time_and_the_holder_answers_it() -> None:
    assert why(L.NOTIFIER_PROJET, message="Écarts d'inventaire.") == "Choisissez la mesure envisagée."
    assert why(L.NOTIFIER_PROJET, message="x", measure=Measure.ANNULATION) == ""
    hearing = replace(LIVE, hearing=Measure.ANNULATION)
    assert "attend déjà" in why(L.NOTIFIER_PROJET, hearing, message="x", measure=Measure.REVOCATION)
    assert why(L.PRESENTER_OBSERVATIONS, hearing, side=HOLDER, message="Nos explications.") == ""
    assert "Aucun projet" in why(L.PRESENTER_OBSERVATIONS, side=HOLDER, message="x")
    assert why(L.PRESENTER_OBSERVATIONS, hearing, side=HOLDER) == "Indiquez vos observations."
    assert offered(HOLDER, hearing, TODAY)[0] is L.PRESENTER_OBSERVATIONS
    assert why(L.RENONCER_MESURE, hearing, message="Explications convaincantes.") == ""
    assert why(L.EXPIRER_AUDITION, hearing, side=SYSTEM) == ""
    assert why(L.EXPIRER_AUDITION, side=SYSTEM) != ""


def test_suspension_rules() -> None:
    heard = replace(LIVE, heard=Measure.SUSPENSION)
    base = dict(message="Mesures.", case=SuspensionCase.ELEMENTS_MANQUANTS)
    assert "fin de la période" in why(L.SUSPENDRE, heard, **base, until=TODAY)  # a period in the past
    assert "cas de suspension" in why(L.SUSPENDRE, heard, message="x", until=TODAY + timedelta(days=1))
    # Case c: only after the holder asked, and without hearing.
    case_c = dict(message="x", case=SuspensionCase.DEMANDE_DU_TITULAIRE, until=TODAY + timedelta(days=30))
    assert "n'a pas demandé" in why(L.SUSPENDRE, **case_c)
    assert why(L.SUSPENDRE, replace(LIVE, holder_request=HolderRequest.SUSPENSION), **case_c) == ""
    suspended = replace(LIVE, status=A.SUSPENDUE, suspended_until=TODAY + timedelta(days=10))
    assert "déjà suspendue" in why(L.SUSPENDRE, replace(suspended, heard=Measure.SUSPENSION), **case_c)
    assert "postérieure à la fin actuelle" in why(
        L.PROLONGER_SUSPENSION, suspended, message="x", until=TODAY + timedelta(days=10)
    )
    assert why(L.PROLONGER_SUSPENSION, suspended, message="x", until=TODAY + timedelta(days=11)) == ""
    assert why(L.LEVER_SUSPENSION, suspended, message="Comptabilité tenue.") == ""
    assert "pas suspendue" in why(L.LEVER_SUSPENSION, message="x")
    assert why(L.SIGNALER_FIN_SUSPENSION, suspended, side=SYSTEM) != ""  # period still running
    over = replace(suspended, suspended_until=TODAY - timedelta(days=1))
    assert why(L.SIGNALER_FIN_SUSPENSION, over, side=SYSTEM) == ""
    assert L.LEVER_SUSPENSION in offered(CUSTOMS, suspended, TODAY)


def test_revocation_dates_and_the_holders_request() -> None:
    heard = replace(LIVE, heard=Measure.REVOCATION)
    base = dict(message="Obligations non respectées.", ground=RevocationGround.OBLIGATIONS.value)
    assert why(L.REVOQUER, heard, **base, effect=TODAY) == ""
    assert "au plus tôt aujourd'hui" in why(L.REVOQUER, heard, **base, effect=TODAY - timedelta(days=1))
    assert "précéder la délivrance" in why(L.REVOQUER, heard, **base, effect=D(2026, 11, 1))
    assert "d'un an au plus" in why(L.REVOQUER, heard, **base, effect=TODAY + timedelta(days=366))
    assert why(L.REVOQUER, heard, **base, effect=TODAY + timedelta(days=365)) == ""
    assert "date de prise d'effet" in why(L.REVOQUER, heard, **base)
    at_request = dict(message="x", ground=RevocationGround.DEMANDE_DU_TITULAIRE.value, effect=TODAY)
    assert "n'a pas demandé" in why(L.REVOQUER, **at_request)
    asked = replace(LIVE, holder_request=HolderRequest.REVOCATION)
    assert why(L.REVOQUER, asked, **at_request) == ""  # no hearing when he asked for it
    assert why(L.DEMANDER_REVOCATION, side=HOLDER) == ""
    assert "déjà en cours" in why(L.DEMANDER_REVOCATION, asked, side=HOLDER)
    assert "passée" in why(L.DEMANDER_REVOCATION, side=HOLDER, effect=TODAY - timedelta(days=1))
    assert why(L.REJETER_DEMANDE, asked, message="Motifs.") == ""
    assert "Aucune demande" in why(L.REJETER_DEMANDE, message="x")


def test_annulment_needs_the_three_conditions_of_article_27() -> None:
    heard = replace(LIVE, heard=Measure.ANNULATION)
    two = frozenset(list(ANNULMENT_CONDITIONS)[:2])
    assert "trois conditions" in why(L.ANNULER, heard, message="x", confirmations=two)
    assert why(L.ANNULER, heard, message="Déclaration inexacte.", confirmations=ALL_THREE) == ""
    expired = replace(heard, status=A.EXPIREE)  # void from the start, even once expired
    assert why(L.ANNULER, expired, message="x", confirmations=ALL_THREE) == ""
    revoked = replace(heard, status=A.REVOQUEE)
    assert "ne peut plus être annulée" in why(L.ANNULER, revoked, message="x", confirmations=ALL_THREE)


@pytest.mark.parametrize("status", [A.REVOQUEE, A.ANNULEE, A.EXPIREE, A.REMPLACEE])
def test_nothing_but_annulment_after_the_end(status: A) -> None:
    ended = replace(LIVE, status=status, heard=Measure.SUSPENSION, holder_request=HolderRequest.SUSPENSION)
    for action in (L.REEXAMINER, L.NOTIFIER_PROJET, L.SUSPENDRE, L.DEMANDER_REVOCATION):
        side = HOLDER if action is L.DEMANDER_REVOCATION else CUSTOMS
        assert "plus aucune mesure" in why(action, ended, side=side, message="x")
    assert offered(HOLDER, ended, TODAY) == []


def test_the_status_on_a_date_replays_the_steps_decided_by_then() -> None:
    valid = (D(2026, 12, 1), D(2029, 11, 30))
    events = [
        LifeEvent(L.SUSPENDRE, D(2027, 2, 1)),
        LifeEvent(L.LEVER_SUSPENSION, D(2027, 4, 1)),
        LifeEvent(L.REVOQUER, D(2027, 6, 1), effect=D(2027, 9, 1)),  # deferred three months
    ]

    def on(day: date) -> A:
        return status_at(*valid, day, state_after(events, day))

    assert on(D(2026, 11, 25)) is A.A_VENIR
    assert on(D(2027, 1, 31)) is A.EN_VIGUEUR
    assert on(D(2027, 2, 1)) is A.SUSPENDUE
    assert on(D(2027, 4, 1)) is A.EN_VIGUEUR
    assert on(D(2027, 8, 31)) is A.EN_VIGUEUR  # revoked, not yet in effect
    assert on(D(2027, 9, 1)) is A.REVOQUEE
    assert on(D(2031, 1, 1)) is A.REVOQUEE  # not « Expirée »: revoked first
    assert state_after(events) == LifeState(False, D(2027, 9, 1), None)
    # Annulment is shown from the day it is decided: as it stood before, the document was in force.
    annulled = [LifeEvent(L.ANNULER, D(2027, 5, 10))]
    assert status_at(*valid, D(2027, 5, 9), state_after(annulled, D(2027, 5, 9))) is A.EN_VIGUEUR
    assert status_at(*valid, D(2027, 5, 10), state_after(annulled, D(2027, 5, 10))) is A.ANNULEE
    # A suspension decided before the start date.
    early = [LifeEvent(L.SUSPENDRE, D(2026, 11, 28))]
    assert status_at(*valid, D(2026, 11, 29), state_after(early)) is A.SUSPENDUE
    # Replaced or expired wins over a suspension never lifted.
    assert status_at(*valid, D(2030, 1, 1), LifeState(suspended=True)) is A.EXPIREE
    assert status_at(*valid, D(2029, 1, 1), LifeState(suspended=True), D(2028, 12, 1)) is A.REMPLACEE


def test_a_new_application_within_a_year_of_a_revocation_or_annulment_is_flagged() -> None:
    ended = [("FRIPO2026000003", D(2027, 1, 10), "PA")]
    assert rdc11_block(ended, "PA", D(2027, 6, 1)) == ("FRIPO2026000003", D(2027, 1, 10))
    assert rdc11_block(ended, "PA", D(2028, 1, 10)) is not None  # the last day of the year
    assert rdc11_block(ended, "PA", D(2028, 1, 11)) is None
    assert rdc11_block(ended, "AT", D(2027, 6, 1)) is None  # another régime
    assert rdc11_block([], "PA", D(2027, 6, 1)) is None


def test_projet_labels_elide_before_a_vowel() -> None:
    assert life.PROJET_LABELS[life.Measure.ANNULATION] == "projet d'annulation"
    assert life.PROJET_LABELS[life.Measure.SUSPENSION] == "projet de suspension"
    assert life.PROJET_LABELS[life.Measure.REVOCATION] == "projet de révocation"
