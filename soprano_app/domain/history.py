"""Kinds of entries in a dossier's history (guide §4, spec §3.9)."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    CREATION = "creation"
    TRANSITION = "transition"
    COMMENTAIRE = "commentaire"
    PIECE_JOINTE = "piece_jointe"
    DELAI = "delai"  # a time limit passed without changing the status (the system tells both sides)
    SUIVI = "suivi"  # « Suivi par » changed (domain/assignment.py): internal to the customs service


EVENT_KIND_LABELS: dict[EventKind, str] = {
    EventKind.CREATION: "Création du dossier",
    EventKind.TRANSITION: "Changement de statut",
    EventKind.COMMENTAIRE: "Commentaire",
    EventKind.PIECE_JOINTE: "Pièce jointe",
    EventKind.DELAI: "Délai dépassé",
    EventKind.SUIVI: "Suivi du dossier",
}
