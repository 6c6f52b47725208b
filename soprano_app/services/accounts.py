"""Accounts: the administrator creates, edits, deactivates and reactivates them (never deletes: the
histories keep the names); a new account chooses its password from an activation link; anybody
asks for a new password (« Mot de passe oublié ») or changes his own. Every administrative action
goes to the journal (services/journal.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from .. import app_clock, routes
from ..db import session_scope
from ..domain.accounts import (
    RESET_REQUESTED,
    TOKEN_INVALID,
    TOKEN_LIFETIME,
    AccountInput,
    AdminAction,
    TokenPurpose,
    account_refused,
    email_refused,
)
from ..domain.company_roles import CompanyRole
from ..domain.passwords import password_refused, personal_words
from ..domain.roles import Role
from ..models import Company, CustomsService, LoginSession, LoginThrottle, PasswordToken, User
from ..settings import settings
from . import assignment, revocations
from .auth import SessionContext, normalise_email
from .journal import record
from .mail import Mail, send_later
from .security import hash_password, new_session_token, token_digest, verify_password

MAX_RESETS_PER_HOUR = 3


class AccountError(ValueError):
    """Refused, with the French reason."""


def _require_admin(ctx: SessionContext) -> None:
    if ctx.role is not Role.ADMIN:
        raise PermissionError("Réservé aux administrateurs.")


def _now() -> datetime:
    return app_clock.real_now()  # accounts and links run on real time, like sessions


def _new_link(db: Session, user: User, purpose: TokenPurpose, now: datetime) -> str:
    """A single-use link; the previous unused links of the same purpose stop working."""
    assert user.id is not None
    db.execute(
        update(PasswordToken)
        .where(col(PasswordToken.user_id) == user.id)
        .where(col(PasswordToken.purpose) == purpose.value)
        .where(col(PasswordToken.used_at).is_(None))
        .values(used_at=now)
    )
    token = new_session_token()
    db.add(
        PasswordToken(
            user_id=user.id,
            purpose=purpose.value,
            token_hash=token_digest(token),
            created_at=now,
            expires_at=now + TOKEN_LIFETIME[purpose],
        )
    )
    return f"{settings.public_url}{routes.MOT_DE_PASSE}?jeton={token}"


def _activation_mail(user: User, link: str) -> Mail:
    return Mail(
        user.email,
        "Activez votre compte",
        f"Bonjour {user.first_name} {user.last_name},\n\nUn compte vient d'être ouvert pour vous. Choisissez votre "
        f"mot de passe dans les 3 jours en ouvrant ce lien (il ne sert qu'une fois) :\n{link}\n\n"
        "Si vous n'attendiez pas ce message, ignorez-le.",
    )


def _check_attachment(db: Session, data: AccountInput) -> tuple[int | None, int | None]:
    """The company or service the role asks for, and nothing else."""
    company_id = data.company_id if data.role in (Role.OPERATEUR.value, Role.REPRESENTANT.value) else None
    service_id = data.service_id if data.role == Role.AGENT.value else None
    if company_id is not None and db.get(Company, company_id) is None:
        raise AccountError("Cette entreprise n'existe pas.")
    if service_id is not None and db.get(CustomsService, service_id) is None:
        raise AccountError("Ce service des douanes n'existe pas.")
    return company_id, service_id


def _yes(value: bool) -> str:
    return "oui" if value else "non"


def _service_lead(data: AccountInput) -> bool:
    return bool(data.service_lead) and data.role == Role.AGENT.value


def _company_role(data: AccountInput) -> str:
    """Only an operator has a role inside his company; the others keep the default."""
    return data.company_role if data.role == Role.OPERATEUR.value else CompanyRole.DEPOT.value


def create_account(ctx: SessionContext, data: AccountInput) -> int:
    """A new account, without a usable password until its holder chooses one from the link."""
    _require_admin(ctx)
    problem = account_refused(data)
    if problem:
        raise AccountError(problem)
    email = normalise_email(data.email)
    now = _now()
    with session_scope() as db:
        if db.exec(select(User.id).where(User.email == email)).first() is not None:
            raise AccountError("Un compte existe déjà pour cette adresse.")
        company_id, service_id = _check_attachment(db, data)
        user = User(
            email=email,
            password_hash="!",  # matches no password: the holder chooses one from the activation link
            first_name=data.first_name.strip(),
            last_name=data.last_name.strip(),
            role=data.role,
            company_id=company_id,
            service_id=service_id,
            company_role=_company_role(data),
            service_lead=_service_lead(data),
        )
        db.add(user)
        db.flush()
        assert user.id is not None
        link = _new_link(db, user, TokenPurpose.ACTIVATION, now)
        record(db, ctx, AdminAction.COMPTE_CREE, email, f"Rôle : {data.role}.", now)
        mail = _activation_mail(user, link)
        user_id = user.id
    send_later([mail])
    return user_id


def update_account(ctx: SessionContext, user_id: int, data: AccountInput) -> None:
    _require_admin(ctx)
    problem = account_refused(data)
    if problem:
        raise AccountError(problem)
    email = normalise_email(data.email)
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            raise AccountError("Ce compte n'existe pas.")
        if user.id == ctx.user_id and data.role != user.role:
            raise AccountError("Vous ne pouvez pas changer votre propre rôle.")
        taken = db.exec(select(User.id).where(User.email == email).where(User.id != user_id)).first()
        if taken is not None:
            raise AccountError("Un autre compte utilise déjà cette adresse.")
        company_id, service_id = _check_attachment(db, data)
        changes = [
            f"{label} : {before} → {after}"
            for label, before, after in (
                ("adresse", user.email, email),
                ("prénom", user.first_name, data.first_name.strip()),
                ("nom", user.last_name, data.last_name.strip()),
                ("rôle", user.role, data.role),
                ("entreprise", user.company_id, company_id),
                ("service", user.service_id, service_id),
                ("rôle dans l'entreprise", user.company_role, _company_role(data)),
                ("responsable du service", _yes(user.service_lead), _yes(_service_lead(data))),
            )
            if before != after
        ]
        if not changes:
            return
        left_service = user.role == Role.AGENT.value and (
            data.role != Role.AGENT.value or service_id != user.service_id
        )
        user.email, user.first_name, user.last_name = email, data.first_name.strip(), data.last_name.strip()
        user.role, user.company_id, user.service_id = data.role, company_id, service_id
        user.company_role = _company_role(data)
        user.service_lead = _service_lead(data)
        if left_service:  # his dossiers wait for the lead to give them to someone else
            assignment.release_all_of(db, user, _now())
        db.add(user)
        _end_sessions(db, user_id)  # the new rights apply from the next login
        record(db, ctx, AdminAction.COMPTE_MODIFIE, email, " ; ".join(changes), _now())


def set_active(ctx: SessionContext, user_id: int, active: bool) -> None:
    """Deactivate (sessions end at once, the name stays in every history) or reactivate."""
    _require_admin(ctx)
    if user_id == ctx.user_id and not active:
        raise AccountError("Vous ne pouvez pas désactiver votre propre compte.")
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None:
            raise AccountError("Ce compte n'existe pas.")
        if user.active == active:
            return
        user.active = active
        db.add(user)
        if not active:
            _end_sessions(db, user_id)
            assignment.release_all_of(db, user, _now())
        action = AdminAction.COMPTE_REACTIVE if active else AdminAction.COMPTE_DESACTIVE
        record(db, ctx, action, user.email, "", _now())


def resend_activation(ctx: SessionContext, user_id: int) -> None:
    _require_admin(ctx)
    now = _now()
    with session_scope() as db:
        user = db.get(User, user_id)
        if user is None or not user.active:
            raise AccountError("Ce compte n'existe pas ou il est désactivé.")
        link = _new_link(db, user, TokenPurpose.ACTIVATION, now)
        record(db, ctx, AdminAction.ACTIVATION_RENVOYEE, user.email, "", now)
        mail = _activation_mail(user, link)
    send_later([mail])


def _end_sessions(db: Session, user_id: int) -> None:
    revocations.revoke_after_commit(db, revocations.user(user_id))
    db.execute(
        update(LoginSession)
        .where(col(LoginSession.user_id) == user_id)
        .where(col(LoginSession.ended_at).is_(None))
        .values(ended_at=_now())
    )


# --- passwords ----------------------------------------------------------------------------------------


def request_reset(email: str) -> str:
    """« Mot de passe oublié »: a link by e-mail if an active account has this address; the same
    answer either way. At most three links an hour for one account."""
    if email_refused(email):
        return email_refused(email)
    address = normalise_email(email)
    now = _now()
    mail = None
    with session_scope() as db:
        user = db.exec(select(User).where(User.email == address)).first()
        if user is not None and user.active and user.id is not None:
            recent = db.exec(
                select(func.count())
                .select_from(PasswordToken)
                .where(PasswordToken.user_id == user.id)
                .where(PasswordToken.purpose == TokenPurpose.REINITIALISATION.value)
                .where(col(PasswordToken.created_at) > now - timedelta(hours=1))
            ).one()
            if recent < MAX_RESETS_PER_HOUR:
                link = _new_link(db, user, TokenPurpose.REINITIALISATION, now)
                mail = Mail(
                    user.email,
                    "Réinitialisation de votre mot de passe",
                    f"Bonjour {user.first_name} {user.last_name},\n\nPour choisir un nouveau mot de passe, ouvrez ce "
                    f"lien dans les 30 minutes (il ne sert qu'une fois) :\n{link}\n\nSi vous n'avez rien demandé, "
                    "ignorez ce message : votre mot de passe actuel reste valable.",
                )
    if mail is not None:
        send_later([mail])
    return RESET_REQUESTED


@dataclass(frozen=True)
class LinkState:
    valid: bool
    purpose: str = ""
    email: str = ""


def _valid_token(db: Session, token: str, now: datetime) -> tuple[PasswordToken, User] | None:
    if not token or len(token) > 100:
        return None
    row = db.exec(select(PasswordToken).where(PasswordToken.token_hash == token_digest(token))).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    user = db.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return row, user


def link_state(token: str) -> LinkState:
    with session_scope() as db:
        found = _valid_token(db, token, _now())
    if found is None:
        return LinkState(False)
    row, user = found
    return LinkState(True, row.purpose, user.email)


def choose_password(token: str, password: str) -> str:
    """Set the password from a link; returns the address to log in with. The link is then used up,
    the other sessions end and the lock, if any, is lifted."""
    now = _now()
    with session_scope() as db:
        found = _valid_token(db, token, now)
        if found is None:
            raise AccountError(TOKEN_INVALID)
        row, user = found
        problem = password_refused(password, personal_words(user.email, user.first_name, user.last_name))
        if problem:
            raise AccountError(problem)
        user.password_hash = hash_password(password)
        row.used_at = now
        db.add(user)
        db.add(row)
        assert user.id is not None
        _end_sessions(db, user.id)
        lock = db.get(LoginThrottle, user.email)
        if lock is not None:
            db.delete(lock)
        email = user.email
    return email


def change_password(ctx: SessionContext, current: str, new: str) -> None:
    """« Changer mon mot de passe »: the current one first; the other sessions end."""
    with session_scope() as db:
        user = db.get(User, ctx.user_id)
        hash_now = user.password_hash if user else None
    if user is None or not verify_password(current, hash_now):
        raise AccountError("Le mot de passe actuel n'est pas le bon.")
    problem = password_refused(new, personal_words(user.email, user.first_name, user.last_name))
    if problem:
        raise AccountError(problem)
    if verify_password(new, hash_now):
        raise AccountError("Choisissez un mot de passe différent de l'actuel.")
    with session_scope() as db:
        db.execute(update(User).where(col(User.id) == ctx.user_id).values(password_hash=hash_password(new)))
        revocations.revoke_after_commit(db, revocations.user(ctx.user_id))  # the other sessions end
        db.execute(
            update(LoginSession)
            .where(col(LoginSession.user_id) == ctx.user_id)
            .where(col(LoginSession.id) != ctx.session_id)
            .where(col(LoginSession.ended_at).is_(None))
            .values(ended_at=_now())
        )
