"""The application state machine (spec §3.2 A, §3.3): actors, sources, guards."""

from datetime import date

import pytest

from soprano_app.domain.regimes import Regime
from soprano_app.domain.statuses import DossierStatus as S
from soprano_app.domain.statuses import Side
from soprano_app.domain.workflow import (
    TRANSITIONS,
    Action,
    Facts,
    WorkflowError,
    actions_for,
    check,
    target_of_reply,
)

PA = Facts(Regime.PA)
OP, DOUANE = Side.OPERATOR, Side.CUSTOMS


def test_every_status_is_reachable_and_every_final_status_is_final() -> None:
    targets = {t.target for t in TRANSITIONS.values() if t.target} | {
        target_of_reply(s) for s in (S.INCOMPLETE, S.INFO_COMPLEMENTAIRE, S.DROIT_ETRE_ENTENDU)
    }
    assert targets | {S.BROUILLON} == set(S)
    for final in (S.ACCORDEE, S.REFUSEE, S.IRRECEVABLE, S.RETIREE, S.SANS_SUITE):
        assert actions_for(final, OP, PA) == [] and actions_for(final, DOUANE, PA) == []


@pytest.mark.parametrize(
    ("action", "status", "target"),
    [
        (Action.ACCEPTER, S.DEPOSEE, S.EN_INSTRUCTION),
        (Action.DEMANDER_COMPLEMENTS, S.DEPOSEE, S.INCOMPLETE),
        (Action.DECLARER_IRRECEVABLE, S.INCOMPLETE, S.IRRECEVABLE),
        (Action.DEMANDER_INFORMATIONS, S.EN_INSTRUCTION, S.INFO_COMPLEMENTAIRE),
        (Action.NOTIFIER_PROJET_DEFAVORABLE, S.EN_INSTRUCTION, S.DROIT_ETRE_ENTENDU),
        (Action.ACCORDER, S.EN_INSTRUCTION, S.ACCORDEE),
        (Action.CLASSER_SANS_SUITE, S.EN_INSTRUCTION, S.SANS_SUITE),
    ],
)
def test_customs_steps(action: Action, status: S, target: S) -> None:
    assert check(action, status, DOUANE, PA).target is target


def test_each_step_belongs_to_its_actor() -> None:
    with pytest.raises(WorkflowError, match="réservé au service des douanes"):
        check(Action.ACCEPTER, S.DEPOSEE, OP, PA)
    with pytest.raises(WorkflowError, match="réservé à l'opérateur"):
        check(Action.RETIRER, S.DEPOSEE, DOUANE, PA)


def test_steps_only_from_their_statuses() -> None:
    with pytest.raises(
        WorkflowError, match="n'est pas possible lorsque le dossier est « Autorisation accordée »"
    ):
        check(Action.RETIRER, S.ACCORDEE, OP, PA)
    with pytest.raises(WorkflowError):
        check(Action.ACCORDER, S.DEPOSEE, DOUANE, PA)  # accept first
    with pytest.raises(WorkflowError):
        check(Action.REPONDRE, S.EN_INSTRUCTION, OP, PA)  # nothing asked


def test_guards() -> None:
    with pytest.raises(WorkflowError, match="droit d'être entendu"):
        check(Action.REFUSER, S.EN_INSTRUCTION, DOUANE, PA)
    assert check(Action.REFUSER, S.EN_INSTRUCTION, DOUANE, Facts(Regime.PA, heard=True)).target is S.REFUSEE
    waiting = Facts(Regime.PA, heard=True, waiting_until=date(2026, 12, 28))
    with pytest.raises(WorkflowError, match="jusqu'au 28/12/2026 pour répondre"):
        check(Action.REFUSER, S.DROIT_ETRE_ENTENDU, DOUANE, waiting)
    with pytest.raises(WorkflowError, match="jusqu'au 28/12/2026 pour répondre"):
        check(Action.DECLARER_IRRECEVABLE, S.INCOMPLETE, DOUANE, waiting)
    assert check(Action.DECLARER_IRRECEVABLE, S.DEPOSEE, DOUANE, waiting).target is S.IRRECEVABLE
    assert check(Action.CLASSER_SANS_SUITE, S.DROIT_ETRE_ENTENDU, DOUANE, waiting).target is S.SANS_SUITE
    assert Facts(Regime.PA, extension_days_used=20).extension_days_left == 10
    with pytest.raises(WorkflowError, match="déjà été prolongé de 30 jours"):
        check(Action.PROLONGER_DELAI, S.EN_INSTRUCTION, DOUANE, Facts(Regime.PA, extension_days_used=30))
    with pytest.raises(WorkflowError, match="perfectionnement actif"):
        check(Action.TRANSMETTRE_COMMISSION, S.EN_INSTRUCTION, DOUANE, Facts(Regime.AT))
    with pytest.raises(WorkflowError, match="un État membre"):
        check(Action.CONSULTER_ETATS_MEMBRES, S.EN_INSTRUCTION, DOUANE, PA)


