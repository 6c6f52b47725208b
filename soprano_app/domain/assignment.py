"""« Suivi par »: which agent of the service follows a dossier, and who may change it.

An agent of the dossier's service takes a dossier for himself; the service's lead (« responsable
du service ») assigns it to any active agent of the service, or releases it. Entries of the history
about it are internal to the service: the applicant never sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .statuses import FINAL_STATUSES, DossierStatus


class Move(StrEnum):
    TAKE = "prendre"  # « Prendre en charge »: the agent himself
    ASSIGN = "affecter"  # the lead, to an agent of the service
    RELEASE = "liberer"  # nobody follows it any more


@dataclass(frozen=True)
class Actor:
    user_id: int
    full_name: str
    is_lead: bool


@dataclass(frozen=True)
class Agent:
    """An account that may follow the dossiers of a service."""

    user_id: int
    full_name: str
    active: bool


def refusal(
    move: Move,
    actor: Actor,
    status: DossierStatus,
    current: int | None,
    target: Agent | None = None,
) -> str:
    """Why ``actor`` may not make ``move`` on a dossier of his service (French), or "" if he may.

    ``current`` is the agent following it now; ``target`` the agent it would be assigned to.
    """
    if status is DossierStatus.BROUILLON:
        return "Un brouillon n'est pas encore suivi par le service."
    if status in FINAL_STATUSES and move is not Move.RELEASE:
        return "Ce dossier est clos : son suivi ne change plus."
    if move is Move.TAKE:
        if current == actor.user_id:
            return "Vous suivez déjà ce dossier."
        if current is not None and not actor.is_lead:
            return (
                "Ce dossier est suivi par un autre agent : seul le responsable du service peut le réaffecter."
            )
        return ""
    if not actor.is_lead:
        if move is Move.RELEASE and current == actor.user_id:
            return ""  # an agent may give back what he took
        return "Seul le responsable du service peut affecter ou libérer les dossiers des autres agents."
    if move is Move.ASSIGN:
        if target is None or not target.active:
            return "Choisissez un agent actif du service."
        if target.user_id == current:
            return f"Ce dossier est déjà suivi par {target.full_name}."
        return ""
    if current is None:
        return "Ce dossier n'est suivi par aucun agent."
    return ""


def history_message(move: Move, actor: Actor, target: Agent | None, previous: str) -> str:
    """The history entry of a change (internal to the service)."""
    if move is Move.TAKE:
        taken = f" (auparavant : {previous})" if previous else ""
        return f"Dossier pris en charge par {actor.full_name}{taken}."
    if move is Move.ASSIGN:
        assert target is not None
        before = f" (auparavant : {previous})" if previous else ""
        return f"Dossier affecté à {target.full_name} par {actor.full_name}{before}."
    return f"Suivi par {previous} libéré par {actor.full_name}." if previous else "Suivi libéré."


def departure_message(agent_name: str) -> str:
    """When an agent leaves the service (account deactivated or moved): his dossiers are released."""
    return f"Suivi libéré : {agent_name} ne fait plus partie du service. À réaffecter."
