"""Database tables (SQLModel). Schema changes go through Alembic (``alembic/versions``).

Datetimes are timezone-aware UTC (SQLModel's ``UTCDateTime``); dates are calendar dates.
Business rules do not live here: see ``soprano_app.domain``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    from .app_clock import now_utc  # the application's clock (the demo may have moved it)

    return now_utc()


class Company(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    raison_sociale: str = Field(max_length=70)
    siren: str = Field(max_length=9, index=True)
    siret: str = Field(max_length=14, unique=True)
    eori: str = Field(max_length=17, unique=True)
    rue: str = Field(default="", max_length=70)
    complement: str = Field(default="", max_length=70)
    code_postal: str = Field(default="", max_length=9)
    ville: str = Field(default="", max_length=35)
    pays: str = Field(default="FR", max_length=2)
    # Date the company was established (SIRENE): under 3 years, close monitoring in the first year of
    # an authorisation (UCC 23(5)).
    established_on: date | None = None


class CustomsService(SQLModel, table=True):
    """A customs office that examines applications (e.g. a « Pôle d'action économique »)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    office_code: str = Field(max_length=8)
    email: str = Field(default="", max_length=256)
    # Départements (domain/directory.departement_of) where the service is competent, comma-separated.
    departements: str = Field(default="", max_length=400)
    # What the directory shows (« Assistance réglementaire »).
    rue: str = Field(default="", max_length=120)
    code_postal: str = Field(default="", max_length=10)
    ville: str = Field(default="", max_length=60)
    telephone: str = Field(default="", max_length=20)
    horaires: str = Field(default="", max_length=200)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=256, unique=True)
    password_hash: str = Field(max_length=255)
    first_name: str = Field(max_length=35)
    last_name: str = Field(max_length=70)
    role: str = Field(max_length=20)  # a Role value; plain text keeps migrations portable
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="customsservice.id", index=True)
    active: bool = True
    company_role: str = Field(
        default="depot", max_length=12
    )  # an operator's domain.company_roles.CompanyRole
    # An agent who leads his service (« responsable du service »): assigns its dossiers to its agents.
    service_lead: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    survey_offered_at: datetime | None = None  # the survey is offered once, after a first submission
    created_at: datetime = Field(default_factory=utcnow)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Mandate(SQLModel, table=True):
    """A representative's mandate to act for a company (guide §2.3)."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    valid_from: date
    valid_to: date | None = None
    document_key: str | None = Field(default=None, max_length=40)  # the mandate document (private storage)
    document_name: str = Field(default="", max_length=150)


class LoginThrottle(SQLModel, table=True):
    """Consecutive failed logins per identifier (whether or not an account exists)."""

    identifier: str = Field(primary_key=True, max_length=256)
    failures: int = 0
    locked_until: datetime | None = None


class LoginSession(SQLModel, table=True):
    """A browser login. Only the SHA-256 of the cookie token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    acting_company_id: int | None = Field(default=None, foreign_key="company.id")
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None


class CguVersion(SQLModel, table=True):
    """A version of the terms of use; the latest published is in force. ``text`` is the Markdown an
    administrator published (empty: the built-in text of domain/cgu.py)."""

    version: str = Field(primary_key=True, max_length=20)
    published_at: datetime = Field(default_factory=utcnow, index=True)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    published_by: str = Field(default="", max_length=140)