def test_replies_lead_back_to_customs() -> None:
    assert target_of_reply(S.INCOMPLETE) is S.DEPOSEE
    assert target_of_reply(S.INFO_COMPLEMENTAIRE) is S.EN_INSTRUCTION
    assert target_of_reply(S.DROIT_ETRE_ENTENDU) is S.EN_INSTRUCTION


def test_buttons_shown_to_each_side() -> None:
    customs = {t.action for t in actions_for(S.DEPOSEE, DOUANE, PA)}
    assert customs == {
        Action.ACCEPTER,
        Action.DEMANDER_COMPLEMENTS,
        Action.DECLARER_IRRECEVABLE,
        Action.CLASSER_SANS_SUITE,
    }
    operator = {t.action for t in actions_for(S.INCOMPLETE, OP, PA)}
    assert operator == {Action.REPONDRE, Action.RETIRER}
    with pytest.raises(WorkflowError, match="une fois la demande déposée"):
        check(Action.COMMENTER, S.BROUILLON, OP, PA)
    assert check(Action.COMMENTER, S.REFUSEE, DOUANE, PA).target is None


def test_every_step_has_a_notification_wording() -> None:
    from soprano_app.domain.workflow import DONE

    assert set(DONE) == set(TRANSITIONS)


def test_pa_is_granted_only_with_economic_conditions_deemed_or_concluded() -> None:
    from soprano_app.domain.workflow import Economic

    not_examined = Facts(Regime.PA, economic=Economic.NON_EXAMINEES)
    with pytest.raises(WorkflowError, match="Examen des conditions économiques requis"):
        check(Action.ACCORDER, S.EN_INSTRUCTION, DOUANE, not_examined)
    assert Action.ACCORDER not in {t.action for t in actions_for(S.EN_INSTRUCTION, DOUANE, not_examined)}
    with pytest.raises(WorkflowError, match="ne sont pas remplies"):
        check(Action.ACCORDER, S.EN_INSTRUCTION, DOUANE, Facts(Regime.PA, economic=Economic.NON_REMPLIES))
    for fine in (Economic.REPUTEES, Economic.REMPLIES):
        assert check(Action.ACCORDER, S.EN_INSTRUCTION, DOUANE, Facts(Regime.PA, economic=fine))
    assert check(Action.ACCORDER, S.EN_INSTRUCTION, DOUANE, Facts(Regime.AT, economic=Economic.NON_EXAMINEES))
    assert check(Action.TRANSMETTRE_COMMISSION, S.EN_INSTRUCTION, DOUANE, not_examined)  # also on doubts
    with pytest.raises(WorkflowError, match="déjà prononcée"):
        check(
            Action.TRANSMETTRE_COMMISSION,
            S.EN_INSTRUCTION,
            DOUANE,
            Facts(Regime.PA, economic=Economic.REMPLIES),
        )


def test_several_member_states_are_consulted_before_the_grant() -> None:
    from soprano_app.domain.workflow import Consultation, input_refused

    several = Facts(Regime.AT, several_member_states=True)
    with pytest.raises(WorkflowError, match="Consultation des autres États membres requise"):
        check(Action.ACCORDER, S.EN_INSTRUCTION, DOUANE, several)
    with pytest.raises(WorkflowError, match="s'est opposé"):
        check(
            Action.ACCORDER,
            S.EN_INSTRUCTION,
            DOUANE,
            Facts(Regime.AT, several_member_states=True, consultation=Consultation.OBJECTION),
        )
    for outcome in (Consultation.ACCORD, Consultation.SANS_REPONSE):
        check(Action.ACCORDER, S.EN_INSTRUCTION, DOUANE, Facts(Regime.AT, True, consultation=outcome))
    # « No answer » only once the reply period set for the consulted States is over.
    running = Facts(Regime.AT, True, consultation_until=date(2027, 1, 15))
    assert "jusqu'au 15/01/2027" in input_refused(Action.FIN_CONSULTATION, running, "sans_reponse")
    assert input_refused(Action.FIN_CONSULTATION, running, "accord") == ""
    assert "Choisissez" in input_refused(Action.FIN_CONSULTATION, running, "")
    assert input_refused(Action.FIN_CONSULTATION, Facts(Regime.AT, True), "sans_reponse") == ""


