"""Administration: accounts overview and unlocking of locked identifiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from .. import app_clock
from ..app_clock import now_utc
from ..db import session_scope
from ..domain import lockout
from ..domain.accounts import AdminAction
from ..domain.company_roles import COMPANY_ROLE_LABELS, role_of
from ..domain.formatting import format_datetime
from ..domain.roles import ROLE_LABELS, Role
from ..models import Company, CustomsService, LoginThrottle, User
from .auth import SessionContext
from .journal import record
from .mail import Mail, send_later


@dataclass(frozen=True)
class AccountRow:
    id: int
    email: str
    first_name: str
    last_name: str
    name: str
    role_code: str
    role: str
    company_id: int
    service_id: int
    attachment: str  # company or customs service
    locked_until: str  # empty when not locked
    active: bool
    activated: bool  # the holder has chosen a password
    company_role: str  # an operator's role in his company (code)
    company_role_label: str
    service_lead: bool = False  # an agent who leads his service


def _require_admin(ctx: SessionContext) -> None:
    if ctx.role is not Role.ADMIN:
        raise PermissionError("Réservé aux administrateurs.")


def list_accounts(ctx: SessionContext, now: datetime | None = None) -> list[AccountRow]:
    _require_admin(ctx)
    now = now or app_clock.real_now()  # lockouts run on real time (services/auth._times)
    with session_scope() as db:
        users = db.exec(select(User).order_by(col(User.role), col(User.email))).all()
        companies = {c.id: c.raison_sociale for c in db.exec(select(Company)).all()}
        services = {s.id: s.name for s in db.exec(select(CustomsService)).all()}
        throttles = {t.identifier: t for t in db.exec(select(LoginThrottle)).all()}
    rows = []
    for user in users:
        throttle = throttles.get(user.email)
        state = lockout.Throttle(throttle.failures, throttle.locked_until) if throttle else lockout.Throttle()
        rows.append(
            AccountRow(
                id=user.id or 0,
                email=user.email,
                first_name=user.first_name,
                last_name=user.last_name,
                name=user.full_name,
                role_code=user.role,
                role=ROLE_LABELS[Role(user.role)],
                company_id=user.company_id or 0,
                service_id=user.service_id or 0,
                attachment=companies.get(user.company_id, "") or services.get(user.service_id, ""),
                locked_until=format_datetime(state.locked_until) if lockout.is_locked(state, now) else "",
                active=user.active,
                activated=user.password_hash != "!",
                company_role=user.company_role if user.role == Role.OPERATEUR.value else "",
                company_role_label=COMPANY_ROLE_LABELS[role_of(user.company_role)]
                if user.role == Role.OPERATEUR.value
                else "",
                service_lead=user.service_lead and user.role == Role.AGENT.value,
            )
        )
    return rows


def unlock(ctx: SessionContext, email: str) -> None:
    """Lift a lock; the account holder is told by e-mail who did it."""
    _require_admin(ctx)
    identifier = email.strip().lower()
    with session_scope() as db:
        throttle = db.get(LoginThrottle, identifier)
        if throttle is None:
            return
        db.delete(throttle)
        user = db.exec(select(User).where(User.email == identifier)).first()
        record(db, ctx, AdminAction.COMPTE_DEVERROUILLE, identifier, "", now_utc())
    if user is not None:
        send_later(
            [
                Mail(
                    user.email,
                    "Compte déverrouillé",
                    f"Bonjour {user.full_name},\n\nVotre compte a été déverrouillé par l'administrateur "
                    f"({ctx.full_name}) le {format_datetime(now_utc())}. Vous pouvez vous reconnecter.",
                )
            ]
        )
