"""The state machine of an application (spec §3.2 A, §3.3): who may do what, from which status.

Nothing else decides whether a step is allowed: the services call ``check`` before writing, so a
crafted event is refused exactly like a click on a button that is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from . import letters
from .clock import MAX_CUSTOMS_EXTENSION_DAYS, MAX_INFORMATION_DAYS, Step
from .formatting import format_date
from .grounds import grounds_refused
from .regimes import Regime
from .statuses import FINAL_STATUSES, STATUS_LABELS, DossierStatus, Side

S = DossierStatus
MAX_REPLY_DAYS = 90  # compléments before acceptance, observations, the consulted States' answers


class RequestStatus(StrEnum):
    """A request customs sent to the operator (compléments, informations, observations)."""

    NOUVELLE = "nouvelle"  # awaiting the operator's reply
    REPONDUE = "repondue"
    ANNULEE = "annulee"  # the dossier was closed before any reply
    EXPIREE = "expiree"  # the reply period ended without a reply


class Action(StrEnum):
    # operator
    DEPOSER = "deposer"
    REPONDRE = "repondre"
    PROPOSER_AJUSTEMENTS = "proposer_ajustements"
    RETIRER = "retirer"
    # customs
    ACCEPTER = "accepter"
    DEMANDER_COMPLEMENTS = "demander_complements"
    DECLARER_IRRECEVABLE = "declarer_irrecevable"
    DEMANDER_INFORMATIONS = "demander_informations"
    PROLONGER_DELAI = "prolonger_delai"
    PROLONGER_ENQUETE = "prolonger_enquete"
    STATUER_AJUSTEMENTS = "statuer_ajustements"
    REFUSER_AJUSTEMENTS = "refuser_ajustements"
    TRANSMETTRE_COMMISSION = "transmettre_commission"
    RETOUR_COMMISSION = "retour_commission"
    CONSULTER_ETATS_MEMBRES = "consulter_etats_membres"
    FIN_CONSULTATION = "fin_consultation"
    NOTIFIER_PROJET_DEFAVORABLE = "notifier_projet_defavorable"
    ACCORDER = "accorder"
    REFUSER = "refuser"
    CLASSER_SANS_SUITE = "classer_sans_suite"
    # both
    COMMENTER = "commenter"
    # time (the scheduler, author « Système »)
    EXPIRER_DELAI_REPONSE = "expirer_delai_reponse"
    SIGNALER_DELAI_DEPASSE = "signaler_delai_depasse"
    CLASSER_BROUILLON_ABANDONNE = "classer_brouillon_abandonne"


class Need(StrEnum):
    """What the actor must give with the action."""

    MESSAGE = "message"  # grounds, points to complete, questions, notice…
    DEADLINE = "deadline"  # reply period in days
    DAYS = "days"  # extension length
    VALIDITY = "validity"  # start and end of the authorisation
    APPEAL = "appeal"  # means of appeal of an adverse decision
    CHOICE = "choice"  # one of CHOICES[action]: a conclusion, an outcome, a ground
    GUARANTEE = "guarantee"  # the guarantee the authorisation requires (domain/guarantee.py)
    GROUNDS = "grounds"  # the standard grounds of an adverse decision (domain/grounds.py)
    CONFIDENTIAL = "confidential"  # may be kept from the applicant (RDC art. 13(3))


CONFIDENTIAL_REFUSED = (
    "Seule la prolongation pour enquête peut ne pas être portée à la connaissance du demandeur "
    "(art. 13, paragraphe 3, RDC)."
)


@dataclass(frozen=True)
class Transition:
    action: Action
    label: str  # the button
    actor: Side
    sources: frozenset[DossierStatus]
    target: DossierStatus | None  # None: the status does not change
    needs: tuple[Need, ...] = ()
    step: Step | None = None  # what it means for the time limits
    legal: str = ""
    help: str = ""
    system: bool = False  # the system may also take it, when its time comes


_OPEN = frozenset(s for s in DossierStatus if s not in FINAL_STATUSES and s is not S.BROUILLON)
_OP, _DOUANE, _SYSTEME = Side.OPERATOR, Side.CUSTOMS, Side.SYSTEM

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(Action.DEPOSER, "Valider", _OP, frozenset({S.BROUILLON}), S.DEPOSEE, step=Step.DEPOT),
        Transition(
            Action.REPONDRE,
            "Répondre",
            _OP,
            frozenset({S.INCOMPLETE, S.INFO_COMPLEMENTAIRE, S.DROIT_ETRE_ENTENDU}),
            None,  # depends on the request answered, see ``target_of``
            (Need.MESSAGE,),
            help="Votre réponse, vos pièces jointes et les champs rouverts par le service sont transmis ensemble.",
        ),
        Transition(
            Action.PROPOSER_AJUSTEMENTS,
            "Proposer des ajustements",
            _OP,
            frozenset({S.EN_INSTRUCTION}),
            S.AJUSTEMENTS,
            (Need.MESSAGE, Need.DAYS),
            legal="art. 22, paragraphe 3, CDU",
            help="Décrivez les ajustements que vous proposez et le délai dont vous avez besoin.",
        ),
        Transition(
            Action.RETIRER,
            "Retirer la demande",
            _OP,
            _OPEN,
            S.RETIREE,
            step=Step.DECISION,
            help="La demande est retirée : le service des douanes n'y donnera pas suite.",
        ),
        Transition(
            Action.ACCEPTER,
            "Accepter la demande",
            _DOUANE,
            frozenset({S.DEPOSEE}),
            S.EN_INSTRUCTION,
            step=Step.ACCEPTATION,
            legal="art. 22, paragraphe 2, CDU",
            help="La date d'acceptation fait courir le délai de décision.",
        ),
        Transition(
            Action.DEMANDER_COMPLEMENTS,
            "Demander des compléments",
            _DOUANE,
            frozenset({S.DEPOSEE}),
            S.INCOMPLETE,
            (Need.MESSAGE, Need.DEADLINE),
            step=Step.COMPLEMENTS_DEMANDES,
            legal="art. 22, paragraphe 2, CDU",
            help="Indiquez les points à compléter ; vous pouvez rouvrir des champs du formulaire.",
        ),
        Transition(
            Action.DECLARER_IRRECEVABLE,
            "Déclarer la demande irrecevable",
            _DOUANE,
            frozenset({S.DEPOSEE, S.INCOMPLETE}),
            S.IRRECEVABLE,
            (Need.MESSAGE,),
            system=True,  # transition 6: the compléments were not supplied in time
            step=Step.DECISION,
            legal="art. 22, paragraphe 2, CDU ; art. 11 RDC",
            help="Motivez la décision de ne pas accepter la demande.",
        ),
        Transition(
            Action.DEMANDER_INFORMATIONS,
            "Demander des informations complémentaires",
            _DOUANE,
            frozenset({S.EN_INSTRUCTION}),
            S.INFO_COMPLEMENTAIRE,
            (Need.MESSAGE, Need.DEADLINE),
            step=Step.INFORMATIONS_DEMANDEES,
            legal="art. 13 RDC",
            help="Le délai de décision est prolongé du temps de réponse (30 jours au plus).",
        ),
        Transition(
            Action.PROLONGER_DELAI,
            "Prolonger le délai de décision",
            _DOUANE,
            frozenset({S.EN_INSTRUCTION, S.AJUSTEMENTS, S.CONSULTATION_EM}),
            None,
            (Need.MESSAGE, Need.DAYS),
            step=Step.PROLONGATION,
            legal="art. 22, paragraphe 3, deuxième alinéa, CDU",
            help="Notifiez au demandeur les motifs de la prolongation (30 jours au plus).",
        ),
        Transition(
            Action.PROLONGER_ENQUETE,
            "Prolonger pour enquête (infraction présumée)",
            _DOUANE,
            frozenset({S.EN_INSTRUCTION, S.AJUSTEMENTS, S.CONSULTATION_EM}),
            None,
            (Need.MESSAGE, Need.DAYS, Need.CONFIDENTIAL),
            step=Step.ENQUETE,
            legal="art. 13, paragraphe 3, RDC",
            help="Le délai de décision est prolongé du temps nécessaire à l'enquête, neuf mois au plus ; le "
            "demandeur en est informé, sauf si cela risque de compromettre l'enquête.",
        ),
        Transition(
            Action.STATUER_AJUSTEMENTS,
            "Accepter les ajustements et le délai",
            _DOUANE,
            frozenset({S.AJUSTEMENTS}),
            S.EN_INSTRUCTION,
            (Need.MESSAGE, Need.DAYS),
            step=Step.AJUSTEMENTS,
            legal="art. 22, paragraphe 3, troisième alinéa, CDU",
        ),
        Transition(
            Action.REFUSER_AJUSTEMENTS,
            "Refuser les ajustements proposés",
            _DOUANE,
            frozenset({S.AJUSTEMENTS}),
            S.EN_INSTRUCTION,
            (Need.MESSAGE,),
            legal="art. 22, paragraphe 3, troisième alinéa, CDU",
            help="Motivez le refus : l'instruction reprend, sans prolongation du délai de décision.",
        ),
        Transition(
            Action.TRANSMETTRE_COMMISSION,
            "Transmettre à la Commission (conditions économiques)",
            _DOUANE,
            frozenset({S.EN_INSTRUCTION}),
            S.EXAMEN_CE,
            (Need.MESSAGE,),
            step=Step.EXAMEN_CE,
            legal="art. 211, paragraphe 6, CDU ; art. 171 RDC",
            help="Le délai de décision est prolongé du temps de l'examen, un an au plus.",
        ),
        Transition(
            Action.RETOUR_COMMISSION,
            "Enregistrer la conclusion de la Commission",
            _DOUANE,
            frozenset({S.EXAMEN_CE}),
            S.EN_INSTRUCTION,
            (Need.CHOICE, Need.MESSAGE),
            step=Step.RETOUR_CE,
            legal="art. 211, paragraphe 6, CDU",
        ),
        Transition(
            Action.CONSULTER_ETATS_MEMBRES,
            "Consulter les autres États membres",
            _DOUANE,
            frozenset({S.EN_INSTRUCTION}),
            S.CONSULTATION_EM,
            (Need.MESSAGE, Need.DEADLINE),
            legal="art. 22, paragraphe 3, CDU",
            help="Nommez les États consultés et ce que vous leur demandez ; fixez leur délai de réponse. "
            "Sans réponse dans ce délai, les conditions examinées sont réputées remplies.",
        ),
        Transition(
            Action.FIN_CONSULTATION,
            "Clore la consultation des États membres",
            _DOUANE,
            frozenset({S.CONSULTATION_EM}),
            S.EN_INSTRUCTION,
            (Need.CHOICE, Need.MESSAGE),
            legal="art. 22, paragraphe 3, CDU",
        ),
        Transition(
            Action.NOTIFIER_PROJET_DEFAVORABLE,
            "Notifier un projet de décision défavorable",
            _DOUANE,
            frozenset({S.EN_INSTRUCTION}),
            S.DROIT_ETRE_ENTENDU,
            (Need.GROUNDS, Need.MESSAGE),
            step=Step.PROJET_DEFAVORABLE,
            legal="art. 22, paragraphe 6, CDU ; art. 8 RDC",
            help="Exposez les motifs : le demandeur dispose de 30 jours pour faire valoir son point de vue.",
        ),
        Transition(
            Action.ACCORDER,
            "Accorder l'autorisation",
            _DOUANE,
            frozenset({S.EN_INSTRUCTION}),
            S.ACCORDEE,
            (Need.VALIDITY, Need.GUARANTEE),
            step=Step.DECISION,
            legal="art. 22, paragraphes 3 et 4, CDU",
        ),
        Transition(
            Action.REFUSER,
            "Refuser l'autorisation",
            _DOUANE,
            frozenset({S.DROIT_ETRE_ENTENDU, S.EN_INSTRUCTION}),
            S.REFUSEE,
            (Need.GROUNDS, Need.MESSAGE, Need.APPEAL),
            step=Step.DECISION,
            legal="art. 22, paragraphes 6 et 7, et art. 44 CDU",
            help="Motivez la décision et indiquez les voies de recours.",
        ),
        Transition(
            Action.EXPIRER_DELAI_REPONSE,
            "Délai de réponse expiré",
            _SYSTEME,
            frozenset({S.INFO_COMPLEMENTAIRE, S.DROIT_ETRE_ENTENDU}),
            S.EN_INSTRUCTION,
            (Need.MESSAGE,),
            legal="art. 13 RDC, art. 22, paragraphe 6, CDU",
            help="Le demandeur n'a pas répondu dans le délai : l'instruction reprend, le délai de décision aussi.",
        ),
        Transition(
            Action.SIGNALER_DELAI_DEPASSE,
            "Délai dépassé",
            _SYSTEME,
            _OPEN,
            None,
            (Need.MESSAGE,),
            legal="art. 22 et 44 CDU",
        ),
        Transition(
            Action.CLASSER_BROUILLON_ABANDONNE,
            "Brouillon abandonné",
            _SYSTEME,
            frozenset({S.BROUILLON}),
            S.SANS_SUITE,
            (Need.MESSAGE,),
            step=Step.DECISION,
            help="Un brouillon laissé sans modification pendant douze mois est classé sans suite.",
        ),
        Transition(
            Action.CLASSER_SANS_SUITE,
            "Classer sans suite (demandeur disparu)",
            _DOUANE,
            _OPEN,
            S.SANS_SUITE,
            (Need.CHOICE, Need.MESSAGE),
            step=Step.DECISION,
            help="Seulement si le demandeur n'existe plus : toute autre demande appelle une décision "
            "(accorder, refuser après l'avoir entendu, ou déclarer la demande irrecevable).",
        ),
        Transition(
            Action.COMMENTER,
            "Laisser un commentaire",
            _OP,  # both sides, see ``allowed``
            frozenset(DossierStatus),
            None,
            (Need.MESSAGE,),
        ),
    )
}

# How each step reads once taken, in notifications (« Dossier RP-… : compléments demandés »).
DONE: dict[Action, str] = {
    Action.DEPOSER: "nouvelle demande déposée",
    Action.REPONDRE: "réponse de l'opérateur",
    Action.PROPOSER_AJUSTEMENTS: "ajustements proposés par l'opérateur",
    Action.RETIRER: "demande retirée par l'opérateur",
    Action.ACCEPTER: "demande acceptée, instruction en cours",
    Action.DEMANDER_COMPLEMENTS: "compléments demandés",
    Action.DECLARER_IRRECEVABLE: "demande déclarée irrecevable",
    Action.DEMANDER_INFORMATIONS: "informations complémentaires demandées",
    Action.PROLONGER_DELAI: "délai de décision prolongé",
    Action.PROLONGER_ENQUETE: "délai de décision prolongé pour enquête",
    Action.STATUER_AJUSTEMENTS: "ajustements et délai acceptés",
    Action.REFUSER_AJUSTEMENTS: "ajustements refusés, l'instruction reprend",
    Action.TRANSMETTRE_COMMISSION: "demande transmise à la Commission",
    Action.RETOUR_COMMISSION: "conclusion de la Commission enregistrée",
    Action.CONSULTER_ETATS_MEMBRES: "consultation des autres États membres",
    Action.FIN_CONSULTATION: "consultation des États membres close",
    Action.NOTIFIER_PROJET_DEFAVORABLE: "projet de décision défavorable, droit d'être entendu",
    Action.ACCORDER: "autorisation accordée",
    Action.REFUSER: "autorisation refusée",
    Action.CLASSER_SANS_SUITE: "demande classée sans suite",
    Action.COMMENTER: "nouveau commentaire",
    Action.EXPIRER_DELAI_REPONSE: "délai de réponse expiré",
    Action.SIGNALER_DELAI_DEPASSE: "délai dépassé",
    Action.CLASSER_BROUILLON_ABANDONNE: "brouillon abandonné, classé sans suite",
}

OPERATOR_ACTIONS = tuple(
    a
    for a, t in TRANSITIONS.items()
    if t.actor is Side.OPERATOR and a not in (Action.DEPOSER, Action.COMMENTER)
)
CUSTOMS_ACTIONS = tuple(a for a, t in TRANSITIONS.items() if t.actor is Side.CUSTOMS)
APPEAL_TEXT = letters.APPEAL_TEXT  # one place for the text: domain/letters.py


class Economic(StrEnum):
    """Where a PA application stands with the economic conditions (UCC art. 211(6), RDC art. 167)."""

    NON_EXAMINEES = ""  # no code of RDC art. 167 applies and the Commission has not concluded
    REPUTEES = "reputees"  # a code of RDC art. 167 applies: deemed fulfilled
    REMPLIES = "remplies"  # the Commission's examination concluded they are fulfilled
    NON_REMPLIES = "non_remplies"


class Consultation(StrEnum):
    """Outcome of the consultation of the other Member States concerned (spec §3.3 row 12)."""

    AUCUNE = ""
    ACCORD = "accord"
    OBJECTION = "objection"
    SANS_REPONSE = "sans_reponse"  # no answer in the period set: the conditions are deemed met


APPLICANT_GONE = "demandeur_disparu"

# What a step asks customs to choose (Need.CHOICE): its label and the options (value, text).
CHOICES: dict[Action, tuple[str, tuple[tuple[str, str], ...]]] = {
    Action.RETOUR_COMMISSION: (
        "Conclusion de l'examen des conditions économiques",
        (
            (Economic.REMPLIES.value, "Les conditions économiques sont remplies"),
            (Economic.NON_REMPLIES.value, "Les conditions économiques ne sont pas remplies"),
        ),
    ),
    Action.FIN_CONSULTATION: (
        "Issue de la consultation",
        (
            (Consultation.ACCORD.value, "Les États membres consultés ne s'opposent pas"),
            (Consultation.OBJECTION.value, "Un État membre consulté s'oppose"),
            (
                Consultation.SANS_REPONSE.value,
                "Pas de réponse dans le délai fixé : les conditions sont réputées remplies",
            ),
        ),
    ),
    Action.CLASSER_SANS_SUITE: (
        "Motif",
        ((APPLICANT_GONE, "Le demandeur n'existe plus (cessation d'activité, radiation, liquidation)"),),
    ),
}


def choice_label(action: Action, value: str | None) -> str:
    return dict(CHOICES.get(action, ("", ()))[1]).get(value or "", "")


@dataclass(frozen=True)
class Facts:
    """What the guards look at besides the status."""

    regime: Regime
    several_member_states: bool = False
    heard: bool = False  # a right-to-be-heard notice was given (needed before a refusal)
    heard_grounds: frozenset[str] = frozenset()  # the grounds of every notice given (domain/grounds.py)
    # The last day of the operator's running reply period (request or right to be heard), if any.
    waiting_until: date | None = None
    extension_days_used: int = 0  # customs extensions of the decision period so far
    economic: Economic = Economic.REPUTEES  # PA only (the other régimes have no such condition)
    consultation: Consultation = Consultation.AUCUNE
    consultation_until: date | None = None  # the consulted States' reply period, while it runs
    acceptance_due: date | None = None  # the acceptance period's last day, once it is over
    investigation_days_left: int = 0  # what is left of the nine months of RDC art. 13(3)

    @property
    def extension_days_left(self) -> int:
        return max(0, MAX_CUSTOMS_EXTENSION_DAYS - self.extension_days_used)


class WorkflowError(Exception):
    """A step refused; ``str(error)`` is the French reason."""


def _guard(action: Action, status: DossierStatus, facts: Facts) -> str:
    """An extra condition of an action, or an empty string when it holds."""
    if facts.waiting_until and (
        (action is Action.REFUSER and status is S.DROIT_ETRE_ENTENDU)
        or (action is Action.DECLARER_IRRECEVABLE and status is S.INCOMPLETE)
    ):
        # Transitions 6 and 15: customs decides on the reply, or once the period is over.
        return (
            f"Le demandeur a jusqu'au {format_date(facts.waiting_until)} pour répondre : attendez sa réponse "
            "ou la fin de ce délai."
        )
    if action is Action.EXPIRER_DELAI_REPONSE and facts.waiting_until:
        return f"Le délai de réponse court jusqu'au {format_date(facts.waiting_until)}."
    if action is Action.TRANSMETTRE_COMMISSION and facts.regime is not Regime.PA:
        return (
            "L'examen des conditions économiques par la Commission ne concerne que le perfectionnement actif."
        )
    if action is Action.TRANSMETTRE_COMMISSION and facts.economic in (
        Economic.REMPLIES,
        Economic.NON_REMPLIES,
    ):
        return "La Commission s'est déjà prononcée sur les conditions économiques de cette demande."
    if action is Action.CONSULTER_ETATS_MEMBRES and not facts.several_member_states:
        return "La demande ne concerne qu'un État membre : il n'y a pas d'autre État à consulter."
    if action is Action.PROLONGER_ENQUETE and facts.investigation_days_left == 0:
        return "Le délai de décision a déjà été prolongé de neuf mois pour enquête, le maximum (art. 13 RDC)."
    if action is Action.PROLONGER_DELAI and facts.extension_days_left == 0:
        return (
            f"Le délai de décision a déjà été prolongé de {MAX_CUSTOMS_EXTENSION_DAYS} jours, le maximum "
            "(art. 22, paragraphe 3, CDU)."
        )
    if action is Action.DEMANDER_COMPLEMENTS and facts.acceptance_due is not None:
        return (
            f"Le délai d'acceptation a pris fin le {format_date(facts.acceptance_due)} : acceptez la demande ou "
            "déclarez-la irrecevable (art. 22, paragraphe 2, CDU)."
        )
    if action is Action.ACCORDER:
        reason = _grant_blocked(facts)
        if reason:
            return reason
    if action is Action.REFUSER and not facts.heard:
        return (
            "Avant de refuser, notifiez un projet de décision défavorable : le demandeur a le droit d'être "
            "entendu (art. 22, paragraphe 6, CDU)."
        )
    return ""


def _grant_blocked(facts: Facts) -> str:
    """What must happen before an authorisation may be granted (spec §3.3 rows 11 and 12)."""
    if facts.regime is Regime.PA and facts.economic is Economic.NON_EXAMINEES:
        return (
            "Examen des conditions économiques requis : aucun code de l'article 167 RDC ne s'applique à la "
            "demande. Transmettez-la à la Commission (art. 211, paragraphe 6, CDU)."
        )
    if facts.regime is Regime.PA and facts.economic is Economic.NON_REMPLIES:
        return (
            "La Commission a conclu que les conditions économiques ne sont pas remplies : l'autorisation ne "
            "peut pas être accordée (art. 211, paragraphe 6, CDU)."
        )
    if facts.several_member_states and facts.consultation is Consultation.AUCUNE:
        return (
            "Consultation des autres États membres requise : la demande vaut pour plusieurs États membres "
            "(art. 22, paragraphe 3, CDU)."
        )
    if facts.several_member_states and facts.consultation is Consultation.OBJECTION:
        return "Un État membre consulté s'est opposé : l'autorisation ne peut pas être accordée en l'état."
    return ""


def input_refused(
    action: Action,
    facts: Facts,
    choice: str = "",
    deadline_days: int | None = None,
    chosen_grounds: list[str] | None = None,
) -> str:
    """What is wrong with the inputs of a step, or an empty string (the message and the validity are
    checked by the service, which knows the dossier)."""
    if Need.GROUNDS in TRANSITIONS[action].needs:
        wrong = grounds_refused(action is Action.REFUSER, chosen_grounds or [], facts.heard_grounds)
        if wrong:
            return wrong
    options = [value for value, _text in CHOICES.get(action, ("", ()))[1]]
    if Need.CHOICE in TRANSITIONS[action].needs and choice not in options:
        if action is Action.CLASSER_SANS_SUITE:
            return (
                "Un dossier ne se classe sans suite que si le demandeur n'existe plus ; toute autre demande "
                "appelle une décision (accorder, refuser après l'avoir entendu, déclarer irrecevable)."
            )
        return f"Choisissez : {CHOICES[action][0].lower()}."
    if (
        action is Action.FIN_CONSULTATION
        and choice == Consultation.SANS_REPONSE.value
        and facts.consultation_until is not None
    ):
        return (
            f"Les États consultés ont jusqu'au {format_date(facts.consultation_until)} pour répondre : les "
            "conditions ne sont réputées remplies qu'à l'issue de ce délai."
        )
    if deadline_days is not None and Need.DEADLINE in TRANSITIONS[action].needs:
        ceiling = MAX_INFORMATION_DAYS if action is Action.DEMANDER_INFORMATIONS else MAX_REPLY_DAYS
        if not 1 <= deadline_days <= ceiling:
            legal = " (art. 13, paragraphe 1, RDC)" if action is Action.DEMANDER_INFORMATIONS else ""
            return f"Le délai de réponse est compris entre 1 et {ceiling} jours{legal}."
    return ""


def allowed(action: Action, status: DossierStatus, side: Side, facts: Facts) -> bool:
    return not reason_refused(action, status, side, facts)


def reason_refused(action: Action, status: DossierStatus, side: Side, facts: Facts) -> str:
    transition = TRANSITIONS[action]
    if action is Action.COMMENTER:
        return (
            "" if status is not S.BROUILLON else "Les commentaires s'échangent une fois la demande déposée."
        )
    if side is Side.SYSTEM:
        if transition.actor is not Side.SYSTEM and not transition.system:
            return f"« {transition.label} » n'est jamais une suite automatique d'un délai."
    elif transition.actor is not side:
        who = {Side.OPERATOR: "à l'opérateur", Side.CUSTOMS: "au service des douanes"}.get(
            transition.actor, "au déroulement automatique des délais"
        )
        return f"« {transition.label} » est réservé {who}."
    if status not in transition.sources:
        return (
            f"« {transition.label} » n'est pas possible lorsque le dossier est « {STATUS_LABELS[status]} »."
        )
    return _guard(action, status, facts)


def check(action: Action, status: DossierStatus, side: Side, facts: Facts) -> Transition:
    """The transition, or WorkflowError with the reason in French."""
    reason = reason_refused(action, status, side, facts)
    if reason:
        raise WorkflowError(reason)
    return TRANSITIONS[action]


def actions_for(status: DossierStatus, side: Side, facts: Facts) -> list[Transition]:
    """The buttons to show to one side (the services check again when they are used)."""
    candidates = CUSTOMS_ACTIONS if side is Side.CUSTOMS else OPERATOR_ACTIONS
    return [TRANSITIONS[a] for a in candidates if allowed(a, status, side, facts)]


def target_of_reply(status: DossierStatus) -> DossierStatus:
    """Where the operator's answer leads (transitions 5, 9 and 14)."""
    return {
        S.INCOMPLETE: S.DEPOSEE,
        S.INFO_COMPLEMENTAIRE: S.EN_INSTRUCTION,
        S.DROIT_ETRE_ENTENDU: S.EN_INSTRUCTION,
    }[status]


