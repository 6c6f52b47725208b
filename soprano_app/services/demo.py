"""Demo data: the demo accounts, three companies, three customs services and their dossiers.

Loaded by the run command when demo mode is on; never in production. Dates are relative to the
day of loading, so that the dashboards always show live deadlines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import delete, update
from sqlmodel import Session, SQLModel, select

from .. import app_clock
from ..app_clock import now_utc
from ..db import session_scope
from ..domain.authorisations import last_day_of
from ..domain.cgu import CURRENT_CGU_VERSION
from ..domain.clock import DEFAULT_REPLY_DAYS
from ..domain.company_roles import CompanyRole
from ..domain.formatting import paris_today
from ..domain.forms.examples import complete_answers
from ..domain.forms.prefill import Filer, Party
from ..domain.guarantee import proposed as proposed_guarantee
from ..domain.identifiers import check_company_identifiers
from ..domain.regimes import Regime
from ..domain.roles import Role
from ..domain.statuses import DossierStatus
from ..domain.survey import Answer as SurveyAnswer
from ..domain.workflow import Action
from ..models import Company, CustomsService, Notification, Setting, User
from ..settings import settings
from . import attachments, auth, drafts, questions, revocations, survey, tickets, workflow
from . import companies as company_registry
from .attachments import IncomingFile
from .auth import ensure_cgu_published
from .security import hash_password
from .workflow import ActionInput

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
        "preparateur@demo.fr",
        Role.OPERATEUR,
        "Opérateur — Ateliers Durand SAS, rôle « Préparation » (ne dépose pas)",
    ),
    DemoAccount(
        "representant@demo.fr",
        Role.REPRESENTANT,
        "Représentant (commissionnaire en douane) de trois entreprises",
    ),
    DemoAccount(
        "agent@demo.fr", Role.AGENT, "Agent des douanes, responsable du Pôle d'action économique de Lyon"
    ),
    DemoAccount("agent.lyon@demo.fr", Role.AGENT, "Agent des douanes — Pôle d'action économique de Lyon"),
    DemoAccount("agent.lille@demo.fr", Role.AGENT, "Agent des douanes — Pôle d'action économique de Lille"),
    DemoAccount("agent.nantes@demo.fr", Role.AGENT, "Agent des douanes — Pôle d'action économique de Nantes"),
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

# Fictitious addresses; the telephone numbers are in the ranges ARCEP keeps for fiction.
_HOURS = "du lundi au vendredi, de 9 h à 12 h et de 14 h à 16 h 30"
_SERVICE_CONTACTS: dict[str, dict[str, str]] = {
    "lyon": {
        "rue": "12 quai de la Démonstration",
        "code_postal": "69002",
        "ville": "Lyon",
        "telephone": "04 65 71 00 01",
        "horaires": _HOURS,
    },
    "lille": {
        "rue": "3 rue de l'Exemple",
        "code_postal": "59000",
        "ville": "Lille",
        "telephone": "03 53 01 00 01",
        "horaires": _HOURS,
    },
    "nantes": {
        "rue": "8 boulevard Fictif",
        "code_postal": "44000",
        "ville": "Nantes",
        "telephone": "02 61 91 00 01",
        "horaires": _HOURS,
    },
}

# Questions to the services (« Assistance réglementaire »): one answered, one waiting for Lyon.
_QUESTIONS = (
    (
        "operateur",
        "Garantie pour un entrepôt de type CW1",
        "Pour notre projet d'entrepôt douanier privé, une garantie globale est-elle exigée dès la demande, "
        "ou seulement à l'octroi de l'autorisation ?",
        "La garantie est fixée dans la décision d'autorisation (art. 211, paragraphe 3, point c), CDU) : "
        "indiquez dans la demande le type de garantie envisagé, le service en fixe le montant à l'octroi.",
        20,
    ),
    (
        "operateur",
        "Délai d'apurement en admission temporaire",
        "Nos moules reviennent parfois après 26 mois : pouvons-nous demander un délai d'apurement plus long "
        "que 24 mois ?",
        "",
        2,
    ),
)

# (company, service, regime, type, final status, days since submission, path of statuses)
DemoDossier = tuple[str, str, str, str, DossierStatus, int | None, tuple[DossierStatus, ...]]
_DOSSIERS: tuple[DemoDossier, ...] = (
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
    # Rules of the decision (see _ANSWERS): a PA waiting for the Commission, a multi-State application
    # in consultation, adjustments proposed by the applicant.
    (
        "verrerie",
        "lille",
        "PA",
        "1",
        DossierStatus.EXAMEN_CE,
        45,
        (DossierStatus.EN_INSTRUCTION, DossierStatus.EXAMEN_CE),
    ),
    (
        "verrerie",
        "lille",
        "AT",
        "1",
        DossierStatus.CONSULTATION_EM,
        20,
        (DossierStatus.EN_INSTRUCTION, DossierStatus.CONSULTATION_EM),
    ),
    (
        "verrerie",
        "lille",
        "DP",
        "1",
        DossierStatus.AJUSTEMENTS,
        16,
        (DossierStatus.EN_INSTRUCTION, DossierStatus.AJUSTEMENTS),
    ),
    # For the time machine: compléments due in 5 days (« + 1 semaine » makes it irrecevable)…
    ("verrerie", "lille", "AT", "1", DossierStatus.INCOMPLETE, 26, (DossierStatus.INCOMPLETE,)),
    # …and an authorisation ending in about 80 days (reminders at 90, 60 and 30 days, then « Expirée »).
    (
        "chantiers",
        "nantes",
        "PA",
        "1",
        DossierStatus.ACCORDEE,
        30,
        (DossierStatus.EN_INSTRUCTION, DossierStatus.ACCORDEE),
    ),
    (
        "chantiers",
        "nantes",
        "PA",
        "1",
        DossierStatus.INFO_COMPLEMENTAIRE,
        30,
        (DossierStatus.EN_INSTRUCTION, DossierStatus.INFO_COMPLEMENTAIRE),
    ),
    # Two authorisations with a life after the grant (see _LIFE): one suspended, one revoked.
    (
        "chantiers",
        "nantes",
        "AT",
        "1",
        DossierStatus.ACCORDEE,
        200,
        (DossierStatus.EN_INSTRUCTION, DossierStatus.ACCORDEE),
    ),
    (
        "chantiers",
        "nantes",
        "DP",
        "1",
        DossierStatus.ACCORDEE,
        400,
        (DossierStatus.EN_INSTRUCTION, DossierStatus.ACCORDEE),
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
        "Refus : les installations de stockage ne garantissent pas la séparation des marchandises."
    ),
}


def demo_loaded() -> bool:
    with session_scope() as db:
        flag = db.get(Setting, DEMO_FLAG)
        return flag is not None and flag.value == "1"


def load_demo_data(now: datetime | None = None) -> bool:
    """Load the demo data unless it is already there. Returns True when something was loaded.

    The people come first; then every dossier is created, filled, filed and taken through its steps
    by the same services as in the application (``drafts``, ``attachments``, ``workflow.apply``), on
    the dates of its story: the demo can only show states the workflow can reach."""
    _refuse_in_production()
    if demo_loaded():
        return False
    now = now or now_utc()
    try:
        companies, users = _load_people(now)
        # Oldest submissions first, so that dossier numbers follow the submission dates.
        ordered = sorted(enumerate(_DOSSIERS), key=lambda item: -(item[1][5] or -1))
        for index, spec in ordered:
            _replay(spec, companies, users, now, index)
        _replay_life(companies, users, now)
        _load_questions(companies, users, now)
        _load_support(companies, users, now)
        with session_scope() as db:
            # The steps notified their parties; the demo starts with nothing unread.
            db.execute(update(Notification).values(read_at=now))
            db.merge(Setting(key=DEMO_FLAG, value="1"))
    except BaseException:
        _delete_everything()  # never half a demo: the next start loads it whole
        raise
    return True


def _load_questions(companies: dict[str, int], users: dict[str, int], now: datetime) -> None:
    with session_scope() as db:
        lyon = db.exec(select(CustomsService).where(CustomsService.office_code == _SERVICES["lyon"][1])).one()
    for user_key, subject, body, answer, days_ago in _QUESTIONS:
        asked_at = now - timedelta(days=days_ago)
        asker = auth.context_for(users[user_key], companies["durand"], asked_at)
        question_id = questions.ask(asker, lyon.id or 0, subject, body, now=asked_at, send_mails=False)
        if answer:
            agent = auth.context_for(users["agent"], None, asked_at + timedelta(days=1))
            questions.reply(agent, question_id, answer, now=asked_at + timedelta(days=1), send_mails=False)


# Answers to the survey over the last months (days ago, step, satisfaction, ease, helped, obstacles).
_SURVEY = (
    (75, "apres_depot", 4, 4, "Les infobulles de chaque champ.", ""),
    (62, "pied_de_page", 3, 2, "", "La rubrique marchandises est longue à remplir."),
    (40, "apres_depot", 5, 4, "Le bouton « Contrôler » avant de valider.", ""),
    (33, "apres_depot", 4, 3, "", "Je ne savais pas quel code économique choisir."),
    (12, "pied_de_page", 2, None, "", "Le délai de décision n'était pas clair pour moi."),
    (5, "apres_depot", 5, 5, "La sauvegarde automatique.", ""),
)


def _load_support(companies: dict[str, int], users: dict[str, int], now: datetime) -> None:
    """A support request answered by the administrator, and answers to the survey."""
    asked_at = now - timedelta(days=3)
    operator = auth.context_for(users["operateur"], companies["durand"], asked_at)
    reference = tickets.open_ticket(
        operator,
        "pieces_jointes",
        "Le téléversement d'un plan au format DWG est refusé. Quels formats sont acceptés ?",
        "/dossiers",
        now=asked_at,
        send_mails=False,
    )
    admin = auth.context_for(users["admin"], None, asked_at + timedelta(hours=2))
    tickets.reply(
        admin,
        tickets.ticket_id_of(reference),
        "Les pièces jointes sont acceptées en PDF, JPEG, PNG, ODT, ODS, DOC, DOCX, XLS, XLSX et CSV : "
        "exportez le plan en PDF.",
        now=asked_at + timedelta(hours=2),
        send_mails=False,
    )
    for days_ago, step, satisfaction, ease, helped, obstacles in _SURVEY:
        survey.record(
            auth.context_for(users["operateur"], companies["durand"], now - timedelta(days=days_ago)),
            SurveyAnswer(step, satisfaction, ease, helped, obstacles, False),
            now=now - timedelta(days=days_ago),
        )


def reset_demo_data(now: datetime | None = None) -> None:
    """Delete every row and load the demo data again (demo instances only)."""
    _refuse_in_production()
    _delete_everything()  # the simulated date with the rest: real time again
    app_clock.forget_cached_offset()
    load_demo_data(now)
    revocations.revoke(revocations.EVERYTHING)  # every tab's grant and every list's counts are stale


def _delete_everything() -> None:
    with session_scope() as db:
        for table in reversed(SQLModel.metadata.sorted_tables):
            if table.name != "alembic_version":
                db.execute(delete(table))


# SIRENE creation dates: Chantiers Navals is recent, so its authorisations are closely monitored in
# their first year (UCC 23(5)).
_ESTABLISHED = {
    "durand": date(2009, 3, 2),
    "verrerie": date(1998, 9, 14),
    "chantiers": date(2024, 6, 3),
    "transit": date(2015, 1, 5),
}


def _company(key: str, values: dict[str, str]) -> Company:
    problems = check_company_identifiers(values["siren"], values["siret"], values["eori"])
    if problems:
        raise ValueError(f"{values['raison_sociale']} : {' '.join(problems)}")
    company = Company.model_validate(values)
    company.established_on = _ESTABLISHED.get(key)
    return company


def _refuse_in_production() -> None:
    if settings.is_production:
        raise RuntimeError("Les données de démonstration ne sont jamais chargées en production.")


def _add(db: Session, row: T) -> T:
    db.add(row)
    db.flush()
    return row


def _load_people(now: datetime) -> tuple[dict[str, int], dict[str, int]]:
    """Companies, customs services, accounts and mandates: (company ids, user ids) by key."""
    password_hash = hash_password(DEMO_PASSWORD)
    with session_scope() as db:
        ensure_cgu_published(db, CURRENT_CGU_VERSION)
        companies = {key: _add(db, _company(key, values)) for key, values in _COMPANIES.items()}
        services = {
            key: _add(
                db,
                CustomsService.model_validate(
                    {"name": name, "office_code": code, "email": email, "departements": departements}
                    | _SERVICE_CONTACTS[key]
                ),
            )
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
            "preparateur": _add(
                db,
                User(
                    email="preparateur@demo.fr",
                    password_hash=password_hash,
                    first_name="Paul",
                    last_name="Roux",
                    role=Role.OPERATEUR.value,
                    company_id=companies["durand"].id,
                    company_role=CompanyRole.PREPARATION.value,
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
                    service_lead=True,  # assigns the service's dossiers (« Suivi par »)
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
        for key, (email, first, last) in _OTHER_AGENTS.items():
            users[f"agent_{key}"] = _add(
                db,
                User(
                    email=email,
                    password_hash=password_hash,
                    first_name=first,
                    last_name=last,
                    role=Role.AGENT.value,
                    service_id=services[key].id,
                ),
            )
        company_ids = {key: c.id for key, c in companies.items() if c.id is not None}
        user_ids = {key: u.id for key, u in users.items() if u.id is not None}
    # The administrator records the representative's mandates, with their signed documents, as in
    # the application: the administrative journal starts with them.
    admin = auth.context_for(user_ids["admin"], None, now)
    start = date(now.year - 1, 1, 1)
    for key in ("durand", "verrerie", "chantiers"):
        values = _COMPANIES[key]
        pdf = _mandate_text_pdf(values["raison_sociale"], values["siret"], "Marc Lefèvre")
        document = IncomingFile("mandat-signe.pdf", pdf, False)
        company_registry.record_mandate(
            admin, user_ids["representant"], company_ids[key], start, None, document
        )
    return company_ids, user_ids


# Customs officers of the other services, so that each demo dossier has someone to decide on it, and a
# second agent in Lyon for its lead to assign dossiers to.
_OTHER_AGENTS = {
    "lyon": ("agent.lyon@demo.fr", "Thomas", "Bernard"),
    "lille": ("agent.lille@demo.fr", "Julien", "Petit"),
    "nantes": ("agent.nantes@demo.fr", "Nadia", "Leroy"),
}

# Demo dossiers placed for the time machine: a short reply period, a short authorisation.
_REPLY_DAYS = {("verrerie", "AT"): 18}
_VALIDITY_MONTHS = {("chantiers", "PA"): 3}

# How each status of a demo path is reached from the previous one.
_STEPS = {
    DossierStatus.INCOMPLETE: Action.DEMANDER_COMPLEMENTS,
    DossierStatus.INFO_COMPLEMENTAIRE: Action.DEMANDER_INFORMATIONS,
    DossierStatus.DROIT_ETRE_ENTENDU: Action.NOTIFIER_PROJET_DEFAVORABLE,
    DossierStatus.ACCORDEE: Action.ACCORDER,
    DossierStatus.REFUSEE: Action.REFUSER,
}
_OBSERVATIONS = "Observations : une clôture sécurisée a été installée autour des locaux."
# What some demo applications say differently from the example answers: (company, régime, final status).
_ANSWERS: dict[tuple[str, str, DossierStatus], dict[str, object]] = {
    ("verrerie", "PA", DossierStatus.EXAMEN_CE): {
        "pa_conditions_eco": ["aucun"],
        "pa_conditions_eco_justif": "Aucun fournisseur de l'Union ne livre ce verre borosilicaté aux tolérances "
        "exigées ; devis comparatifs joints.",
    },
    ("verrerie", "AT", DossierStatus.CONSULTATION_EM): {
        "validite_geo_ue": "oui",
        "validite_geo_etats": ["BE", "DE"],
    },
}
_FILES: dict[tuple[str, str, DossierStatus], tuple[tuple[str, str, list[str]], ...]] = {
    ("verrerie", "PA", DossierStatus.EXAMEN_CE): (
        (
            "justificatifs_eco",
            "devis-comparatifs.pdf",
            ["Devis comparatifs de verre borosilicaté", "Trois fournisseurs de l'Union consultés.",
             "Données fictives, sans valeur juridique."],
        ),
    ),
}  # fmt: skip
# The grounds of the demo's adverse steps (domain/grounds.py).
_GROUNDS = {("verrerie", "PP"): ("identification",), ("chantiers", "ED"): ("surveillance",)}
_ADJUSTMENTS = (
    "Nous proposons de limiter l'autorisation aux deux lignes de trempe et de fournir le plan de contrôle "
    "révisé sous 20 jours."
)
_CONSULTATION = "Consultation de la Belgique et de l'Allemagne sur les lieux d'utilisation déclarés."
_COMMISSION = "Aucun code de l'article 167 RDC : examen des conditions économiques par la Commission."


def _replay(
    spec: DemoDossier, companies: dict[str, int], users: dict[str, int], now: datetime, index: int
) -> None:
    """One demo dossier, from its creation to its present status, through the services."""
    company_key, service_key, regime, _type_demande, _status, days, path = spec
    author = users["operateur"] if company_key == "durand" else users["representant"]
    created = now - timedelta(days=(days or 0) + 3, hours=index)
    operator = auth.context_for(author, companies[company_key], created)
    agent = auth.context_for(
        users["agent" if service_key == "lyon" else f"agent_{service_key}"], None, created
    )
    dossier_id = drafts.create_draft(
        operator, regime, type_entrepot="CWP_AGREE", variante_pa="IM_EX", now=created
    )
    draft = drafts.load_form(operator, dossier_id)
    assert draft is not None
    if days is None:  # a draft just started
        answers = draft.answers | {"contact_demande_telephone": "04 72 00 00 00"}
        drafts.save_draft(operator, dossier_id, answers, draft.version, now=now - timedelta(hours=index + 1))
        return
    answers = _complete(operator, Regime(regime), created) | _ANSWERS.get((company_key, regime, _status), {})
    saved = drafts.save_draft(operator, dossier_id, answers, draft.version, now=created)
    for type_code, name, lines in _FILES.get((company_key, regime, _status), ()):
        document = attachments.IncomingFile(name, _demo_pdf(lines[0], lines), False)
        attachments.add_files(operator, dossier_id, type_code, lines[0], [document], now=created)
    if operator.role is Role.REPRESENTANT:
        attachments.add_files(
            operator, dossier_id, "mandat", "Mandat de représentation",
            [attachments.IncomingFile("mandat.pdf", _mandate_pdf(operator), False)], now=created,
        )  # fmt: skip
    submitted = now - timedelta(days=days)
    filed = drafts.submit(operator, dossier_id, saved.version, now=submitted)
    assert filed.ok, (spec, filed.message, [f.message for f in filed.findings])
    moment, previous = submitted, DossierStatus.DEPOSEE
    gap = max(1, days // (len(path) + 1))
    for target in path:
        moment = moment + timedelta(days=gap)
        if previous is DossierStatus.DROIT_ETRE_ENTENDU:
            _step(operator, dossier_id, Action.REPONDRE, ActionInput(message=_OBSERVATIONS), moment)
        elif target is DossierStatus.AJUSTEMENTS:
            adjust = ActionInput(message=_ADJUSTMENTS, days=20)
            _step(operator, dossier_id, Action.PROPOSER_AJUSTEMENTS, adjust, moment)
        elif target is DossierStatus.EXAMEN_CE:
            _step(agent, dossier_id, Action.TRANSMETTRE_COMMISSION, ActionInput(message=_COMMISSION), moment)
        elif target is DossierStatus.CONSULTATION_EM:
            consult = ActionInput(message=_CONSULTATION, deadline_days=30)
            _step(agent, dossier_id, Action.CONSULTER_ETATS_MEMBRES, consult, moment)
        elif target is DossierStatus.EN_INSTRUCTION:
            _step(
                agent, dossier_id, Action.ACCEPTER, ActionInput(message=_TRANSITION_MESSAGES[target]), moment
            )
        else:
            reply_days = _REPLY_DAYS.get((company_key, regime), DEFAULT_REPLY_DAYS)
            data = ActionInput(message=_TRANSITION_MESSAGES[target], deadline_days=reply_days)
            if target is DossierStatus.ACCORDEE:
                start = paris_today(moment) + timedelta(days=1)
                data.valid_from = start
                months = _VALIDITY_MONTHS.get((company_key, regime), 36)
                data.valid_to = None if regime == "ED" else last_day_of(start, months)
                data.guarantee_kind, data.guarantee_amount, data.guarantee_reference = proposed_guarantee(
                    answers
                )
                data.message = ""
            if target in (DossierStatus.DROIT_ETRE_ENTENDU, DossierStatus.REFUSEE):
                data.grounds = list(_GROUNDS[(company_key, regime)])
            _step(agent, dossier_id, _STEPS[target], data, moment)
        previous = target


# After the grant: (company, régime) → the steps of the authorisation's life, as (days ago, side, action,
# inputs). The suspension waits for its measures; the revocation took effect a fortnight ago.
_LIFE: dict[tuple[str, str], list[tuple[int, str, str, dict[str, object]]]] = {
    ("chantiers", "AT"): [
        (40, "douane", "notifier_projet", {"measure": "suspension", "message": (
            "Écarts entre la comptabilité matières et le stock physique constatés lors du contrôle sur place."
        )}),
        (34, "titulaire", "presenter_observations", {"message": (
            "Les écarts viennent d'un changement de logiciel ; l'inventaire contradictoire est en cours."
        )}),
        (30, "douane", "suspendre", {"case": "b", "until_in": 30, "message": (
            "Mettre la comptabilité matières à jour et transmettre l'inventaire contradictoire signé."
        )}),
    ],
    ("chantiers", "DP"): [
        (80, "douane", "notifier_projet", {"measure": "revocation", "message": (
            "Les marchandises n'ont pas reçu la destination particulière déclarée dans le délai fixé."
        )}),
        (70, "titulaire", "presenter_observations", {"message": "Nous contestons : la mise en service a pris du retard."}),
        (30, "douane", "revoquer", {"ground": "obligations", "effect_in": 15, "message": (
            "Obligation d'affectation des marchandises non respectée malgré les observations présentées."
        )}),
    ],
}  # fmt: skip


def _replay_life(companies: dict[str, int], users: dict[str, int], now: datetime) -> None:
    """The steps of _LIFE, dated, through the authorisation service (its e-mails are not sent)."""
    from sqlmodel import select

    from ..domain.authorisation_workflow import LifeAction
    from ..models import Authorisation
    from . import authorisation_workflow as life

    for (company_key, regime), steps in _LIFE.items():
        with session_scope() as db:
            found = db.exec(
                select(Authorisation)
                .where(Authorisation.company_id == companies[company_key])
                .where(Authorisation.regime == regime)
            ).one()
            service_id = found.service_id
        assert found.id is not None
        for days_ago, side, action, inputs in steps:
            at = now - timedelta(days=days_ago)
            if side == "douane":
                agent = next(
                    k for k, v in users.items() if k.startswith("agent") and _service_of(v) == service_id
                )
                ctx = auth.context_for(users[agent], None, at)
            else:
                ctx = auth.context_for(users["representant"], companies[company_key], at)
            day = paris_today(at)
            until_in, effect_in = inputs.get("until_in"), inputs.get("effect_in")
            data = life.StepData(
                message=str(inputs.get("message", "")),
                measure=str(inputs.get("measure", "")),
                case=str(inputs.get("case", "")),
                ground=str(inputs.get("ground", "")),
                until=day + timedelta(days=int(str(until_in))) + timedelta(days=days_ago)
                if until_in
                else None,
                effect=day + timedelta(days=int(str(effect_in))) if effect_in else None,
            )
            life.perform(ctx, found.id, LifeAction(action), data, now=at, send_mails=False)


def _service_of(user_id: int) -> int | None:
    with session_scope() as db:
        user = db.get(User, user_id)
        return user.service_id if user else None


def _step(ctx: auth.SessionContext, dossier_id: int, action: Action, data: ActionInput, at: datetime) -> None:
    """A workflow step dated ``at``, applied by the workflow service itself (its e-mails are not sent)."""
    with session_scope() as db:
        dossier = workflow.locked_dossier(db, ctx, dossier_id)
        workflow.apply(db, ctx, dossier, action, data, at)


def _complete(ctx: auth.SessionContext, regime: Regime, created: datetime) -> dict:  # type: ignore[type-arg]
    """A complete application, as its filer would have typed it."""
    assert ctx.company is not None
    with session_scope() as db:
        company = db.get(Company, ctx.company.id)
        user = db.get(User, ctx.user_id)
        firm = db.get(Company, user.company_id) if user and user.company_id != ctx.company.id else None
    assert company is not None and user is not None
    filer = Filer(user.first_name, user.last_name, user.email, _party(firm) if firm else None)
    return complete_answers(regime, _party(company), filer, created.date())


def _mandate_pdf(ctx: auth.SessionContext) -> bytes:
    """A one-page mandate of the demo's representative (a real PDF, for downloads in demos)."""
    assert ctx.company is not None
    return _mandate_text_pdf(ctx.company.raison_sociale, ctx.company.siret, ctx.full_name)


def _mandate_text_pdf(company: str, siret: str, representative: str) -> bytes:
    return _demo_pdf(
        "Mandat de représentation (démonstration)",
        [
            "Mandat de représentation en douane — document de démonstration",
            f"{company} (SIRET {siret}) donne mandat à {representative}",
            "pour déposer et suivre ses demandes d'autorisation de régimes particuliers.",
            "Données fictives, sans valeur juridique.",
        ],
    )


def _demo_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF of a few lines (a real PDF, for downloads in demos)."""
    from io import BytesIO

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = BytesIO()
    page = Canvas(buffer, pagesize=A4)
    page.setTitle(title)
    for n, line in enumerate(lines):
        page.drawString(60, 780 - 24 * n, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


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
