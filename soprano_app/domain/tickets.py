"""« Assistance technique »: requests to the team that runs the service (the support side is the
administrator). Categories, statuses, the reference number and what a screenshot may be."""

from __future__ import annotations

import re
from enum import StrEnum

from .attachments import AcceptedFile, FileKind, Limits

MAX_DESCRIPTION = 4000
MAX_PAGE = 200
SCREENSHOT_LIMITS = Limits(max_file_bytes=5 * 1024 * 1024, max_dossier_bytes=5 * 1024 * 1024)
SCREENSHOT_KINDS = frozenset({FileKind.PNG, FileKind.JPEG, FileKind.PDF})


class Category(StrEnum):
    CONNEXION = "connexion"
    FORMULAIRE = "formulaire"
    PIECES_JOINTES = "pieces_jointes"
    AUTRE = "autre"


CATEGORY_LABELS = {
    Category.CONNEXION: "Connexion, compte",
    Category.FORMULAIRE: "Formulaire de demande",
    Category.PIECES_JOINTES: "Pièces jointes",
    Category.AUTRE: "Autre",
}


class TicketStatus(StrEnum):
    OUVERTE = "ouverte"  # waits for the support
    REPONDUE = "repondue"
    CLOSE = "close"


STATUS_LABELS = {
    TicketStatus.OUVERTE: "En attente du support",
    TicketStatus.REPONDUE: "Répondue",
    TicketStatus.CLOSE: "Close",
}

_PATH = re.compile(r"^/[\w\-/.\[\]]*$")
_DOSSIER_QUERY = re.compile(r"^dossier=\d{1,18}$")  # the form's page names its dossier this way


def reference(year: int, ticket_id: int) -> str:
    """« AST-2026-000012 »: what the user quotes (assistance technique, year, number)."""
    return f"AST-{year}-{ticket_id:06d}"


def category_refused(category: str) -> str:
    return "" if category in {c.value for c in Category} else "Choisissez la catégorie de votre demande."


def description_refused(text: str) -> str:
    stripped = text.strip()
    if len(stripped) < 10:
        return "Décrivez le problème (10 caractères au moins) : ce que vous faisiez, ce qui s'est affiché."
    if len(stripped) > MAX_DESCRIPTION:
        return f"La description est limitée à {MAX_DESCRIPTION} caractères."
    return ""


def clean_page(page: str) -> str:
    """The page concerned, as a path of this application (anything else is dropped)."""
    path, _, query = page.strip().split("#", 1)[0][:MAX_PAGE].partition("?")
    if not _PATH.match(path):
        return ""
    dossier = query.split("&", 1)[0]
    return f"{path}?{dossier}" if _DOSSIER_QUERY.match(dossier) else path


def screenshot_refused(accepted: AcceptedFile) -> str:
    """On top of the attachments' checks (name, size, real format): an image or a PDF."""
    if accepted.kind not in SCREENSHOT_KINDS:
        return "La capture d'écran doit être une image PNG ou JPEG, ou un PDF."
    return ""
