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
from . import revocations
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


def dossier_scope(ctx: SessionContext) -> tuple[Any, ...]:
    """The conditions on ``Dossier`` that restrict a query to what ``ctx`` may see (no join)."""
    if ctx.role is Role.SYSTEME:  # time acts on every dossier; never a web session (no such account)
        return ()
    if ctx.is_customs:
        if ctx.service_id is None:
            raise AccessDenied("Aucun service des douanes n'est rattaché à ce compte.")
        return (
            col(Dossier.service_id) == ctx.service_id,
            col(Dossier.statut) != DossierStatus.BROUILLON.value,
        )
    if ctx.acts_for_companies and ctx.company is not None:
        return (col(Dossier.company_id) == ctx.company.id,)
    raise AccessDenied("Choisissez d'abord l'opérateur pour lequel vous agissez.")


def scope_key(ctx: SessionContext) -> str:
    """Names the scope of ``dossier_scope`` (for caches shared by the sessions of one scope)."""
    if ctx.is_customs:
        return f"service:{ctx.service_id}"
    return f"company:{ctx.company.id}" if ctx.company is not None else f"role:{ctx.role.value}"


def changed_in_lists(db: Any, dossier: Dossier) -> None:
    """A dossier came, went or changed status: its scopes' cached list counts are stale once the
    transaction commits (``services/revocations.py`` tells the other workers)."""
    revocations.revoke_after_commit(
        db,
        revocations.dossiers_of(f"company:{dossier.company_id}"),
        revocations.dossiers_of(f"service:{dossier.service_id}"),
    )


def scoped_dossiers(ctx: SessionContext) -> Any:
    """SELECT (Dossier, Company.raison_sociale) restricted to what ``ctx`` may see."""
    query = select(Dossier, Company.raison_sociale).join(Company, col(Company.id) == Dossier.company_id)
    return query.where(*dossier_scope(ctx))


def require_right(ctx: SessionContext, right: Right) -> None:
    """The operator's side acts within its role in the company (domain/company_roles.py); customs
    and the system are not concerned."""
    if ctx.acts_for_companies:
        problem = refused(ctx.company_role, right)
        if problem:
            raise AccessDenied(problem)
