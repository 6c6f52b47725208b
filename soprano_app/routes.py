"""Route paths, in one place."""

from __future__ import annotations

from urllib.parse import quote

CONNEXION = "/connexion"
CGU = "/cgu"
CHOIX_OPERATEUR = "/choix-operateur"
ACCUEIL = "/"
NOUVEAU_DOSSIER = "/nouveau-dossier"
AUTORISATIONS = "/autorisations"
ASSISTANCE = "/assistance"
DOSSIER = "/dossiers/[dossier_id]"
BACK_OFFICE = "/douane"
ADMINISTRATION = "/administration"

API_LOGIN = "/api/connexion"
API_LOGOUT = "/api/deconnexion"


def dossier_path(dossier_id: int | str) -> str:
    return f"/dossiers/{dossier_id}"


def safe_next(path: str | None, default: str = ACCUEIL) -> str:
    """Only same-site absolute paths are accepted as a return address (no open redirect)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return default
    if path.startswith(CONNEXION) or path.startswith("/api/"):
        return default
    return path


def with_next(route: str, next_path: str | None) -> str:
    target = safe_next(next_path, "")
    return f"{route}?suivant={quote(target, safe='/')}" if target and target != ACCUEIL else route
