"""What each side sees of the decision phase on a dossier: the running time limit, the open
request, the steps it may take. (The steps themselves: ``services.workflow``.)"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..app_clock import now_utc
from ..db import session_scope
from ..domain import clock as legal
from ..domain import guarantee
from ..domain import workflow as wf
from ..domain.authorisations import proposed_validity
from ..domain.catalogue import CATALOGUE
from ..domain.catalogue.model import Field, Kind
from ..domain.company_roles import Right, allows
from ..domain.company_roles import refused as refused_right
from ..domain.formatting import format_date, paris_today
from ..domain.forms.display import input_value
from ..domain.forms.values import options_of, parse_date, parse_number
from ..domain.grounds import GROUNDS
from ..domain.regimes import TypeDemande
from ..domain.retroactive import earliest as earliest_retroactive
from ..domain.statuses import DossierStatus, Side
from ..models import Dossier
from .access import AccessDenied, scoped_dossiers
from .auth import SessionContext
from .authorisation_workflow import rdc11_ground
from .issuing import current_validity
from .workflow import (
    clock_of,
    facts_of,
    open_request,
    reopenable_items,
    reopened_fields,
    retro_facts,
    side_in_workflow,
)

REQUEST_LABELS = {
    wf.Action.DEMANDER_COMPLEMENTS.value: "Compléments demandés avant acceptation",
    wf.Action.DEMANDER_INFORMATIONS.value: "Informations complémentaires demandées",
    wf.Action.NOTIFIER_PROJET_DEFAVORABLE.value: "Projet de décision défavorable — droit d'être entendu",
}


@dataclass(frozen=True)
class ClockView:
    phase: str
    start: str
    due: str
    days_left: str  # « 12 jours », « dépassé de 3 jours », « suspendu »
    overdue: bool
    paused: bool
    closed: bool
    reply_label: str
    reply_due: str
    extensions: list[dict[str, str]]


@dataclass(frozen=True)
class RequestView:
    id: int
    label: str
    message: str
    due: str
    overdue: bool
    fields: list[dict[str, Any]]  # reopened fields: id, label, infobulle, kind, value, options


@dataclass(frozen=True)
class ActionView:
    action: str
    label: str
    needs: list[str]
    help: str
    legal: str
    danger: bool
    choice_label: str = ""  # Need.CHOICE: what to choose, and the options
    choices: list[dict[str, str]] = field(default_factory=list)
    grounds: list[dict[str, str]] = field(default_factory=list)  # Need.GROUNDS: the grounds offered


@dataclass
class DecisionView:
    side: str
    clock: ClockView | None
    request: RequestView | None
    actions: list[ActionView] = field(default_factory=list)
    can_comment: bool = False
    reopenable: list[dict[str, str]] = field(default_factory=list)
    proposed_from: str = ""  # JJ/MM/AAAA, for the grant dialog
    proposed_to: str = ""
    proposed_guarantee: tuple[str, str, str] = ("", "", "")  # kind, amount, reference: the applicant's
    retro_earliest: str = ""  # the application asks for a retroactive effect: from this day at the earliest
    deadline_notice: str = ""  # the acceptance or decision period is over (spec §3.3 row 18)
    grant_blocked: str = ""  # customs: why « Accorder » is not offered yet (Commission, consultation)
    rdc11_ground: str = ""  # customs: filed within a year of a revocation or annulment (RDC 11)
    rights_notice: str = ""  # the operator's role in the company does not let him act (company_roles)


_BEFORE_ACCEPTANCE = (DossierStatus.DEPOSEE, DossierStatus.INCOMPLETE)


def deadline_notice(side: Side, status: DossierStatus, clock: legal.Clock, today: date) -> str:
    """What each side is told once the acceptance or decision period has run out without a step."""
    if not clock.phase or clock.closed or clock.paused_since is not None or not clock.overdue(today):
        return ""
    due = format_date(clock.due)
    if status is DossierStatus.DEPOSEE:
        if side is Side.CUSTOMS:
            return f"Délai d'acceptation dépassé depuis le {due} : prononcez-vous sur la recevabilité sans attendre."
        return (
            f"Le service des douanes devait se prononcer sur la recevabilité de votre demande avant le {due} : "
            "ce délai est dépassé."
        )
    if side is Side.CUSTOMS:
        return (
            f"Délai de décision dépassé depuis le {due} : le demandeur peut exercer un recours comme si sa "
            "demande avait été refusée. Décidez sans attendre."
        )
    return (
        f"Le délai de décision a expiré le {due} sans décision. Vous pouvez exercer un recours comme si votre "
        "demande avait été refusée (art. 44, paragraphe 1, second alinéa, CDU) : recours administratif auprès "
        "du service qui instruit la demande, puis recours contentieux devant le tribunal judiciaire."
    )


def _days_text(days: int) -> str:
    if days < 0:
        return f"dépassé de {-days} jour{'s' if -days > 1 else ''}"
    if days == 0:
        return "échéance aujourd'hui"
    return f"{days} jour{'s' if days > 1 else ''}"


def _field_view(item: Field, answers: dict[str, Any]) -> dict[str, Any]:
    options = [{"code": o.code, "label": o.label} for o in options_of(item)]
    kind = item.kind.value
    if item.kind in (Kind.COUNTRY, Kind.CURRENCY, Kind.UNIT):
        kind = Kind.ENUM.value
    return {
        "id": item.id,
        "label": item.label,
        "infobulle": item.infobulle,
        "kind": kind,
        "value": input_value(item, answers.get(item.id, "")) if item.kind is not Kind.MULTI_ENUM else "",
        "options": options,
    }


def _grounds_offered(action: wf.Action, facts: wf.Facts) -> list[dict[str, str]]:
    """A notice may state any standard ground; a refusal only those the applicant was heard on."""
    if wf.Need.GROUNDS not in wf.TRANSITIONS[action].needs:
        return []
    heard_only = action is wf.Action.REFUSER
    return [
        {"value": code, "label": label}
        for code, label in GROUNDS.items()
        if not heard_only or code in facts.heard_grounds
    ]


def decision_view(ctx: SessionContext, dossier_id: int) -> DecisionView | None:
    side = side_in_workflow(ctx)
    today = paris_today(now_utc())
    with session_scope() as db:
        try:
            found = db.exec(scoped_dossiers(ctx).where(Dossier.id == dossier_id)).first()
        except AccessDenied:
            found = None
        if found is None:
            return None
        dossier: Dossier = found[0]
        status = DossierStatus(dossier.statut)
        answers = json.loads(dossier.answers or "{}")
        clock = clock_of(db, dossier, for_applicant=side is Side.OPERATOR)
        request = open_request(db, dossier_id)
        facts = facts_of(db, dossier, today)
        current = current_validity(db, dossier)
        retro_earliest = ""
        if side is Side.CUSTOMS and status in wf.TRANSITIONS[wf.Action.ACCORDER].sources:
            # Only where the grant dialog can open: no extra queries on other page loads.
            retro = retro_facts(db, dossier, answers, TypeDemande(dossier.type_demande), current)
            first = earliest_retroactive(retro) if retro.requested else None
            retro_earliest = format_date(first) if first else ""
        rdc11 = ""
        if side is Side.CUSTOMS and dossier.submitted_at is not None and status in _BEFORE_ACCEPTANCE:
            rdc11 = rdc11_ground(db, dossier.company_id, dossier.regime, paris_today(dossier.submitted_at))
    clock_view = None
    if clock.phase:
        left = clock.days_left(today)
        clock_view = ClockView(
            phase=clock.phase,
            start=format_date(clock.start),
            due=format_date(clock.due),
            days_left="décision rendue"
            if clock.closed
            else ("suspendu" if left is None else _days_text(left)),
            overdue=clock.overdue(today),
            paused=clock.paused_since is not None and not clock.closed,
            closed=clock.closed,
            reply_label=clock.reply_label,
            reply_due=format_date(clock.reply_due),
            extensions=[
                {"date": format_date(e.day), "days": str(e.days), "reason": e.reason}
                for e in clock.extensions
            ],
        )
    request_view = None
    if request is not None and request.id is not None:
        fields = [_field_view(f, answers) for f in reopened_fields(json.loads(request.reopened or "[]"))]
        request_view = RequestView(
            id=request.id,
            label=REQUEST_LABELS.get(request.kind, "Demande du service"),
            message=request.message,
            due=format_date(request.due_date),
            overdue=request.due_date < today,
            fields=[f for f in fields if f["kind"] not in (Kind.MULTI_ENUM.value, Kind.ATTACHMENT.value)],
        )
    actions = [
        ActionView(
            action=t.action.value,
            label=t.label,
            needs=[n.value for n in t.needs],
            help=t.help,
            legal=t.legal,
            danger=t.target
            in (
                DossierStatus.REFUSEE,
                DossierStatus.IRRECEVABLE,
                DossierStatus.SANS_SUITE,
                DossierStatus.RETIREE,
            )
            or t.action is wf.Action.NOTIFIER_PROJET_DEFAVORABLE,
            choice_label=wf.CHOICES[t.action][0] if t.action in wf.CHOICES else "",
            choices=[{"value": v, "label": text} for v, text in wf.CHOICES.get(t.action, ("", ()))[1]],
            grounds=_grounds_offered(t.action, facts),
        )
        for t in wf.actions_for(status, side, facts)
    ]
    grant_blocked = ""
    if side is Side.CUSTOMS and status in wf.TRANSITIONS[wf.Action.ACCORDER].sources:
        grant_blocked = wf.reason_refused(wf.Action.ACCORDER, status, side, facts)
    reopenable = []
    if side is Side.CUSTOMS:
        reopenable = [
            {
                "id": item.id,
                "label": item.label,
                "rubrique": CATALOGUE.rubrique(CATALOGUE.rubrique_of(item.id)).label,
            }
            for item in reopenable_items()
            if item.applies_to(facts.regime)
            and not (isinstance(item, Field) and item.kind is Kind.ATTACHMENT)
        ]
    months = parse_number(str(answers.get("duree_validite", "")))
    proposed = proposed_validity(
        TypeDemande(dossier.type_demande),
        facts.regime,
        parse_date(str(answers.get("date_effet", ""))),
        int(months) if months else None,
        today,
        current,
    )
    can_comment = wf.allowed(wf.Action.COMMENTER, status, side, facts)
    rights_notice = ""
    if side is Side.OPERATOR and (actions or can_comment) and not allows(ctx.company_role, Right.DEPOSER):
        rights_notice = refused_right(ctx.company_role, Right.DEPOSER)
        actions, can_comment = [], False
    return DecisionView(
        side=side.value,
        clock=clock_view,
        request=request_view,
        actions=actions,
        can_comment=can_comment,
        rights_notice=rights_notice,
        reopenable=reopenable,
        proposed_from=format_date(proposed.start),
        proposed_to=format_date(proposed.end),
        proposed_guarantee=guarantee.proposed(answers),
        retro_earliest=retro_earliest,
        deadline_notice=deadline_notice(side, status, clock, today),
        rdc11_ground=rdc11,
        grant_blocked=grant_blocked,
    )
