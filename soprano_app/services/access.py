"""Which dossiers a session may see. Every query on dossiers starts from ``scoped_dossiers``.

An operator or representative sees the dossiers of the company he acts for; a customs officer
the non-draft dossiers of his service; nobody else sees any.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from ..domain.company_roles import Right, refused
from ..domain.roles import Role, side_of
from ..domain.statuses import DossierStatus, Side
from ..models import Company, Dossier
from .auth import SessionContext


class AccessDenied(PermissionError):
    """The session has no dossier scope (no acting company, no customs service, wrong role)."""


def acting_side(ctx: SessionContext) -> Side:
    """The side of a dossier the session acts on (``domain.roles.side_of``); none for the
    administrator, who acts on no dossier."""
    side = side_of(ctx.role)
    if side is None:
        raise AccessDenied("Votre rôle ne permet pas d'agir sur les dossiers.")
    return side


def scoped_dossiers(ctx: SessionContext) -> Any:
    """SELECT (Dossier, Company.raison_sociale) restricted to what ``ctx`` may see."""
    query = select(Dossier, Company.raison_sociale).join(Company, col(Company.id) == Dossier.company_id)
    if ctx.role is Role.SYSTEME:  # time acts on every dossier; never a web session (no such account)
        return query
    if ctx.is_customs:
        if ctx.service_id is None:
            raise AccessDenied("Aucun service des douanes n'est rattaché à ce compte.")
        return query.where(Dossier.service_id == ctx.service_id).where(
            Dossier.statut != DossierStatus.BROUILLON.value
        )
    if ctx.acts_for_companies and ctx.company is not None:
        return query.where(Dossier.company_id == ctx.company.id)
    raise AccessDenied("Choisissez d'abord l'opérateur pour lequel vous agissez.")


def require_right(ctx: SessionContext, right: Right) -> None:
    """The operator's side acts within its role in the company (domain/company_roles.py); customs
    and the system are not concerned."""
    if ctx.acts_for_companies:
        problem = refused(ctx.company_role, right)
        if problem:
            raise AccessDenied(problem)
