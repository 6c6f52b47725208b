"""Login, login sessions, terms of use and the choice of the acting company.

Every protected page and every event handler goes through ``resolve_session``: the browser only
holds an opaque HttpOnly cookie, and who the user is, which company they act for and whether
they may see a dossier is always decided here, on the server.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, or_, text, update
from sqlmodel import Session, col, select

from .. import app_clock
from ..app_clock import now_utc
from ..db import DATABASE_DOWN, session_scope
from ..domain import lockout
from ..domain.cgu import CURRENT_CGU_VERSION, needs_acceptance
from ..domain.company_roles import CompanyRole, Right, allows, role_of
from ..domain.formatting import format_time, paris_today
from ..domain.roles import Role
from ..domain.statuses import DossierStatus
from ..models import (
    CguAcceptance,
    CguVersion,
    Company,
    CustomsService,
    Dossier,
    LoginSession,
    LoginThrottle,
    Mandate,
    User,
)
from ..settings import settings
from . import pending_logouts, revocations, throttle
from .mail import Mail, send_later
from .security import new_session_token, token_digest, verify_password

# Writing last_seen_at on every event would turn each keystroke into a database write.
TOUCH_EVERY = timedelta(seconds=30)


def _times(now: datetime | None) -> tuple[datetime, date]:
    """Sessions and lockouts run on real time: the demo's time machine must neither log everyone out
    nor unlock an account. What a mandate allows runs on the application's date."""
    if now is not None:
        return now, paris_today(now)
    return app_clock.real_now(), app_clock.today()


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


@dataclass(frozen=True)
class CompanyInfo:
    id: int
    raison_sociale: str
    siren: str
    siret: str
    eori: str
    ville: str


@dataclass(frozen=True)
class SessionContext:
    """Who is behind a cookie, as the pages and handlers need it."""

    session_id: int
    user_id: int
    email: str
    full_name: str
    role: Role
    company: CompanyInfo | None  # the acting company (operators and representatives)
    service_id: int | None  # customs officers
    service_name: str
    cgu_pending: bool
    company_choices: int  # how many companies the user may act for
    expires_at: datetime
    company_role: str = CompanyRole.DEPOT.value  # domain.company_roles: what he may do for the company

    @property
    def is_customs(self) -> bool:
        return self.role is Role.AGENT

    @property
    def acts_for_companies(self) -> bool:
        return self.role in (Role.OPERATEUR, Role.REPRESENTANT)

    @property
    def needs_company_choice(self) -> bool:
        return self.acts_for_companies and self.company is None


@dataclass(frozen=True)
class LoginResult:
    token: str | None
    message: str  # French, empty on success

    @property
    def ok(self) -> bool:
        return self.token is not None


# --- login ----------------------------------------------------------------------------------


def _throttle_of(db: Session, identifier: str) -> lockout.Throttle:
    row = db.get(LoginThrottle, identifier)
    return lockout.Throttle(row.failures, row.locked_until) if row else lockout.Throttle()


def _reserve_attempt(identifier: str, now: datetime) -> lockout.Throttle | None:
    """Count this attempt before its password is checked, atomically: parallel attempts cannot check
    more passwords than the lockout allows. None when the identifier is locked."""
    with session_scope() as db:
        # A write first: it takes SQLite's write lock; PostgreSQL locks the row just below.
        db.execute(
            text(
                "INSERT INTO loginthrottle (identifier, failures) VALUES (:i, 0) ON CONFLICT (identifier) DO NOTHING"
            ),
            {"i": identifier},
        )
        row = db.exec(
            select(LoginThrottle).where(LoginThrottle.identifier == identifier).with_for_update()
        ).one()
        state = lockout.reserve_attempt(lockout.Throttle(row.failures, row.locked_until), now)
        if state is None:
            return None
        row.failures, row.locked_until = state.failures, state.locked_until
        db.add(row)
        return state


