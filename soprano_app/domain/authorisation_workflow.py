"""The second life of an authorisation: what customs and the holder may do after the grant, and the
status it has on any date (spec §3.2 B, §3.6; UCC art. 23, 27, 28; RDC art. 11, 15–18).

Pure rules, like ``workflow.py`` for applications: ``refused`` says why a step may not be taken (or
""), ``status_at`` replays an authorisation's steps to give its status on a date. The services
(``services/authorisation_workflow.py``) read the records, call these and write the result.

Adverse measures go through the right to be heard first (« Notifier un projet »: 30 days for the
holder's observations), as for an application's projet de décision défavorable; a measure the holder
asked for (suspension case c, revocation at his request) does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from .authorisations import AuthorisationStatus, status_on
from .statuses import Side

A = AuthorisationStatus
LIVE = frozenset({A.A_VENIR, A.EN_VIGUEUR, A.SUSPENDUE})  # an authorisation something can still happen to
MAX_DEFERRAL_DAYS = 365  # UCC 28(4): effect deferred up to one year in the holder's legitimate interest
RDC11_BLOCK_DAYS = 365  # RDC 11: no new application for the same purpose within a year


class LifeAction(StrEnum):
    REEXAMINER = "reexaminer"
    CLORE_REEXAMEN = "clore_reexamen"
    NOTIFIER_PROJET = "notifier_projet"
    PRESENTER_OBSERVATIONS = "presenter_observations"
    RENONCER_MESURE = "renoncer_mesure"
    SUSPENDRE = "suspendre"
    PROLONGER_SUSPENSION = "prolonger_suspension"
    LEVER_SUSPENSION = "lever_suspension"
    REVOQUER = "revoquer"
    ANNULER = "annuler"
    MODIFIER_OFFICE = "modifier_office"
    DEMANDER_SUSPENSION = "demander_suspension"
    DEMANDER_REVOCATION = "demander_revocation"
    REJETER_DEMANDE = "rejeter_demande"
    EXPIRER_AUDITION = "expirer_audition"
    SIGNALER_FIN_SUSPENSION = "signaler_fin_suspension"


class Measure(StrEnum):
    """What a « projet » announces to the holder before he is heard."""

    SUSPENSION = "suspension"
    REVOCATION = "revocation"
    ANNULATION = "annulation"
    MODIFICATION = "modification"


MEASURE_LABELS = {
    Measure.SUSPENSION: "suspension",
    Measure.REVOCATION: "révocation",
    Measure.ANNULATION: "annulation",
    Measure.MODIFICATION: "modification d'office",
}
# « projet de suspension », « projet d'annulation » (elision before a vowel).
PROJET_LABELS = {
    m: ("projet d'" if label[0] in "aeéiouy" else "projet de ") + label for m, label in MEASURE_LABELS.items()
}


class SuspensionCase(StrEnum):
    """RDC art. 16(1)."""

    ELEMENTS_MANQUANTS = "a"
    CONDITIONS_NON_REMPLIES = "b"
    DEMANDE_DU_TITULAIRE = "c"


SUSPENSION_CASE_LABELS = {
    SuspensionCase.ELEMENTS_MANQUANTS: "a) motifs possibles d'annulation, de révocation ou de modification, "
    "éléments manquants pour décider",
    SuspensionCase.CONDITIONS_NON_REMPLIES: "b) conditions non remplies ou obligations non respectées, "
    "le titulaire doit pouvoir y remédier",
    SuspensionCase.DEMANDE_DU_TITULAIRE: "c) à la demande du titulaire, temporairement hors d'état de remplir "
    "les conditions",
}


class ReassessmentGround(StrEnum):
    """RDC art. 15, UCC art. 23(2) and (4)."""

    DROIT_UNION = "droit_union"
    SURVEILLANCE = "surveillance"
    INFORMATION_TITULAIRE = "information_titulaire"
    AUTRE_AUTORITE = "autre_autorite"


REASSESSMENT_GROUND_LABELS = {
    ReassessmentGround.DROIT_UNION: "Modification de la législation de l'Union",
    ReassessmentGround.SURVEILLANCE: "Résultat de la surveillance",
    ReassessmentGround.INFORMATION_TITULAIRE: "Information communiquée par le titulaire",
    ReassessmentGround.AUTRE_AUTORITE: "Information d'une autre autorité",
}


class ReassessmentOutcome(StrEnum):
    SANS_CHANGEMENT = "sans_changement"
    MODIFICATION = "modification"
    SUSPENSION = "suspension"
    REVOCATION = "revocation"


REASSESSMENT_OUTCOME_LABELS = {
    ReassessmentOutcome.SANS_CHANGEMENT: "Aucun changement",
    ReassessmentOutcome.MODIFICATION: "Modification de l'autorisation",
    ReassessmentOutcome.SUSPENSION: "Suspension",
    ReassessmentOutcome.REVOCATION: "Révocation",
}
OUTCOME_MEASURE = {
    ReassessmentOutcome.MODIFICATION: Measure.MODIFICATION,
    ReassessmentOutcome.SUSPENSION: Measure.SUSPENSION,
    ReassessmentOutcome.REVOCATION: Measure.REVOCATION,
}


class RevocationGround(StrEnum):
    """UCC art. 28(1) and (2); RDC art. 11 applies after a failure to meet obligations."""

    CONDITIONS = "conditions"
    OBLIGATIONS = "obligations"
    DEMANDE_DU_TITULAIRE = "demande_du_titulaire"


REVOCATION_GROUND_LABELS = {
    RevocationGround.CONDITIONS: "Conditions d'octroi non remplies ou plus remplies (art. 28, § 1, a, CDU)",
    RevocationGround.OBLIGATIONS: "Obligations découlant de l'autorisation non respectées (art. 28, § 1, a, CDU)",
    RevocationGround.DEMANDE_DU_TITULAIRE: "À la demande du titulaire (art. 28, § 1, b, CDU)",
}


class HolderRequest(StrEnum):
    SUSPENSION = "suspension"
    REVOCATION = "revocation"


STEP_LABELS = {
    LifeAction.REEXAMINER: "Réexaminer",
    LifeAction.CLORE_REEXAMEN: "Clore le réexamen",
    LifeAction.NOTIFIER_PROJET: "Notifier un projet (droit d'être entendu)",
    LifeAction.PRESENTER_OBSERVATIONS: "Présenter mes observations",
    LifeAction.RENONCER_MESURE: "Renoncer à la mesure envisagée",
    LifeAction.SUSPENDRE: "Suspendre",
    LifeAction.PROLONGER_SUSPENSION: "Prolonger la suspension",
    LifeAction.LEVER_SUSPENSION: "Lever la suspension",
    LifeAction.REVOQUER: "Révoquer",
    LifeAction.ANNULER: "Annuler l'autorisation",
    LifeAction.MODIFIER_OFFICE: "Modifier d'office",
    LifeAction.DEMANDER_SUSPENSION: "Demander la suspension",
    LifeAction.DEMANDER_REVOCATION: "Demander la révocation",
    LifeAction.REJETER_DEMANDE: "Rejeter la demande du titulaire",
    LifeAction.EXPIRER_AUDITION: "Délai d'observations expiré",
    LifeAction.SIGNALER_FIN_SUSPENSION: "Fin du délai de suspension",
}
# What happened, for the history and the notifications (the buttons say what to do: STEP_LABELS).
EVENT_LABELS = {
    LifeAction.REEXAMINER: "Réexamen ouvert",
    LifeAction.CLORE_REEXAMEN: "Réexamen clos",
    LifeAction.NOTIFIER_PROJET: "Projet notifié (droit d'être entendu)",
    LifeAction.PRESENTER_OBSERVATIONS: "Observations du titulaire",
    LifeAction.RENONCER_MESURE: "Mesure envisagée abandonnée",
    LifeAction.SUSPENDRE: "Suspension",
    LifeAction.PROLONGER_SUSPENSION: "Suspension prolongée",
    LifeAction.LEVER_SUSPENSION: "Suspension levée",
    LifeAction.REVOQUER: "Révocation",
    LifeAction.ANNULER: "Annulation",
    LifeAction.MODIFIER_OFFICE: "Modification d'office",
    LifeAction.DEMANDER_SUSPENSION: "Demande de suspension du titulaire",
    LifeAction.DEMANDER_REVOCATION: "Demande de révocation du titulaire",
    LifeAction.REJETER_DEMANDE: "Demande du titulaire rejetée",
    LifeAction.EXPIRER_AUDITION: "Délai d'observations expiré",
    LifeAction.SIGNALER_FIN_SUSPENSION: "Fin du délai de suspension",
}
HOLDER_ACTIONS = (
    LifeAction.PRESENTER_OBSERVATIONS,
    LifeAction.DEMANDER_SUSPENSION,
    LifeAction.DEMANDER_REVOCATION,
)
SYSTEM_ACTIONS = (LifeAction.EXPIRER_AUDITION, LifeAction.SIGNALER_FIN_SUSPENSION)
CUSTOMS_ACTIONS = tuple(a for a in LifeAction if a not in HOLDER_ACTIONS and a not in SYSTEM_ACTIONS)


@dataclass(frozen=True)
class LifeFacts:
    """What the rules look at, as the services read it today."""

    status: AuthorisationStatus
    valid_from: date
    granted_on: date
    reassessment_open: bool = False
    hearing: Measure | None = None  # a projet notified, the holder's period running, no observations yet
    heard: Measure | None = None  # observations received or period over; the measure not taken yet
    holder_request: HolderRequest | None = None  # asked by the holder, not handled yet
    suspended_until: date | None = None


@dataclass(frozen=True)
class StepInput:
    """What a step carries (each step uses part of it; ``refused`` checks what it needs)."""

    message: str = ""
    measure: Measure | None = None
    case: SuspensionCase | None = None
    ground: str = ""  # ReassessmentGround, ReassessmentOutcome or RevocationGround value
    until: date | None = None  # end of a suspension period
    effect: date | None = None  # effect date of a revocation or an amendment
    confirmations: frozenset[str] = field(default_factory=frozenset)  # UCC 27 conditions ticked
    adverse: bool = True  # a modification d'office against the holder's interest
    changes: int = 0  # number of fields a modification d'office changes


ANNULMENT_CONDITIONS = {
    "information": "La décision a été prise sur la base d'informations inexactes ou incomplètes.",
    "connaissance": "Le titulaire savait ou aurait raisonnablement dû savoir que ces informations étaient "
    "inexactes ou incomplètes.",
    "difference": "La décision aurait été différente sur la base d'informations exactes et complètes.",
}


def side_may(action: LifeAction, side: Side) -> bool:
    if side is Side.SYSTEM:
        return action in SYSTEM_ACTIONS
    if side is Side.OPERATOR:
        return action in HOLDER_ACTIONS
    return action in CUSTOMS_ACTIONS


def refused(action: LifeAction, side: Side, facts: LifeFacts, data: StepInput, today: date) -> str:
    """Why this step may not be taken now, or an empty string."""
    if not side_may(action, side):
        return "Cette étape n'est pas ouverte à votre profil."
    status = facts.status
    if action is not LifeAction.ANNULER and status not in LIVE:
        return f"L'autorisation est « {_label(status)} » : plus aucune mesure ne peut la viser."
    rule = _RULES.get(action)
    return rule(facts, data, today) if rule else ""


def _label(status: AuthorisationStatus) -> str:
    from .authorisations import STATUS_LABELS

    return STATUS_LABELS[status].lower()


def _needs_message(data: StepInput, what: str) -> str:
    return "" if data.message.strip() else f"Indiquez {what}."


def _reexaminer(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.reassessment_open:
        return "Un réexamen est déjà en cours."
    if data.ground not in set(ReassessmentGround):
        return "Choisissez le motif du réexamen."
    return _needs_message(data, "ce qui justifie le réexamen")


def _clore_reexamen(facts: LifeFacts, data: StepInput, today: date) -> str:
    if not facts.reassessment_open:
        return "Aucun réexamen n'est en cours."
    if data.ground not in set(ReassessmentOutcome):
        return "Choisissez l'issue du réexamen."
    measure = OUTCOME_MEASURE.get(ReassessmentOutcome(data.ground))
    if measure is not None:
        busy = _hearing_busy(facts)
        if busy:
            return busy
        if measure is Measure.SUSPENSION and facts.status is A.SUSPENDUE:
            return "L'autorisation est déjà suspendue."
    return _needs_message(data, "le résultat du réexamen communiqué au titulaire")


def _hearing_busy(facts: LifeFacts) -> str:
    if facts.hearing is not None:
        return f"Un {PROJET_LABELS[facts.hearing]} attend déjà les observations du titulaire."
    if facts.heard is not None:
        return f"Le titulaire a été entendu sur un {PROJET_LABELS[facts.heard]} : décidez d'abord."
    return ""


def _notifier_projet(facts: LifeFacts, data: StepInput, today: date) -> str:
    busy = _hearing_busy(facts)
    if busy:
        return busy
    if data.measure is None:
        return "Choisissez la mesure envisagée."
    if data.measure is Measure.SUSPENSION and facts.status is A.SUSPENDUE:
        return "L'autorisation est déjà suspendue."
    return _needs_message(data, "les motifs de la mesure envisagée")


def _presenter_observations(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.hearing is None:
        return "Aucun projet n'attend vos observations."
    return _needs_message(data, "vos observations")


def _renoncer(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.hearing is None and facts.heard is None:
        return "Aucune mesure n'est envisagée."
    return _needs_message(data, "pourquoi la mesure est abandonnée")


def _heard_first(facts: LifeFacts, measure: Measure) -> str:
    """An adverse measure needs the holder heard on that measure (observations or period over)."""
    if facts.heard is measure:
        return ""
    if facts.hearing is measure:
        return "Le titulaire dispose encore du délai pour présenter ses observations (droit d'être entendu)."
    return f"Notifiez d'abord au titulaire un {PROJET_LABELS[measure]} (droit d'être entendu)."


def _suspendre(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.status is A.SUSPENDUE:
        return "L'autorisation est déjà suspendue."
    if data.case is None:
        return "Choisissez le cas de suspension (art. 16 RDC)."
    if data.case is SuspensionCase.DEMANDE_DU_TITULAIRE:
        if facts.holder_request is not HolderRequest.SUSPENSION:
            return "Le titulaire n'a pas demandé la suspension."
    else:
        first = _heard_first(facts, Measure.SUSPENSION)
        if first:
            return first
    if data.until is None or data.until <= today:
        return "Indiquez la fin de la période de suspension, postérieure à aujourd'hui."
    return _needs_message(data, "les mesures attendues du titulaire")


def _prolonger(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.status is not A.SUSPENDUE:
        return "L'autorisation n'est pas suspendue."
    current = facts.suspended_until or today
    if data.until is None or data.until <= max(current, today):
        return "La nouvelle fin de suspension doit être postérieure à la fin actuelle et à aujourd'hui."
    return _needs_message(data, "le motif de la prolongation")


def _lever(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.status is not A.SUSPENDUE:
        return "L'autorisation n'est pas suspendue."
    return _needs_message(data, "les mesures prises par le titulaire")


def _effect_date(data: StepInput, facts: LifeFacts, today: date) -> str:
    if data.effect is None:
        return "Indiquez la date de prise d'effet."
    if data.effect < facts.granted_on:
        return "La date de prise d'effet ne peut pas précéder la délivrance de l'autorisation."
    if data.effect < today:
        return "La mesure ne vaut que pour l'avenir : date de prise d'effet au plus tôt aujourd'hui."
    if data.effect > today + timedelta(days=MAX_DEFERRAL_DAYS):
        return "Le report de la prise d'effet est d'un an au plus (art. 28, paragraphe 4, CDU)."
    return ""


def _revoquer(facts: LifeFacts, data: StepInput, today: date) -> str:
    if data.ground not in set(RevocationGround):
        return "Choisissez le motif de la révocation."
    if data.ground == RevocationGround.DEMANDE_DU_TITULAIRE:
        if facts.holder_request is not HolderRequest.REVOCATION:
            return "Le titulaire n'a pas demandé la révocation."
    else:
        first = _heard_first(facts, Measure.REVOCATION)
        if first:
            return first
    return _effect_date(data, facts, today) or _needs_message(data, "les motifs de la révocation")


def _annuler(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.status in (A.ANNULEE, A.REVOQUEE, A.REMPLACEE):
        return f"L'autorisation est « {_label(facts.status)} » : elle ne peut plus être annulée."
    missing = [text for key, text in ANNULMENT_CONDITIONS.items() if key not in data.confirmations]
    if missing:
        return "L'annulation exige les trois conditions de l'article 27 du CDU : " + missing[0]
    return _heard_first(facts, Measure.ANNULATION) or _needs_message(data, "les motifs de l'annulation")


def _modifier(facts: LifeFacts, data: StepInput, today: date) -> str:
    if data.changes <= 0:
        return "Indiquez au moins une donnée modifiée."
    if data.adverse:
        first = _heard_first(facts, Measure.MODIFICATION)
        if first:
            return first
    return _effect_date(data, facts, today) or _needs_message(data, "les motifs de la modification")


def _demander_suspension(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.status is A.SUSPENDUE:
        return "L'autorisation est déjà suspendue."
    if facts.holder_request is not None:
        return "Une demande de votre part est déjà en cours d'examen."
    if data.until is None or data.until <= today:
        return "Indiquez jusqu'à quand la suspension vous est nécessaire (date postérieure à aujourd'hui)."
    return _needs_message(data, "les mesures que vous allez prendre")


def _demander_revocation(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.holder_request is not None:
        return "Une demande de votre part est déjà en cours d'examen."
    if data.effect is not None and data.effect < today:
        return "La date souhaitée ne peut pas être passée."
    return ""


def _rejeter(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.holder_request is None:
        return "Aucune demande du titulaire n'est en attente."
    return _needs_message(data, "les motifs du rejet")


def _expirer_audition(facts: LifeFacts, data: StepInput, today: date) -> str:
    return "" if facts.hearing is not None else "Aucun délai d'observations en cours."


def _fin_suspension(facts: LifeFacts, data: StepInput, today: date) -> str:
    if facts.status is not A.SUSPENDUE or facts.suspended_until is None or facts.suspended_until >= today:
        return "Aucune période de suspension n'a pris fin."
    return ""


_RULES = {
    LifeAction.REEXAMINER: _reexaminer,
    LifeAction.CLORE_REEXAMEN: _clore_reexamen,
    LifeAction.NOTIFIER_PROJET: _notifier_projet,
    LifeAction.PRESENTER_OBSERVATIONS: _presenter_observations,
    LifeAction.RENONCER_MESURE: _renoncer,
    LifeAction.SUSPENDRE: _suspendre,
    LifeAction.PROLONGER_SUSPENSION: _prolonger,
    LifeAction.LEVER_SUSPENSION: _lever,
    LifeAction.REVOQUER: _revoquer,
    LifeAction.ANNULER: _annuler,
    LifeAction.MODIFIER_OFFICE: _modifier,
    LifeAction.DEMANDER_SUSPENSION: _demander_suspension,
    LifeAction.DEMANDER_REVOCATION: _demander_revocation,
    LifeAction.REJETER_DEMANDE: _rejeter,
    LifeAction.EXPIRER_AUDITION: _expirer_audition,
    LifeAction.SIGNALER_FIN_SUSPENSION: _fin_suspension,
}


def offered(side: Side, facts: LifeFacts, today: date) -> list[LifeAction]:
    """The steps shown as buttons: those of this side that could be taken in the present situation
    (their inputs are checked when the dialog is confirmed)."""
    possible = []
    for action in HOLDER_ACTIONS if side is Side.OPERATOR else CUSTOMS_ACTIONS:
        probe = _probe(action, facts, today)
        if not refused(action, side, facts, probe, today):
            possible.append(action)
    return possible


def _probe(action: LifeAction, facts: LifeFacts, today: date) -> StepInput:
    """Inputs that satisfy every input check, so that only the situation decides what is offered."""
    ground = {
        LifeAction.REEXAMINER: ReassessmentGround.SURVEILLANCE.value,
        LifeAction.CLORE_REEXAMEN: ReassessmentOutcome.SANS_CHANGEMENT.value,
        LifeAction.REVOQUER: (
            RevocationGround.DEMANDE_DU_TITULAIRE.value
            if facts.holder_request is HolderRequest.REVOCATION
            else RevocationGround.CONDITIONS.value
        ),
    }.get(action, "")
    case = (
        SuspensionCase.DEMANDE_DU_TITULAIRE
        if facts.holder_request is HolderRequest.SUSPENSION
        else SuspensionCase.CONDITIONS_NON_REMPLIES
    )
    return StepInput(
        message="x",
        measure=Measure.REVOCATION,
        case=case,
        ground=ground,
        until=max(today, facts.suspended_until or today) + timedelta(days=1),
        effect=max(today, facts.granted_on),
        confirmations=frozenset(ANNULMENT_CONDITIONS),
        adverse=facts.heard is Measure.MODIFICATION,
        changes=1,
    )


# --- status on a date ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LifeEvent:
    """A step as ``status_at`` needs it: what, the day it was decided, the day it takes effect."""

    action: LifeAction
    decided_on: date
    effect: date | None = None


@dataclass(frozen=True)
class LifeState:
    """What the steps taken so far leave on the authorisation (kept on its row for lists in SQL)."""

    suspended: bool = False
    revoked_from: date | None = None
    annulled_on: date | None = None


def state_after(events: list[LifeEvent], day: date | None = None) -> LifeState:
    """Replay the steps decided on or before ``day`` (all of them without a day)."""
    suspended, revoked_from, annulled_on = False, None, None
    for event in sorted(events, key=lambda e: e.decided_on):
        if day is not None and event.decided_on > day:
            break
        if event.action is LifeAction.SUSPENDRE:
            suspended = True
        elif event.action is LifeAction.LEVER_SUSPENSION:
            suspended = False
        elif event.action is LifeAction.REVOQUER:
            revoked_from = event.effect or event.decided_on
        elif event.action is LifeAction.ANNULER:
            annulled_on = event.decided_on
    return LifeState(suspended, revoked_from, annulled_on)


def status_at(
    valid_from: date,
    valid_to: date | None,
    day: date,
    state: LifeState,
    replaced_from: date | None = None,
) -> AuthorisationStatus:
    """The status on ``day``, as it stood then, given the steps decided by then (``state_after``).

    The order is the one of ``services/authorisations.status_sql`` (the same rule, in SQL, for lists):
    annulled (UCC 27: void from the start, shown from the day it is decided), revoked from its effect
    date, then the validity dates, a suspension counting while the authorisation is in force or to come.
    """
    if state.annulled_on is not None:
        return A.ANNULEE
    if state.revoked_from is not None and state.revoked_from <= day:
        return A.REVOQUEE
    base = status_on(valid_from, valid_to, day, replaced_from)
    if state.suspended and base in (A.A_VENIR, A.EN_VIGUEUR):
        return A.SUSPENDUE
    return base


def rdc11_block(
    ended: list[tuple[str, date, str]], regime: str, submitted_on: date
) -> tuple[str, date] | None:
    """An application filed within a year after a revocation for failure to meet obligations, or an
    annulment, of an authorisation of the same holder and régime (RDC art. 11): (its number, the day
    it was decided), or None. ``ended``: (number, day decided, régime) of those revocations and
    annulments of the holder."""
    for numero, day, ended_regime in ended:
        if ended_regime == regime and day <= submitted_on <= day + timedelta(days=RDC11_BLOCK_DAYS):
            return numero, day
    return None