class CguAcceptance(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("user_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    version: str = Field(foreign_key="cguversion.version", max_length=20)
    accepted_at: datetime = Field(default_factory=utcnow)


# Indexes that only some databases have, made by the migrations and not described by the models:
# PostgreSQL's trigram index for searching any part of a dossier number (pg_trgm).
DATABASE_ONLY_INDEXES = frozenset({"ix_dossier_numero_trgm"})


def described_by_models(name: str | None, type_: str, _parent: object) -> bool:
    """For Alembic's comparisons (autogenerate, the drift test)."""
    return not (type_ == "index" and name in DATABASE_ONLY_INDEXES)


class Dossier(SQLModel, table=True):
    """An application (first application, avenant or renewal) and its answers.

    The columns are what dashboards filter and sort on in SQL; the form answers are one JSON
    document checked against the field catalogue.
    """

    # The scheduler's questions: open dossiers by due date, drafts by last change. The lists: a count
    # per status of a scope read from the index alone, and each scope's page in due-date order read
    # from the index (services/dashboard.py), whatever the number of dossiers.
    __table_args__ = (
        Index("ix_dossier_statut_echeance", "statut", "echeance"),
        Index("ix_dossier_statut_updated_at", "statut", "updated_at"),
        Index("ix_dossier_service_statut", "service_id", "statut"),
        Index("ix_dossier_company_statut", "company_id", "statut"),
        Index("ix_dossier_service_alerte_echeance", "service_id", "alerte", "echeance", "id"),
        Index("ix_dossier_company_echeance_demandeur", "company_id", "echeance_demandeur", "id"),
        Index("ix_dossier_service_assigned", "service_id", "assigned_to_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    numero: str | None = Field(default=None, max_length=20, unique=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="customsservice.id", index=True)
    created_by_id: int = Field(foreign_key="user.id")
    regime: str = Field(max_length=2)
    type_demande: str = Field(default="1", max_length=1)
    statut: str = Field(max_length=24, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    submitted_at: datetime | None = None
    echeance: date | None = Field(default=None, index=True)
    # The due date the applicant is told: the same, except while customs extend the decision period
    # for an investigation without informing the applicant (RDC art. 13(3)).
    echeance_demandeur: date | None = None
    version: int = 1
    answers: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    # The authorisation an avenant or a renewal starts from (type_demande 2 or 3). No foreign key:
    # authorisations already point at their dossier, and a cycle would complicate deletes.
    authorisation_id: int | None = Field(default=None, index=True)
    # What time did that customs must see in their queue (« Délai de réponse expiré »…): set by the
    # scheduler's steps, cleared when customs take a step (domain/workflow.alert_after).
    alerte: str | None = Field(default=None, max_length=40)
    # « Suivi par »: the agent of the service who follows it (domain/assignment.py), if any. No foreign
    # key, as for authorisation_id: adding one would make SQLite rebuild this table, which others
    # reference; accounts are deactivated, never deleted, so the id always names a user.
    assigned_to_id: int | None = None


class DossierEvent(SQLModel, table=True):
    """Append-only history of a dossier: creations, transitions, comments (guide §4)."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    occurred_at: datetime = Field(default_factory=utcnow)
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    actor_label: str = Field(max_length=140)
    kind: str = Field(max_length=20)
    from_status: str | None = Field(default=None, max_length=24)
    to_status: str | None = Field(default=None, max_length=24)
    message: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    action: str | None = Field(default=None, max_length=40)  # workflow.Action
    step: str | None = Field(default=None, max_length=30)  # clock.Step: what it means for the time limits
    step_day: date | None = None  # the day that counts for the time limits
    days: int | None = None  # reply period or extension length
    by_customs: bool = False
    # What customs chose with the step (workflow.CHOICES): the Commission's conclusion, the outcome
    # of a consultation, the ground for closing without a decision.
    choice: str | None = Field(default=None, max_length=30)
    grounds: str | None = Field(default=None, max_length=300)  # domain/grounds.py codes, comma-separated
    # True: kept from the applicant (an investigation extension that informing him would jeopardise,
    # RDC art. 13(3)); None otherwise, so that older entries hash as before (integrity.LATER_FIELDS).
    confidential: bool | None = None


class AppendOnlyError(RuntimeError):
    """A history row was about to be changed or removed."""


@event.listens_for(DossierEvent, "before_update")
@event.listens_for(DossierEvent, "before_delete")
def _history_is_append_only(_mapper: Any, _connection: Any, target: DossierEvent) -> None:
    raise AppendOnlyError(f"L'historique est en ajout seul (événement {target.id}).")


class DossierNote(SQLModel, table=True):
    """A private annotation of the customs service on a dossier (domain/dossier_notes.py)."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    author_user_id: int = Field(foreign_key="user.id")
    author_label: str = Field(max_length=140)
    created_at: datetime = Field(default_factory=utcnow)
    text: str = Field(sa_column=Column(Text, nullable=False))


class SavedView(SQLModel, table=True):
    """A named view of a user's dossier list (services/saved_views.py): its filters, as JSON."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    name: str = Field(max_length=60)
    filters: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class DecisionNotice(SQLModel, table=True):
    """Proof that a decision reached the applicant: the first opening by the operator's side or the
    first acceptance of the e-mail by the mail server, whichever came first (one row per decision)."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_event_id: int | None = Field(default=None, foreign_key="dossierevent.id", unique=True)
    authorisation_event_id: int | None = Field(default=None, foreign_key="authorisationevent.id", unique=True)
    notified_at: datetime
    means: str = Field(max_length=12)  # domain.notification.Means
    user_id: int | None = Field(default=None, foreign_key="user.id")  # who opened it
    recipient: str = Field(default="", max_length=254)  # the address the mail server accepted


class DossierRequest(SQLModel, table=True):
    """A request from customs that awaits the operator (compléments, informations, observations)."""

    __table_args__ = (Index("ix_dossierrequest_status_due_date", "status", "due_date"),)

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    kind: str = Field(max_length=30)  # workflow.Action that opened it
    message: str = Field(sa_column=Column(Text, nullable=False))
    due_date: date  # the scheduler looks for the open ones passed or near (index below)
    status: str = Field(default="nouvelle", max_length=12)  # a domain.workflow.RequestStatus value
    reopened: str = Field(default="[]", sa_column=Column(Text, nullable=False, server_default="[]"))
    created_at: datetime = Field(default_factory=utcnow)
    created_by_label: str = Field(max_length=140)
    answered_at: datetime | None = None
    answer: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class Authorisation(SQLModel, table=True):
    """An authorisation granted at the end of an application (spec §3.2 B)."""

    # Each scope's list, newest first, read from the index (services/authorisations.py).
    __table_args__ = (
        Index("ix_authorisation_service_granted", "service_id", "granted_at", "id"),
        Index("ix_authorisation_company_granted", "company_id", "granted_at", "id"),
        Index("ix_authorisation_service_valid_to", "service_id", "valid_to"),
        Index("ix_authorisation_company_valid_to", "company_id", "valid_to"),
    )

    id: int | None = Field(default=None, primary_key=True)
    numero: str = Field(max_length=35, unique=True)
    dossier_id: int = Field(foreign_key="dossier.id", unique=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="customsservice.id")
    regime: str = Field(max_length=2)
    type_code: str = Field(max_length=4)
    valid_from: date = Field(index=True)
    valid_to: date | None = Field(default=None, index=True)  # none for customs warehouses (no time limit)
    granted_at: datetime = Field(default_factory=utcnow)
    granted_by_label: str = Field(max_length=140)
    version: int = 0  # 0 as first granted, k after « avenant n° k »
    snapshot: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    replaces_id: int | None = Field(
        default=None, foreign_key="authorisation.id", index=True
    )  # renewal's predecessor
    # What the steps after the grant left (services/authorisation_workflow is their only writer), kept here
    # so that lists compute the status of the day in SQL (services/authorisations.status_sql).
    suspended: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    suspended_until: date | None = Field(default=None, index=True)  # end of the period notified
    revoked_from: date | None = None
    annulled_on: date | None = None


class AuthorisationVersion(SQLModel, table=True):
    """Each granted state of an authorisation: the first decision, then one per avenant (§3.5)."""

    __table_args__ = (UniqueConstraint("authorisation_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    authorisation_id: int = Field(foreign_key="authorisation.id", index=True)
    version: int
    dossier_id: int = Field(foreign_key="dossier.id")
    effective_from: date  # the date this version takes effect
    valid_to: date | None = None
    granted_at: datetime = Field(default_factory=utcnow)
    granted_by_label: str = Field(max_length=140)
    objet: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    snapshot: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    # The public check of a printed version (/verification/<token>): an unguessable token, and the
    # SHA-256 of the PDF as issued (stored the first time it is printed, then always served as is).
    verify_token: str | None = Field(default=None, max_length=64, unique=True, index=True)
    pdf_key: str | None = Field(default=None, max_length=200)
    pdf_sha256: str | None = Field(default=None, max_length=64)
    # The guarantee the decision requires (domain/guarantee.py): kind, amount in EUR, reference.
    guarantee_kind: str | None = Field(default=None, max_length=12)
    guarantee_amount: str | None = Field(default=None, max_length=20)
    guarantee_reference: str | None = Field(default=None, max_length=35)


class AuthorisationEvent(SQLModel, table=True):
    """Append-only history of an authorisation after the grant: re-assessments, projets, observations,
    suspensions, revocation, annulment, modifications d'office, the holder's requests (spec §3.6)."""

    id: int | None = Field(default=None, primary_key=True)
    authorisation_id: int = Field(foreign_key="authorisation.id", index=True)
    occurred_at: datetime = Field(default_factory=utcnow)
    decided_on: date  # the day that counts for the status (Paris)
    action: str = Field(max_length=30)  # domain.authorisation_workflow.LifeAction
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    actor_label: str = Field(max_length=140)
    by_customs: bool = False
    message: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    measure: str | None = Field(default=None, max_length=20)
    ground: str | None = Field(default=None, max_length=30)
    effect_date: date | None = None
    until_date: date | None = None
    version: int | None = None  # the version a modification d'office created
    detail: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))


class AuthorisationRequest(SQLModel, table=True):
    """What waits for the other side: a projet awaiting the holder's observations (right to be heard,
    ``from_customs``), or the holder's request for suspension or revocation awaiting customs."""

    id: int | None = Field(default=None, primary_key=True)
    authorisation_id: int = Field(foreign_key="authorisation.id", index=True)
    from_customs: bool
    kind: str = Field(max_length=20)  # a Measure for a projet, a HolderRequest for the holder's
    message: str = Field(sa_column=Column(Text, nullable=False))
    due_date: date | None = Field(default=None, index=True)  # end of the holder's period (projet)
    until_date: date | None = None  # suspension asked until
    effect_date: date | None = None  # revocation asked from
    status: str = Field(default="nouvelle", max_length=12)  # domain.workflow.RequestStatus
    created_at: datetime = Field(default_factory=utcnow)
    created_by_label: str = Field(max_length=140)
    answered_at: datetime | None = None
    answer: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    closed_at: datetime | None = None  # the measure taken or dropped, the request granted or rejected


class Notification(SQLModel, table=True):
    """Something a user should see: a request, a comment, a decision. Read once seen."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    dossier_id: int | None = Field(default=None, foreign_key="dossier.id", index=True)
    link: str = Field(default="", max_length=200)  # what it opens when it is not a dossier (a question)
    kind: str = Field(max_length=30)
    title: str = Field(max_length=200)
    body: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    created_at: datetime = Field(default_factory=utcnow)
    read_at: datetime | None = Field(default=None, index=True)


class Attachment(SQLModel, table=True):
    """A file joined to a dossier. The bytes are in the private storage under ``storage_key``; the
    row stays after removal (``removed_at``) so that the history of attachments is complete."""

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    type_code: str = Field(max_length=30)  # spec §2.9
    label: str = Field(default="", max_length=140)
    file_name: str = Field(max_length=150)  # cleaned original name, shown as a label only
    media_type: str = Field(max_length=100)  # from the content, not from the browser
    size: int
    sha256: str = Field(max_length=64)
    storage_key: str = Field(max_length=64, unique=True)
    added_at: datetime = Field(default_factory=utcnow)
    added_by_id: int = Field(foreign_key="user.id")
    added_by_label: str = Field(max_length=140)
    removed_at: datetime | None = None
    removed_by_id: int | None = Field(default=None, foreign_key="user.id")
    removed_by_label: str = Field(default="", max_length=140)
    # Joined to a step in the life of the authorisation granted on this dossier (the holder's
    # observations or request), listed under that step.
    authorisation_event_id: int | None = Field(default=None, foreign_key="authorisationevent.id", index=True)


class CompanyDocument(SQLModel, table=True):
    """A document kept at company level (domain/vault.py), joined to dossiers as a copy."""

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    type_code: str = Field(max_length=30)  # an attachment type (domain/attachments.TYPE_LABELS)
    label: str = Field(default="", max_length=140)
    file_name: str = Field(max_length=150)
    media_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    storage_key: str = Field(max_length=64)
    valid_until: date | None = None
    added_at: datetime = Field(default_factory=utcnow)
    added_by_label: str = Field(max_length=140)
    removed_at: datetime | None = None


class StoredFile(SQLModel, table=True):
    """The bytes of a file (attachment, mandate, screenshot, issued PDF) when SOPRANO_STORAGE=database
    (services/storage.py): every worker and machine that reaches the database reaches the files, and a
    backup of the database holds them. Named by the random key the other tables keep."""

    key: str = Field(primary_key=True, max_length=40)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # bytea on PostgreSQL
    size: int
    created_at: datetime


class Counter(SQLModel, table=True):
    """Named sequences for human-readable numbers (dossier and authorisation numbers)."""

    name: str = Field(primary_key=True, max_length=40)
    value: int = 0


class Setting(SQLModel, table=True):
    """Small key/value store for instance-wide facts (e.g. whether demo data is loaded)."""

    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(default="", max_length=255)


class ChainLink(SQLModel, table=True):
    """A link of a dossier's tamper-evident chain (``domain/integrity.py``): one per history entry,
    attachment record and authorisation version, written by ``services/chain.py``."""

    __table_args__ = (UniqueConstraint("dossier_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    dossier_id: int = Field(foreign_key="dossier.id", index=True)
    seq: int  # 1, 2, 3… within the dossier
    record_kind: str = Field(max_length=12)  # integrity.RecordKind
    record_id: int
    content_hash: str = Field(max_length=64)
    prev_hash: str = Field(max_length=64)
    link_hash: str = Field(max_length=64)
    recorded_at: datetime = Field(default_factory=utcnow)


@event.listens_for(ChainLink, "before_update")
@event.listens_for(ChainLink, "before_delete")
def _chain_is_append_only(_mapper: Any, _connection: Any, target: ChainLink) -> None:
    raise AppendOnlyError(f"La chaîne d'intégrité est en ajout seul (maillon {target.id}).")


class SentReminder(SQLModel, table=True):
    """A reminder or a notice of the scheduler, sent once: (kind, subject, key) is unique, so that a
    job run twice, or by two processes at once, tells nobody twice."""

    __table_args__ = (UniqueConstraint("kind", "subject_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)  # services/deadlines.py: what it was about
    subject_id: int  # the dossier or the authorisation
    key: str = Field(max_length=40)  # which one: the threshold, the deadline…
    sent_at: datetime = Field(default_factory=utcnow)


class SchedulerRun(SQLModel, table=True):
    """One pass of the scheduler's jobs, for the administration page."""

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: datetime | None = None
    ok: bool = False
    counts: str = Field(default="{}", sa_column=Column(Text, nullable=False))  # job → effects
    message: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class ServiceQuestion(SQLModel, table=True):
    """A question asked to a customs service (« Assistance réglementaire »): a thread between the
    asker (and his company) and the service's agents, linked to a dossier when it is about one."""

    __table_args__ = (Index("ix_servicequestion_service_status", "service_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="customsservice.id")
    asked_by_id: int = Field(foreign_key="user.id", index=True)
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    dossier_id: int | None = Field(default=None, foreign_key="dossier.id")
    subject: str = Field(max_length=120)
    status: str = Field(max_length=12)  # domain.questions.QuestionStatus
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ServiceMessage(SQLModel, table=True):
    """One message of a question's thread (append-only)."""

    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="servicequestion.id", index=True)
    author_id: int = Field(foreign_key="user.id")
    author_label: str = Field(max_length=140)
    by_customs: bool = False
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class SupportTicket(SQLModel, table=True):
    """A request to the support (« Assistance technique »), seen by its author and the support."""

    __table_args__ = (Index("ix_supportticket_status_updated_at", "status", "updated_at"),)

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(max_length=20, index=True)  # « AST-2026-000012 »
    user_id: int = Field(foreign_key="user.id", index=True)
    category: str = Field(max_length=20)  # domain.tickets.Category
    description: str = Field(sa_column=Column(Text, nullable=False))
    page: str = Field(default="", max_length=200)  # the page it was opened from
    status: str = Field(max_length=12)  # domain.tickets.TicketStatus
    screenshot_key: str | None = Field(default=None, max_length=40)  # private storage key
    screenshot_name: str = Field(default="", max_length=150)
    screenshot_kind: str = Field(default="", max_length=10)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class TicketMessage(SQLModel, table=True):
    """One message of a support request's thread (append-only)."""

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="supportticket.id", index=True)
    author_id: int = Field(foreign_key="user.id")
    author_label: str = Field(max_length=140)
    by_support: bool = False
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class SurveyResponse(SQLModel, table=True):
    """« Votre avis nous intéresse »: one answer to the satisfaction survey (domain/survey.py)."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    role: str = Field(default="", max_length=20)  # who answered, for the results by population
    step: str = Field(max_length=20)  # domain.survey.Step: after a submission, or from the footer
    satisfaction: int  # 1–5
    ease: int | None = None  # 1–5: ease of the form
    helped: str = Field(default="", max_length=1000)
    obstacles: str = Field(default="", max_length=1000)
    may_contact: bool = False
    created_at: datetime = Field(default_factory=utcnow, index=True)


class PasswordToken(SQLModel, table=True):
    """A single-use link to choose a password: an account's activation, or « Mot de passe oublié ».
    Only the keyed hash of the token is stored (services/security.token_digest)."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    purpose: str = Field(max_length=16)  # domain.accounts.TokenPurpose
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class AdminEvent(SQLModel, table=True):
    """The administrative journal: who did what to which account, company, mandate, service or terms
    of use, and when (append-only)."""

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = Field(default_factory=utcnow, index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    actor_label: str = Field(max_length=140)
    action: str = Field(max_length=30, index=True)  # domain.accounts.AdminAction
    target: str = Field(max_length=200)  # « claire.durand@… », « Ateliers Durand SAS »…
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


@event.listens_for(AdminEvent, "before_update")
@event.listens_for(AdminEvent, "before_delete")
def _journal_is_append_only(_mapper: Any, _connection: Any, target: AdminEvent) -> None:
    raise AppendOnlyError(f"Le journal d'administration est en ajout seul (entrée {target.id}).")