def authenticate(email: str, password: str, now: datetime | None = None, source: str = "") -> LoginResult:
    """Check credentials, apply the lockout rules and open a session. Slow (argon2): run in a thread.

    ``source`` is the client's address: its failures are limited too (``domain.lockout``). The
    password is checked outside any database transaction, so logins never wait for each other.
    """
    now, today = _times(now)
    identifier = normalise_email(email)
    if not identifier or not password:
        return LoginResult(None, "Saisissez votre identifiant et votre mot de passe.")
    if throttle.source_exhausted(source):
        return LoginResult(None, lockout.SOURCE_THROTTLED_MESSAGE)
    state = _reserve_attempt(identifier, now)
    if state is None:
        throttle.record_failure(source)
        with session_scope() as db:
            current = _throttle_of(db, identifier)
        return LoginResult(None, lockout.locked_message(lockout.lock_minutes_left(current, now)))
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == identifier)).first()
    valid = verify_password(password, user.password_hash if user else None)
    if not valid or user is None or not user.active:
        throttle.record_failure(source)
        if lockout.is_locked(state, now):
            if user is not None and lockout.just_locked(state):
                _tell_locked(user, state, now)
            return LoginResult(None, lockout.locked_message(lockout.lock_minutes_left(state, now)))
        return LoginResult(None, lockout.LOGIN_FAILED_MESSAGE)
    token = new_session_token()
    with session_scope() as db:
        db.execute(delete(LoginThrottle).where(col(LoginThrottle.identifier) == identifier))
        assert user.id is not None
        companies = _accessible_company_ids(db, user, today)
        db.add(
            LoginSession(
                token_hash=token_digest(token),
                user_id=user.id,
                # A user who can act for one company only skips the choice screen.
                acting_company_id=companies[0] if len(companies) == 1 else None,
                created_at=now,
                last_seen_at=now,
            )
        )
    return LoginResult(token, "")


def _tell_locked(user: User, state: lockout.Throttle, now: datetime) -> None:
    """The account holder hears of the lock, in case it was not them."""
    assert state.locked_until is not None
    until = format_time(state.locked_until)
    send_later(
        [
            Mail(
                user.email,
                "Compte verrouillé temporairement",
                f"Bonjour {user.full_name},\n\n"
                f"Après {lockout.MAX_FAILURES} tentatives de connexion infructueuses, votre compte est "
                f"verrouillé jusqu'à {until}. Vous pourrez alors vous reconnecter.\n\n"
                "Si ces tentatives ne viennent pas de vous, prévenez l'administrateur du service : "
                "il peut aussi déverrouiller votre compte.",
            )
        ]
    )


def end_session(token: str, now: datetime | None = None) -> bool:
    """Close the session. False when the database could not be reached: the session is then refused
    from now on and closed in the database at the next chance (``pending_logouts``)."""
    if not token:
        return True
    try:
        with session_scope() as db:
            row = _session_row(db, token)
            if row is not None and row.ended_at is None:
                row.ended_at = now or app_clock.real_now()
                db.add(row)
        revocations.revoke(revocations.session(token_digest(token)))
        return True
    except DATABASE_DOWN:
        pending_logouts.remember(token_digest(token))
        revocations.revoke(revocations.session(token_digest(token)))
        return False


def _close_pending_logouts(db: Session, now: datetime) -> None:
    """Record in the database the logouts that happened while it was unreachable."""
    digests = pending_logouts.pending()
    if not digests:
        return
    db.execute(
        update(LoginSession)
        .where(col(LoginSession.token_hash).in_(digests))
        .where(col(LoginSession.ended_at).is_(None))
        .values(ended_at=now)
    )
    pending_logouts.forget(set(digests))


# --- session resolution ---------------------------------------------------------------------


def _session_row(db: Session, token: str) -> LoginSession | None:
    return db.exec(select(LoginSession).where(LoginSession.token_hash == token_digest(token))).first()


def session_expired(row: LoginSession, now: datetime) -> bool:
    return row.ended_at is not None or now - row.last_seen_at >= timedelta(
        seconds=settings.session_idle_seconds
    )


def resolve_session(token: str, now: datetime | None = None, touch: bool = True) -> SessionContext | None:
    """The context of a valid session, or None (unknown, logged out or idle for too long).

    ``touch`` records activity; the idle timer's own polling passes ``touch=False``.
    """
    if not token:
        return None
    now, today = _times(now)
    if token_digest(token) in pending_logouts.pending():  # logged out while the database was down
        with suppress(*DATABASE_DOWN), session_scope() as db:
            _close_pending_logouts(db, now)
        return None
    with session_scope() as db:
        _close_pending_logouts(db, now)
        row = _session_row(db, token)
        if row is None or session_expired(row, now):
            if row is not None and row.ended_at is None:
                row.ended_at = row.last_seen_at + timedelta(seconds=settings.session_idle_seconds)
                db.add(row)
            return None
        user = db.get(User, row.user_id)
        if user is None or not user.active:
            return None
        if touch and now - row.last_seen_at >= TOUCH_EVERY:
            row.last_seen_at = now
            db.add(row)
        return _context(db, row, user, today)


