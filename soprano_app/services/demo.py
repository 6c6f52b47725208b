"""Demo data: the four demo accounts, three companies, three customs services and dossiers.

Loaded by the run command when demo mode is on; never in production. Dates are relative to the
day of loading, so that the dashboards always show live deadlines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import delete
from sqlmodel import Session, SQLModel, select

from ..db import session_scope
from ..domain.cgu import CURRENT_CGU_VERSION
from ..domain.clock import DEFAULT_REPLY_DAYS, RIGHT_TO_BE_HEARD_DAYS, Step, add_months, period_end
from ..domain.formatting import paris_today
from ..domain.forms import FormContext, submitted_answers
from ..domain.forms.examples import complete_answers
from ..domain.forms.prefill import Filer, Party, initial_answers
from ..domain.history import EventKind
from ..domain.identifiers import check_company_identifiers
from ..domain.numbering import dossier_counter, dossier_number
from ..domain.regimes import Regime
from ..domain.roles import Role
from ..domain.statuses import STATUS_LABELS, DossierStatus
from ..domain.workflow import APPEAL_TEXT, Action, RequestStatus
from ..models import (
    Company,
    CustomsService,
    Dossier,
    DossierEvent,
    DossierRequest,
    Mandate,
    Setting,
    User,
)
from ..settings import settings
from .auth import ensure_cgu_published
from .counters import next_value
from .issuing import issue
from .security import hash_password
from .workflow import clock_of, next_due

T = TypeVar("T", bound=SQLModel)

DEMO_PASSWORD = "Demo-2026!"
DEMO_FLAG = "demo_data_loaded"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: Role
    description: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("operateur@demo.fr", Role.OPERATEUR, "Opérateur — Ateliers Durand SAS"),
    DemoAccount(
        "representant@demo.fr",
        Role.REPRESENTANT,
        "Représentant (commissionnaire en douane) de trois entreprises",
    ),
    DemoAccount("agent@demo.fr", Role.AGENT, "Agent des douanes — Pôle d'action économique de Lyon"),
    DemoAccount("admin@demo.fr", Role.ADMIN, "Administrateur"),
)

_COMPANIES = {
    "durand": dict(
        raison_sociale="Ateliers Durand SAS",
        siren="900123456",
        siret="90012345600015",
        eori="FR90012345600015",
        rue="12 rue de la Mécanique",
        code_postal="69007",
        ville="Lyon",
    ),
    "verrerie": dict(
        raison_sociale="Verrerie du Nord SA",
        siren="900234568",
        siret="90023456800013",
        eori="FR90023456800013",
        rue="4 quai du Canal",
        code_postal="59000",
        ville="Lille",
    ),
    "chantiers": dict(
        raison_sociale="Chantiers Navals de l'Ouest",
        siren="900345679",
        siret="90034567900014",
        eori="FR90034567900014",
        rue="1 boulevard des Apprentis",
        code_postal="44600",
        ville="Saint-Nazaire",
    ),
    # The representative's own firm (a customs broker); it files nothing in its own name.
    "transit": dict(
        raison_sociale="Rhône Transit Services SARL",
        siren="900456781",
        siret="90045678100013",
        eori="FR90045678100013",
        rue="8 avenue du Port Édouard Herriot",
        code_postal="69007",
        ville="Lyon",
    ),
}

_SERVICES = {
    "lyon": ("Pôle d'action économique de Lyon", "FR864001", "pae-lyon@demo.fr", "01,07,26,38,42,69,73,74"),
    "lille": ("Pôle d'action économique de Lille", "FR986001", "pae-lille@demo.fr", "02,59,60,62,80"),
    "nantes": ("Pôle d'action économique de Nantes", "FR940001", "pae-nantes@demo.fr", "44,49,53,72,85"),
}

# (company, service, regime, type, final status, days since submission, path of statuses)
_DOSSIERS: tuple[tuple[str, str, str, str, DossierStatus, int | None, tuple[DossierStatus, ...]], ...] = (
    ("durand", "lyon", "PA", "1", DossierStatus.BROUILLON, None, ()),
    ("durand", "lyon", "ED", "1", DossierStatus.DEPOSEE, 34, ()),  # acceptance overdue
    ("durand", "lyon", "AT", "1", DossierStatus.INCOMPLETE, 12, (DossierStatus.INCOMPLETE,)),
    (
        "durand",
        "lyon",
        "DP",
        "1",
        DossierStatus.EN_INSTRUCTION,
        25,
        (DossierStatus.EN_INSTRUCTION,),
    ),
    (
        "durand",
        "lyon",
        "PA",
        "1",
        DossierStatus.ACCORDEE,
        80,
        (DossierStatus.EN_INSTRUCTION, DossierStatus.ACCORDEE),
    ),
    ("verrerie", "lille", "AT", "1", DossierStatus.BROUILLON, None, ()),
    (
        "verrerie",
        "lille",
        "PP",
        "1",
        DossierStatus.DROIT_ETRE_ENTENDU,
        40,
        (DossierStatus.EN_INSTRUCTION, DossierStatus.DROIT_ETRE_ENTENDU),
    ),
    ("verrerie", "lille", "PA", "1", DossierStatus.DEPOSEE, 2, ()),
    (
        "chantiers",
        "nantes",
        "PA",
        "1",
        DossierStatus.INFO_COMPLEMENTAIRE,
        30,
        (DossierStatus.EN_INSTRUCTION, DossierStatus.INFO_COMPLEMENTAIRE),
    ),
    (
        "chantiers",
        "nantes",
        "ED",
        "1",
        DossierStatus.REFUSEE,
        120,
        (
            DossierStatus.EN_INSTRUCTION,
            DossierStatus.DROIT_ETRE_ENTENDU,
            DossierStatus.EN_INSTRUCTION,
            DossierStatus.REFUSEE,
        ),
    ),
)

_TRANSITION_MESSAGES = {
    DossierStatus.INCOMPLETE: "Merci de joindre la liste détaillée du matériel et les factures pro forma.",
    DossierStatus.EN_INSTRUCTION: "Demande acceptée : l'instruction commence.",
    DossierStatus.INFO_COMPLEMENTAIRE: "Merci de préciser le taux de rendement retenu pour les tôles.",
    DossierStatus.DROIT_ETRE_ENTENDU: (
        "Projet de décision défavorable : les moyens d'identification proposés ne permettent pas "
        "de reconnaître les marchandises à la réimportation."
    ),
    DossierStatus.ACCORDEE: "Autorisation accordée.",
    DossierStatus.REFUSEE: (
        "Refus : les installations de stockage ne garantissent pas la séparation des marchandises. "
        "Voies de recours : recours administratif auprès du service ou recours contentieux."
    ),
}


def demo_loaded() -> bool:
    with session_scope() as db:
        flag = db.get(Setting, DEMO_FLAG)
        return flag is not None and flag.value == "1"


def load_demo_data(now: datetime | None = None) -> bool:
    """Load the demo data unless it is already there. Returns True when something was loaded."""
    _refuse_in_production()
    if demo_loaded():
        return False
    now = now or datetime.now(UTC)
    password_hash = hash_password(DEMO_PASSWORD)
    with session_scope() as db:
        ensure_cgu_published(db, CURRENT_CGU_VERSION)
        companies = {key: _add(db, _company(values)) for key, values in _COMPANIES.items()}
        services = {
            key: _add(db, CustomsService(name=name, office_code=code, email=email, departements=departements))
            for key, (name, code, email, departements) in _SERVICES.items()
        }
        users = {
            "operateur": _add(
                db,
                User(
                    email="operateur@demo.fr",
                    password_hash=password_hash,
                    first_name="Claire",
                    last_name="Durand",
                    role=Role.OPERATEUR.value,
                    company_id=companies["durand"].id,
                ),
            ),
            "representant": _add(
                db,
                User(
                    email="representant@demo.fr",
                    password_hash=password_hash,
                    first_name="Marc",
                    last_name="Lefèvre",
                    role=Role.REPRESENTANT.value,
                    company_id=companies["transit"].id,
                ),
            ),
            "agent": _add(
                db,
                User(
                    email="agent@demo.fr",
                    password_hash=password_hash,
                    first_name="Sophie",
                    last_name="Martin",
                    role=Role.AGENT.value,
                    service_id=services["lyon"].id,
                ),
            ),
            "admin": _add(
                db,
                User(
                    email="admin@demo.fr",
                    password_hash=password_hash,
                    first_name="Alex",
                    last_name="Admin",
                    role=Role.ADMIN.value,
                ),
            ),
        }
        start = date(now.year - 1, 1, 1)
        for key in ("durand", "verrerie", "chantiers"):
            db.add(
                Mandate(
                    user_id=users["representant"].id,  # type: ignore[arg-type]
                    company_id=companies[key].id,  # type: ignore[arg-type]
                    valid_from=start,
                )
            )
        # Oldest submissions first, so that dossier numbers follow the submission dates.
        ordered = sorted(enumerate(_DOSSIERS), key=lambda item: -(item[1][5] or -1))
        for index, spec in ordered:
            _add_dossier(db, spec, companies, services, users, now, index)
        db.merge(Setting(key=DEMO_FLAG, value="1"))
    return True


def reset_demo_data(now: datetime | None = None) -> None:
    """Delete every row and load the demo data again (demo instances only)."""
    _refuse_in_production()
    with session_scope() as db:
        for table in reversed(SQLModel.metadata.sorted_tables):
            if table.name != "alembic_version":
                db.execute(delete(table))
    load_demo_data(now)


def _company(values: dict[str, str]) -> Company:
    problems = check_company_identifiers(values["siren"], values["siret"], values["eori"])
    if problems:
        raise ValueError(f"{values['raison_sociale']} : {' '.join(problems)}")
    return Company(**values)


def _refuse_in_production() -> None:
    if settings.is_production:
        raise RuntimeError("Les données de démonstration ne sont jamais chargées en production.")


def _add(db: Session, row: T) -> T:
    db.add(row)
    db.flush()
    return row


# How each status of a demo path is reached: the action, its meaning for the time limits, and whether
# it opens a request to the operator.
_STEPS = {
    DossierStatus.INCOMPLETE: (Action.DEMANDER_COMPLEMENTS, Step.COMPLEMENTS_DEMANDES, True),
    DossierStatus.INFO_COMPLEMENTAIRE: (Action.DEMANDER_INFORMATIONS, Step.INFORMATIONS_DEMANDEES, True),
    DossierStatus.DROIT_ETRE_ENTENDU: (Action.NOTIFIER_PROJET_DEFAVORABLE, Step.PROJET_DEFAVORABLE, True),
    DossierStatus.ACCORDEE: (Action.ACCORDER, Step.DECISION, False),
    DossierStatus.REFUSEE: (Action.REFUSER, Step.DECISION, False),
}


def _add_dossier(db, spec, companies, services, users, now: datetime, index: int) -> None:  # type: ignore[no-untyped-def]
    company_key, service_key, regime, type_demande, status, days, path = spec
    author = users["operateur"] if company_key == "durand" else users["representant"]
    created = now - timedelta(days=(days or 0) + 3, hours=index)
    answers = _answers(
        companies[company_key], author, companies["transit"], Regime(regime), created, days is None
    )
    dossier = _add(
        db,
        Dossier(
            company_id=companies[company_key].id,
            service_id=services[service_key].id,
            created_by_id=author.id,
            regime=regime,
            type_demande=type_demande,
            statut=DossierStatus.BROUILLON.value,
            created_at=created,
            updated_at=created,
            answers=json.dumps(answers, ensure_ascii=False),
        ),
    )
    service = services[service_key]
    agent = users["agent"] if service_key == "lyon" else None
    _event(db, dossier, created, author, author.full_name, EventKind.CREATION, None, DossierStatus.BROUILLON,
           "Dossier créé (brouillon).")  # fmt: skip
    if days is None:
        dossier.updated_at = now - timedelta(hours=index + 1)
        return
    submitted = now - timedelta(days=days)
    year = submitted.year
    dossier.numero = dossier_number(year, next_value(db, dossier_counter(year)))
    dossier.submitted_at = submitted
    _event(db, dossier, submitted, author, author.full_name, EventKind.TRANSITION, DossierStatus.BROUILLON,
           DossierStatus.DEPOSEE, "Demande validée et transmise au service des douanes.",
           action=Action.DEPOSER, step=Step.DEPOT)  # fmt: skip
    previous = DossierStatus.DEPOSEE
    moment = submitted
    gap = max(1, days // (len(path) + 1))
    for next_status in path:
        moment = moment + timedelta(days=gap)
        if previous is DossierStatus.DROIT_ETRE_ENTENDU and next_status is DossierStatus.EN_INSTRUCTION:
            reply = "Observations : une clôture sécurisée a été installée autour des locaux."
            _close_request(db, dossier, moment, reply)
            _event(db, dossier, moment, author, author.full_name, EventKind.TRANSITION, previous, next_status,
                   reply, action=Action.REPONDRE, step=Step.OBSERVATIONS)  # fmt: skip
        elif next_status is DossierStatus.EN_INSTRUCTION:
            _event(db, dossier, moment, agent, service.name, EventKind.TRANSITION, previous, next_status,
                   _TRANSITION_MESSAGES[next_status], action=Action.ACCEPTER, step=Step.ACCEPTATION,
                   customs=True)  # fmt: skip
        else:
            action, step, asks = _STEPS[next_status]
            message = _TRANSITION_MESSAGES[next_status]
            if next_status is DossierStatus.REFUSEE:
                message += "\n" + APPEAL_TEXT
            if asks:
                _open_request(db, dossier, action, message, moment, service.name)
            if next_status is DossierStatus.ACCORDEE:
                message = _grant_demo(db, dossier, moment, service.name) + "\n" + message
            _event(db, dossier, moment, agent, service.name, EventKind.TRANSITION, previous, next_status, message,
                   action=action, step=step, days=30 if asks else None, customs=True)  # fmt: skip
        previous = next_status
    dossier.statut = status.value
    dossier.updated_at = moment
    db.add(dossier)
    db.flush()
    dossier.echeance = next_due(status, clock_of(db, dossier))
    db.add(dossier)


def _open_request(db: Session, dossier: Dossier, action: Action, message: str, at: datetime, by: str) -> None:
    days = RIGHT_TO_BE_HEARD_DAYS if action is Action.NOTIFIER_PROJET_DEFAVORABLE else DEFAULT_REPLY_DAYS
    db.add(
        DossierRequest(
            dossier_id=dossier.id,  # type: ignore[arg-type]
            kind=action.value,
            message=message,
            due_date=period_end(paris_today(at), days),
            created_at=at,
            created_by_label=by,
        )
    )
    db.flush()


def _close_request(db: Session, dossier: Dossier, at: datetime, answer: str) -> None:
    for request in db.exec(select(DossierRequest).where(DossierRequest.dossier_id == dossier.id)).all():
        if request.status == RequestStatus.NOUVELLE.value:
            request.status, request.answered_at, request.answer = RequestStatus.REPONDUE.value, at, answer
            db.add(request)


def _grant_demo(db: Session, dossier: Dossier, at: datetime, by: str) -> str:
    start = paris_today(at) + timedelta(days=1)
    end = None if dossier.regime == "ED" else add_months(start, 36)
    return issue(db, dossier, start, end, at, by).message


def _party(company: Company) -> Party:
    return Party(
        company.raison_sociale,
        company.siret,
        company.eori,
        company.rue,
        company.complement,
        company.code_postal,
        company.ville,
    )


def _answers(
    company: Company, author: User, firm: Company, regime: Regime, created: datetime, draft: bool
) -> dict:  # type: ignore[type-arg]
    """A started draft, or a complete application as it was submitted."""
    representative = author.role == Role.REPRESENTANT.value
    filer = Filer(author.first_name, author.last_name, author.email, _party(firm) if representative else None)
    if draft:
        answers = initial_answers(regime, _party(company), filer, "CWP_AGREE", "IM_EX")
        answers["contact_demande_telephone"] = "04 72 00 00 00"
        return answers
    today = created.date()
    answers = complete_answers(regime, _party(company), filer, today)
    context = FormContext(
        regime=regime, today=today, type_entrepot="CWP_AGREE", is_representative=representative
    )
    return submitted_answers(answers, context) | {"val_date": today.isoformat()}


def _event(
    db,
    dossier,
    at,
    user,
    label,
    kind,
    from_status,
    to_status,
    message,
    *,
    action=None,
    step=None,
    days=None,
    customs=False,
) -> None:  # type: ignore[no-untyped-def]
    db.add(
        DossierEvent(
            dossier_id=dossier.id,
            occurred_at=at,
            actor_user_id=user.id if user is not None else None,
            actor_label=label,
            kind=kind.value,
            from_status=from_status.value if from_status else None,
            to_status=to_status.value if to_status else None,
            message=message or (STATUS_LABELS[to_status] if to_status else ""),
            action=action.value if action else None,
            step=step.value if step else None,
            step_day=paris_today(at) if step else None,
            days=days,
            by_customs=customs,
        )
    )