def test_closing_without_a_decision_needs_a_vanished_applicant() -> None:
    from soprano_app.domain.workflow import APPLICANT_GONE, input_refused

    assert "le demandeur n'existe plus" in input_refused(Action.CLASSER_SANS_SUITE, PA, "")
    assert "le demandeur n'existe plus" in input_refused(Action.CLASSER_SANS_SUITE, PA, "lassitude")
    assert input_refused(Action.CLASSER_SANS_SUITE, PA, APPLICANT_GONE) == ""


def test_adjustments_can_be_refused_and_the_examination_goes_on() -> None:
    assert {Action.STATUER_AJUSTEMENTS, Action.REFUSER_AJUSTEMENTS} <= {
        t.action for t in actions_for(S.AJUSTEMENTS, DOUANE, PA)
    }
    refused = check(Action.REFUSER_AJUSTEMENTS, S.AJUSTEMENTS, DOUANE, PA)
    assert refused.target is S.EN_INSTRUCTION and refused.step is None  # no extension of the limit
    after = {t.action for t in actions_for(S.EN_INSTRUCTION, DOUANE, Facts(Regime.PA, heard=True))}
    assert {Action.ACCORDER, Action.NOTIFIER_PROJET_DEFAVORABLE} <= after


def test_reply_periods_and_the_acceptance_window() -> None:
    from soprano_app.domain.workflow import input_refused

    assert "30 jours (art. 13, paragraphe 1, RDC)" in input_refused(Action.DEMANDER_INFORMATIONS, PA, "", 31)
    assert input_refused(Action.DEMANDER_INFORMATIONS, PA, "", 30) == ""
    assert input_refused(Action.DEMANDER_COMPLEMENTS, PA, "", 60) == ""
    assert "entre 1 et 90" in input_refused(Action.DEMANDER_COMPLEMENTS, PA, "", 0)
    over = Facts(Regime.PA, acceptance_due=date(2026, 11, 27))
    with pytest.raises(WorkflowError, match="Le délai d'acceptation a pris fin le 27/11/2026"):
        check(Action.DEMANDER_COMPLEMENTS, S.DEPOSEE, DOUANE, over)
    assert check(Action.ACCEPTER, S.DEPOSEE, DOUANE, over) and check(
        Action.DECLARER_IRRECEVABLE, S.DEPOSEE, DOUANE, over
    )


def test_one_hearing_per_ground() -> None:
    from soprano_app.domain.workflow import input_refused

    heard = Facts(Regime.PA, heard=True, heard_grounds=frozenset({"ecritures"}))
    assert "Cochez au moins un motif" in input_refused(
        Action.NOTIFIER_PROJET_DEFAVORABLE, PA, chosen_grounds=[]
    )
    assert input_refused(Action.NOTIFIER_PROJET_DEFAVORABLE, PA, chosen_grounds=["garantie"]) == ""
    assert input_refused(Action.REFUSER, heard, chosen_grounds=["ecritures"]) == ""
    refused = input_refused(Action.REFUSER, heard, chosen_grounds=["ecritures", "garantie"])
    assert "n'a pas été entendu sur le motif « Garantie non fournie" in refused
    assert "Cochez" in input_refused(Action.REFUSER, heard, chosen_grounds=["inventé"])


def test_an_investigation_extension_is_bounded() -> None:
    assert check(
        Action.PROLONGER_ENQUETE, S.EN_INSTRUCTION, DOUANE, Facts(Regime.PA, investigation_days_left=10)
    )
    with pytest.raises(WorkflowError, match="neuf mois"):
        check(Action.PROLONGER_ENQUETE, S.EN_INSTRUCTION, DOUANE, Facts(Regime.PA, investigation_days_left=0))