def acts_for(token: str, company_id: int, now: datetime | None = None) -> int | None:
    """The user id if the session is alive and still acts for ``company_id`` with the right to
    prepare; None otherwise."""
    found = edit_right(token, company_id, 0, now)
    return found[0] if found else None


def edit_right(
    token: str, company_id: int, dossier_id: int, now: datetime | None = None
) -> tuple[int, float] | None:
    """The full check behind an editing grant (``revocations``): the session is alive, acts for
    ``company_id`` with the right to prepare, and the draft ``dossier_id`` (when given) is still a
    draft of that company. Returns the user id and the session's idle expiry; None otherwise."""
    if not token or token_digest(token) in pending_logouts.pending():
        return None
    now, today = _times(now)
    with session_scope() as db:
        found = db.exec(
            select(LoginSession, User)
            .join(User, col(User.id) == LoginSession.user_id)
            .where(LoginSession.token_hash == token_digest(token))
        ).first()
        if found is None:
            return None
        row, user = found
        if session_expired(row, now) or not user.active or row.acting_company_id != company_id:
            return None
        if not allows(company_role_of(user), Right.PREPARER):
            return None  # « Consultation »: the form is read-only
        if company_id not in _accessible_company_ids(db, user, today):
            return None
        if dossier_id:
            dossier = db.get(Dossier, dossier_id)
            if (
                dossier is None
                or dossier.company_id != company_id
                or dossier.statut != DossierStatus.BROUILLON
            ):
                return None
        if now - row.last_seen_at >= TOUCH_EVERY:
            row.last_seen_at = now
            db.add(row)
        assert user.id is not None
        return user.id, revocations.epoch_of(
            row.last_seen_at + timedelta(seconds=settings.session_idle_seconds)
        )


def context_for(user_id: int, company_id: int | None = None, now: datetime | None = None) -> SessionContext:
    """The context of work the system does on a user's behalf, without any login (the demo data
    replays its dossiers' steps through the services). Never built from a request."""
    now, today = _times(now)
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            raise LookupError(f"user {user_id}")
        row = LoginSession(
            id=0,
            token_hash="",
            user_id=user_id,
            acting_company_id=company_id,
            created_at=now,
            last_seen_at=now,
        )
        return _context(db, row, user, today)


SYSTEM_NAME = "Système"


def system_context(now: datetime | None = None) -> SessionContext:
    """Who acts when a period ends (the scheduler): author « Système » in the history."""
    return SessionContext(
        session_id=0,
        user_id=0,
        email="",
        full_name=SYSTEM_NAME,
        role=Role.SYSTEME,
        company=None,
        service_id=None,
        service_name="",
        cgu_pending=False,
        company_choices=0,
        expires_at=now or now_utc(),
    )


def keep_alive(token: str, now: datetime | None = None) -> SessionContext | None:
    """« Rester connecté »: record activity now, whatever the throttle."""
    given = now
    now, _today = _times(now)
    with session_scope() as db:
        row = _session_row(db, token)
        if row is None or session_expired(row, now):
            return None
        row.last_seen_at = now
        db.add(row)
    return resolve_session(token, given, touch=False)


def _context(db: Session, row: LoginSession, user: User, today: date) -> SessionContext:
    assert row.id is not None and user.id is not None
    role = Role(user.role)
    company: CompanyInfo | None = None
    accessible = _accessible_company_ids(db, user, today)
    if row.acting_company_id is not None and row.acting_company_id in accessible:
        company = company_info(db.get(Company, row.acting_company_id))
    service_name = ""
    if user.service_id is not None:
        service = db.get(CustomsService, user.service_id)
        service_name = service.name if service else ""
    accepted = db.exec(select(CguAcceptance.version).where(CguAcceptance.user_id == user.id)).all()
    return SessionContext(
        session_id=row.id,
        user_id=user.id,
        email=user.email,
        full_name=user.full_name,
        role=role,
        company=company,
        service_id=user.service_id if role is Role.AGENT else None,
        service_name=service_name,
        cgu_pending=needs_acceptance(accepted, current_cgu_version(db)),
        company_choices=len(accessible),
        expires_at=row.last_seen_at + timedelta(seconds=settings.session_idle_seconds),
        company_role=company_role_of(user),
    )


def company_role_of(user: User) -> str:
    """An operator's role in his company; a representative files under his mandate (« Dépôt »)."""
    if user.role == Role.OPERATEUR.value:
        return role_of(user.company_role).value
    return CompanyRole.DEPOT.value if user.role == Role.REPRESENTANT.value else ""


