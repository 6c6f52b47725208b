"""The customs services, as the administrator keeps them: contact details for the directory, the
départements each one covers (the competent-service rule, domain/directory.py) and its agents."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import col, select

from .. import app_clock
from ..db import session_scope
from ..domain.accounts import AdminAction, email_refused
from ..domain.directory import covered, departement_names
from ..domain.roles import Role
from ..models import CustomsService, User
from .auth import SessionContext
from .journal import record

_PHONE = re.compile(r"^\+?[0-9 .]{6,20}$")
_POSTCODE = re.compile(r"^\d{5}$")


class ServiceError(ValueError):
    """Refused, with the French reason."""


@dataclass(frozen=True)
class ServiceRow:
    id: int
    name: str
    rue: str
    code_postal: str
    ville: str
    telephone: str
    email: str
    horaires: str
    departements: str  # « 01, 07, 26 »
    agents: str  # « Sophie Martin, … »


@dataclass(frozen=True)
class ServiceInput:
    rue: str
    code_postal: str
    ville: str
    telephone: str
    email: str
    horaires: str
    departements: str


def _require_admin(ctx: SessionContext) -> None:
    if ctx.role is not Role.ADMIN:
        raise PermissionError("Réservé aux administrateurs.")


def services(ctx: SessionContext) -> list[ServiceRow]:
    _require_admin(ctx)
    with session_scope() as db:
        rows = db.exec(select(CustomsService).order_by(col(CustomsService.name))).all()
        agents = db.exec(
            select(User).where(User.role == Role.AGENT.value).order_by(col(User.last_name))
        ).all()
    by_service: dict[int, list[str]] = {}
    for agent in agents:
        if agent.service_id is not None:
            by_service.setdefault(agent.service_id, []).append(
                agent.full_name + ("" if agent.active else " (désactivé)")
            )
    return [
        ServiceRow(
            id=s.id or 0,
            name=s.name,
            rue=s.rue,
            code_postal=s.code_postal,
            ville=s.ville,
            telephone=s.telephone,
            email=s.email,
            horaires=s.horaires,
            departements=", ".join(sorted(covered(s.departements))),
            agents=", ".join(by_service.get(s.id or 0, [])),
        )
        for s in rows
    ]


def _checked(data: ServiceInput) -> tuple[ServiceInput, str]:
    """The input tidied, and the départements as stored (« 01,07,26 »)."""
    known = departement_names()
    codes = [c.strip().upper() for c in re.split(r"[,;\s]+", data.departements) if c.strip()]
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ServiceError(
            f"Département(s) inconnu(s) : {', '.join(unknown[:5])}. Saisissez des numéros (01, 2A, 974…)."
        )
    if data.code_postal.strip() and not _POSTCODE.match(data.code_postal.strip()):
        raise ServiceError("Le code postal compte cinq chiffres.")
    if data.telephone.strip() and not _PHONE.match(data.telephone.strip()):
        raise ServiceError(
            "Le numéro de téléphone ne contient que des chiffres, des espaces et un « + » initial."
        )
    if data.email.strip() and email_refused(data.email):
        raise ServiceError(email_refused(data.email))
    for value, label, limit in (
        (data.rue, "adresse", 120),
        (data.ville, "ville", 60),
        (data.horaires, "horaires", 200),
    ):
        if len(value.strip()) > limit:
            raise ServiceError(f"{label.capitalize()} : {limit} caractères au plus.")
    return data, ",".join(sorted(set(codes)))


def update_service(ctx: SessionContext, service_id: int, data: ServiceInput) -> None:
    """Contact details and départements; a département covered by another service is refused (the
    competent service must be one)."""
    _require_admin(ctx)
    data, departements = _checked(data)
    with session_scope() as db:
        service = db.get(CustomsService, service_id)
        if service is None:
            raise ServiceError("Ce service n'existe pas.")
        wanted = covered(departements)
        for other in db.exec(select(CustomsService).where(CustomsService.id != service_id)).all():
            shared = wanted & covered(other.departements)
            if shared:
                raise ServiceError(
                    f"Département(s) {', '.join(sorted(shared))} déjà couvert(s) par « {other.name} » : retirez-les d'abord de ce service."
                )
        before = {
            "rue": service.rue,
            "code_postal": service.code_postal,
            "ville": service.ville,
            "telephone": service.telephone,
            "email": service.email,
            "horaires": service.horaires,
            "departements": service.departements,
        }
        after = {
            "rue": data.rue.strip(),
            "code_postal": data.code_postal.strip(),
            "ville": data.ville.strip(),
            "telephone": data.telephone.strip(),
            "email": data.email.strip().lower(),
            "horaires": data.horaires.strip(),
            "departements": departements,
        }
        changes = [f"{k} : {before[k] or '—'} → {after[k] or '—'}" for k in after if before[k] != after[k]]
        if not changes:
            return
        for key, value in after.items():
            setattr(service, key, value)
        db.add(service)
        record(db, ctx, AdminAction.SERVICE_MODIFIE, service.name, " ; ".join(changes), app_clock.real_now())
