"""Roles inside a company (as in the EU Trader Portal): what each user of an operator may do.

« Consultation » reads; « Préparation » also creates and edits drafts; « Dépôt » also files them,
answers customs, withdraws, asks for avenants and renewals, and acts on the authorisations. A
representative acting under a mandate files for the company: « Dépôt »."""

from __future__ import annotations

from enum import StrEnum


class CompanyRole(StrEnum):
    CONSULTATION = "consultation"
    PREPARATION = "preparation"
    DEPOT = "depot"


class Right(StrEnum):
    PREPARER = "preparer"  # create, edit and delete drafts, their attachments
    DEPOSER = "deposer"  # file, reply, comment, withdraw, act on authorisations


COMPANY_ROLE_LABELS = {
    CompanyRole.CONSULTATION: "Consultation",
    CompanyRole.PREPARATION: "Préparation",
    CompanyRole.DEPOT: "Dépôt",
}

RIGHTS: dict[CompanyRole, frozenset[Right]] = {
    CompanyRole.CONSULTATION: frozenset(),
    CompanyRole.PREPARATION: frozenset({Right.PREPARER}),
    CompanyRole.DEPOT: frozenset({Right.PREPARER, Right.DEPOSER}),
}


def role_of(value: str | None) -> CompanyRole:
    """A stored role; anything unknown reads as the most restricted one."""
    try:
        return CompanyRole(value or "")
    except ValueError:
        return CompanyRole.CONSULTATION


def allows(role: str | None, right: Right) -> bool:
    return right in RIGHTS[role_of(role)]


def refused(role: str | None, right: Right) -> str:
    """Why the role does not allow ``right``, in French, or ""."""
    if allows(role, right):
        return ""
    label = COMPANY_ROLE_LABELS[role_of(role)]
    if right is Right.PREPARER:
        return f"Votre rôle dans l'entreprise (« {label} ») permet de consulter les dossiers, pas de les modifier."
    return (
        f"Votre rôle dans l'entreprise (« {label} ») ne permet pas de déposer une demande, de répondre au service "
        "des douanes ni d'agir sur une autorisation : demandez-le à un collègue habilité au « Dépôt »."
    )