def company_info(company: Company | None) -> CompanyInfo | None:
    if company is None or company.id is None:
        return None
    return CompanyInfo(
        id=company.id,
        raison_sociale=company.raison_sociale,
        siren=company.siren,
        siret=company.siret,
        eori=company.eori,
        ville=company.ville,
    )


# --- companies a user may act for -----------------------------------------------------------


def _accessible_company_ids(db: Session, user: User, today: date) -> list[int]:
    role = Role(user.role)
    if role not in (Role.OPERATEUR, Role.REPRESENTANT):
        return []
    ids: list[int] = []
    if role is Role.OPERATEUR and user.company_id is not None:
        ids.append(user.company_id)
    mandates = db.exec(
        select(Mandate.company_id)
        .where(Mandate.user_id == user.id)
        .where(Mandate.valid_from <= today)
        .where(or_(col(Mandate.valid_to).is_(None), col(Mandate.valid_to) >= today))
    ).all()
    for company_id in mandates:
        if company_id not in ids:
            ids.append(company_id)
    return ids


def accessible_company_ids(user_id: int, today: date | None = None) -> list[int]:
    """Every company the user may act for today (his own, his mandates in force)."""
    with session_scope() as db:
        user = db.get(User, user_id)
        return _accessible_company_ids(db, user, today or app_clock.today()) if user and user.active else []


def accessible_companies(user_id: int, search: str = "", today: date | None = None) -> list[CompanyInfo]:
    """Companies the user may act for, filtered by SIRET/SIREN, name or town, in name order."""
    today = today or app_clock.today()
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            return []
        ids = _accessible_company_ids(db, user, today)
        if not ids:
            return []
        query = select(Company).where(col(Company.id).in_(ids))
        needle = search.strip()
        if needle:
            pattern = f"%{needle.replace(' ', '')}%"
            text = f"%{needle}%"
            query = query.where(
                or_(
                    col(Company.siret).like(pattern),
                    col(Company.siren).like(pattern),
                    col(Company.raison_sociale).ilike(text),
                    col(Company.ville).ilike(text),
                )
            )
        companies = db.exec(query.order_by(col(Company.raison_sociale))).all()
        return [info for info in (company_info(c) for c in companies) if info is not None]


def choose_company(token: str, company_id: int, now: datetime | None = None) -> SessionContext | None:
    """Set the acting company of a session, if the user may act for it; None otherwise."""
    given = now
    now, today = _times(now)
    with session_scope() as db:
        row = _session_row(db, token)
        if row is None or session_expired(row, now):
            return None
        user = db.get(User, row.user_id)
        if user is None or company_id not in _accessible_company_ids(db, user, today):
            return None
        row.acting_company_id = company_id
        row.last_seen_at = now
        db.add(row)
        revocations.revoke_after_commit(db, revocations.session(token_digest(token)))
    return resolve_session(token, given, touch=False)


# --- terms of use ---------------------------------------------------------------------------


def current_cgu_version(db: Session) -> str:
    """The version in force: the latest published, or the built-in one before any."""
    latest = db.exec(
        select(CguVersion.version).order_by(col(CguVersion.published_at).desc()).limit(1)
    ).first()
    return latest or CURRENT_CGU_VERSION


def ensure_cgu_published(db: Session, version: str = CURRENT_CGU_VERSION) -> None:
    """The version exists (accepting one needs its row). A version only becomes the one in force
    when it is the first, or when an administrator publishes it (services/cgu.py): an old version
    recorded late is dated back so that it never overtakes the current one."""
    if db.get(CguVersion, version) is not None:
        return
    first = db.exec(select(CguVersion.version).limit(1)).first() is None
    db.execute(
        text(
            "INSERT INTO cguversion (version, published_at, text, published_by) VALUES (:v, :at, '', '') "
            "ON CONFLICT (version) DO NOTHING"
        ),
        {"v": version, "at": now_utc() if first else datetime(2000, 1, 1, tzinfo=UTC)},
    )


def accept_cgu(user_id: int, version: str | None = None, now: datetime | None = None) -> None:
    """Accept ``version`` (by default the one in force). Idempotent, also when two tabs accept at
    the same time."""
    with session_scope() as db:
        version = version or current_cgu_version(db)
        ensure_cgu_published(db, version)
        db.execute(
            text(
                "INSERT INTO cguacceptance (user_id, version, accepted_at) VALUES (:u, :v, :at) "
                "ON CONFLICT (user_id, version) DO NOTHING"
            ),
            {"u": user_id, "v": version, "at": now or now_utc()},
        )
