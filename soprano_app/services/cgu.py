"""The terms of use in force, and the administrator's publication of a new version (every user then
accepts it again at his next page)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import col, select

from .. import app_clock
from ..db import session_scope
from ..domain.accounts import AdminAction
from ..domain.formatting import format_datetime
from ..domain.help import contains_raw_html
from ..domain.roles import Role
from ..models import CguAcceptance, CguVersion
from .auth import SessionContext, current_cgu_version
from .journal import record

MAX_TEXT = 50_000
_VERSION = re.compile(r"^[\w.\-]{1,20}$")


class CguError(ValueError):
    """Refused, with the French reason."""


@dataclass(frozen=True)
class CguInForce:
    version: str
    published_at: str
    text: str  # Markdown published by an administrator; empty: the built-in text


def in_force() -> CguInForce:
    with session_scope() as db:
        version = current_cgu_version(db)
        row = db.get(CguVersion, version)
    return CguInForce(version, format_datetime(row.published_at) if row else "", row.text if row else "")


def publish(ctx: SessionContext, version: str, text: str) -> None:
    """A new version, in force at once: every user must accept it again."""
    if ctx.role is not Role.ADMIN:
        raise PermissionError("Réservé aux administrateurs.")
    label = version.strip()
    if not _VERSION.match(label):
        raise CguError(
            "Nommez la version en lettres, chiffres, points ou tirets (20 caractères au plus), par exemple 2027-01."
        )
    body = text.strip()
    if len(body) < 50:
        raise CguError("Saisissez le texte des conditions (50 caractères au moins).")
    if len(body) > MAX_TEXT:
        raise CguError(f"Le texte est limité à {MAX_TEXT} caractères.")
    if contains_raw_html(body):  # the help pages' rule: Markdown, no raw HTML
        raise CguError("Le HTML brut n'est pas admis : écrivez en Markdown.")
    now = app_clock.real_now()
    with session_scope() as db:
        if db.get(CguVersion, label) is not None:
            raise CguError(f"La version « {label} » existe déjà : choisissez un autre nom.")
        latest = db.exec(
            select(CguVersion.published_at).order_by(col(CguVersion.published_at).desc())
        ).first()
        if latest is not None and latest >= now:
            raise CguError("Une version plus récente est déjà en vigueur.")
        db.add(CguVersion(version=label, published_at=now, text=body, published_by=ctx.full_name[:140]))
        db.flush()
        db.add(CguAcceptance(user_id=ctx.user_id, version=label, accepted_at=now))  # its publisher accepts it
        record(db, ctx, AdminAction.CGU_PUBLIEES, f"Version {label}", f"{len(body)} caractères.", now)
