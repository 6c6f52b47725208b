"""Who uses the service: the roles of the accounts, and the side of a dossier each one acts on."""

from __future__ import annotations

from enum import StrEnum

from .statuses import Side


class Role(StrEnum):
    OPERATEUR = "operateur"
    REPRESENTANT = "representant"
    AGENT = "agent"
    ADMIN = "admin"
    SYSTEME = "systeme"  # the scheduler, when a period ends: no account ever has this role


ROLE_LABELS: dict[Role, str] = {
    Role.OPERATEUR: "Opérateur",
    Role.REPRESENTANT: "Représentant",
    Role.AGENT: "Agent des douanes",
    Role.ADMIN: "Administrateur",
    Role.SYSTEME: "Système",
}

OPERATOR_ROLES = frozenset({Role.OPERATEUR, Role.REPRESENTANT})  # act for a company
CUSTOMS_ROLES = frozenset({Role.AGENT})  # act for a customs service
DOSSIER_ROLES = OPERATOR_ROLES | CUSTOMS_ROLES  # may open a dossier
ADMIN_ROLES = frozenset({Role.ADMIN})


def side_of(role: Role) -> Side | None:
    """The side of a dossier a role acts on; None for the administrator, who acts on none."""
    if role in CUSTOMS_ROLES:
        return Side.CUSTOMS
    if role in OPERATOR_ROLES:
        return Side.OPERATOR
    if role is Role.SYSTEME:
        return Side.SYSTEM
    return None