def step_of_expiry(status: DossierStatus) -> Step:
    """What the end of an unanswered period means for the clock: the pause ends (RDC art. 13), or the
    hearing is over (its extension of the decision limit stays)."""
    return {S.INFO_COMPLEMENTAIRE: Step.INFORMATIONS_RECUES, S.DROIT_ETRE_ENTENDU: Step.OBSERVATIONS}[status]


def step_of_reply(status: DossierStatus) -> Step:
    return {
        S.INCOMPLETE: Step.DEPOT,  # acceptance period runs again from the receipt of what was missing
        S.INFO_COMPLEMENTAIRE: Step.INFORMATIONS_RECUES,
        S.DROIT_ETRE_ENTENDU: Step.OBSERVATIONS,
    }[status]


# What customs' queue shows about a dossier once time has acted on it, until customs take a step.
ALERT_REPLY_EXPIRED = "Délai de réponse expiré"
ALERT_ACCEPTANCE_PASSED = "Délai d'acceptation dépassé"
ALERT_DECISION_PASSED = "Délai de décision dépassé"
ALERT_RDC11 = "Après révocation ou annulation (RDC 11)"


def alert_after(
    action: Action,
    side: Side,
    before: DossierStatus,
    after: DossierStatus,
    current: str | None,
    rdc11: bool = False,
) -> str | None:
    """The queue's alert after a step: set by the system's steps and by a submission within a year of
    a revocation or annulment (``rdc11``, RDC art. 11), cleared by any step customs take (a comment
    is not a step) and when the dossier is closed."""
    if after in FINAL_STATUSES:
        return None
    if action is Action.DEPOSER and rdc11:
        return ALERT_RDC11
    if action is Action.EXPIRER_DELAI_REPONSE:
        return ALERT_REPLY_EXPIRED
    if action is Action.SIGNALER_DELAI_DEPASSE:
        return ALERT_ACCEPTANCE_PASSED if before is S.DEPOSEE else ALERT_DECISION_PASSED
    if side is Side.CUSTOMS and action is not Action.COMMENTER:
        return None
    return current


# Steps customs may take on several dossiers at once: those that change the status and need nothing
# but an optional message (each dossier is still checked by ``check`` as if taken alone).
BULK_ACTIONS: tuple[Action, ...] = tuple(
    t.action for t in TRANSITIONS.values() if t.actor is Side.CUSTOMS and not t.needs and t.target is not None
)
MAX_BULK = 200  # dossiers in one bulk step
