"""Route paths, in one place."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote, urlsplit

CONNEXION = "/connexion"
CGU = "/cgu"
CHOIX_OPERATEUR = "/choix-operateur"
ACCUEIL = "/"
NOUVEAU_DOSSIER = "/nouveau-dossier"
AUTORISATIONS = "/autorisations"
DOCUMENTS = "/documents"  # « Documents de l'entreprise »: kept once, joined to dossiers from there
PORTEFEUILLE = "/portefeuille"  # a representative's dossiers and authorisations across his companies
ASSISTANCE = "/assistance"
AIDE = "/aide"  # the help centre: public
AIDE_PAGE = "/aide/[slug]"
AIDE_CHAMP = "/aide/champs/[champ]"
QUESTIONS = "/questions"  # questions to a customs service: the asker's side and the service's agents
QUESTION = "/questions/[question_id]"
ASSISTANCE_TECHNIQUE = "/assistance/technique"  # « ?page=/dossiers/42 »: the page it was opened from
TICKET = "/assistance/technique/[ticket_id]"
SUPPORT = "/support"  # the support's queue (administrator)
AVIS = "/avis"  # « Votre avis nous intéresse » (« ?etape=apres_depot » after a submission)
ADMIN_AVIS = "/administration/avis"
ADMIN_JOURNAL = "/administration/journal"
ADMIN_SERVICES = "/administration/services"
ADMIN_CGU = "/administration/cgu"
ADMIN_ENTREPRISES = "/administration/entreprises"
MOT_DE_PASSE = "/mot-de-passe"  # « ?jeton=… »: choose a password from an activation or reset link (public)
MOT_DE_PASSE_OUBLIE = "/mot-de-passe-oublie"  # public
MON_COMPTE = "/mon-compte"  # « Changer mon mot de passe »
DOSSIER = "/dossiers/[dossier_id]"
# The form is a static route (« ?dossier=42 », then « &rubrique=… »): the build pre-renders its shell,
# which paints before the catalogue's JavaScript has loaded (a dynamic route waits for it).
FORMULAIRE = "/formulaire"
FORMULAIRE_ANCIEN = "/dossiers/[dossier_id]/formulaire"  # links of earlier releases, sent on to FORMULAIRE
RECAPITULATIF = "/dossiers/[dossier_id]/recapitulatif"
CONFIRMATION = "/dossiers/[dossier_id]/confirmation"
AUTORISATION = "/autorisations/[autorisation_id]"
VERIFICATION = "/verification/[jeton]"  # public: a printed authorisation checked without login
NOTIFICATIONS = "/notifications"
BACK_OFFICE = "/douane"
PILOTAGE = "/douane/pilotage"  # « Pilotage du service »: counts, ages, due dates, speed, workload
ADMINISTRATION = "/administration"

# Every page of the application (a test checks this against the registered pages).
PAGE_ROUTES = (
    CONNEXION,
    CGU,
    CHOIX_OPERATEUR,
    ACCUEIL,
    NOUVEAU_DOSSIER,
    AUTORISATIONS,
    AUTORISATION,
    PORTEFEUILLE,
    DOCUMENTS,
    VERIFICATION,
    ASSISTANCE,
    AIDE,
    AIDE_PAGE,
    AIDE_CHAMP,
    QUESTIONS,
    QUESTION,
    ASSISTANCE_TECHNIQUE,
    TICKET,
    SUPPORT,
    AVIS,
    ADMIN_AVIS,
    ADMIN_JOURNAL,
    ADMIN_SERVICES,
    ADMIN_CGU,
    ADMIN_ENTREPRISES,
    MOT_DE_PASSE,
    MOT_DE_PASSE_OUBLIE,
    MON_COMPTE,
    DOSSIER,
    FORMULAIRE,
    FORMULAIRE_ANCIEN,
    RECAPITULATIF,
    CONFIRMATION,
    NOTIFICATIONS,
    BACK_OFFICE,
    PILOTAGE,
    ADMINISTRATION,
)

API_LOGIN = "/api/connexion"
API_LOGOUT = "/api/deconnexion"
API_PIECE = "/api/pieces/{raw_id}"
API_AUTORISATION_PDF = "/api/autorisations/{raw_id}/pdf"
API_DOSSIER_LETTRE = "/api/dossiers/{raw_id}/lettres/{raw_event}"
API_AUTORISATION_LETTRE = "/api/autorisations/{raw_id}/lettres/{raw_event}"
API_TICKET_CAPTURE = "/api/assistance/{raw_id}/capture"
API_AVIS_CSV = "/api/administration/avis.csv"
API_DOCUMENT = "/api/documents/{raw_id}"  # a document of the company's vault
API_MODELE_MARCHANDISES = "/api/modeles/marchandises.{raw_kind}"  # the goods import's model file
API_DOSSIER_ZIP = "/api/dossiers/{raw_id}/dossier-complet.zip"  # « Télécharger le dossier complet »
API_DOSSIERS_EXPORT = "/api/dossiers/export.{raw_kind}"  # the list as shown: ?statuts=…&tri=…&recherche=…
API_MANDAT_DOCUMENT = "/api/mandats/{raw_id}/document"


# Links to one record. Each takes an id, or a Reflex var holding it as text (pages build links from
# their state): "/dossiers/" + var is a var too.
def _link(prefix: str, record_id: Any, suffix: str = "") -> Any:
    return prefix + (str(record_id) if isinstance(record_id, int) else record_id) + suffix


def dossier_path(dossier_id: Any) -> Any:
    return _link("/dossiers/", dossier_id)


DOSSIER_PARAMETER = "dossier"  # the form's query parameter


def formulaire_path(dossier_id: Any) -> Any:
    return _link(f"{FORMULAIRE}?{DOSSIER_PARAMETER}=", dossier_id)


def recapitulatif_path(dossier_id: Any) -> Any:
    return _link("/dossiers/", dossier_id, "/recapitulatif")


def confirmation_path(dossier_id: Any) -> Any:
    return _link("/dossiers/", dossier_id, "/confirmation")


def document_path(document_id: Any) -> Any:
    return _link("/api/documents/", document_id)


def dossier_zip_path(dossier_id: Any) -> Any:
    return _link("/api/dossiers/", dossier_id, "/dossier-complet.zip")


def authorisation_path(authorisation_id: Any) -> Any:
    return _link("/autorisations/", authorisation_id)


# « Autorisations délivrées », only those ending within 90 days (the link of the back office's notice).
EXPIRING_FILTER = ("filtre", "echeance")
AUTORISATIONS_EXPIRING = f"{AUTORISATIONS}?{EXPIRING_FILTER[0]}={EXPIRING_FILTER[1]}"
STATUS_FILTER = "statut"  # « Autorisations » filtered by status: ?statut=SUSPENDUE


def verification_path(token: Any) -> Any:
    return _link("/verification/", token)


def authorisation_pdf_path(authorisation_id: Any) -> Any:
    return _link("/api/autorisations/", authorisation_id, "/pdf")


def dossier_letter_path(dossier_id: int, event_id: int) -> str:
    return f"/api/dossiers/{dossier_id}/lettres/{event_id}"


def authorisation_letter_path(authorisation_id: int, event_id: int) -> str:
    return f"/api/autorisations/{authorisation_id}/lettres/{event_id}"


def help_path(slug: Any) -> Any:
    return "/aide/" + slug


def field_help_path(field_id: Any) -> Any:
    return "/aide/champs/" + field_id


def question_path(question_id: Any) -> Any:
    return _link("/questions/", question_id)


def ticket_path(ticket_id: Any) -> Any:
    return _link("/assistance/technique/", ticket_id)


def ticket_screenshot_path(ticket_id: int) -> str:
    return f"/api/assistance/{ticket_id}/capture"


def piece_path(attachment_id: Any) -> Any:
    return _link("/api/pieces/", attachment_id)


def id_in_path(path: str, position: int = 1) -> int:
    """The id at ``position`` of a path (« /dossiers/42/formulaire » → 42), 0 if there is none."""
    parts = [p for p in (path or "").split("/") if p]
    return id_of(parts[position] if len(parts) > position else "")


def id_of(raw: Any) -> int:
    """An id written in a URL (« 42 »), 0 if it is not one."""
    raw = raw if isinstance(raw, str) else ""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else 0


def _pattern(route: str) -> re.Pattern[str]:
    """« /dossiers/[dossier_id] » → a regular expression matching « /dossiers/42 »."""
    parts = [r"\d{1,18}" if p.startswith("[") else re.escape(p) for p in route.strip("/").split("/")]
    return re.compile("/" + "/".join(parts) if route != "/" else "/")


# Pages a user may be sent back to after logging in (not the login page itself).
_RETURN_PATTERNS = tuple(_pattern(r) for r in PAGE_ROUTES if r != CONNEXION)
_SAFE_CHARACTERS = re.compile(r"[A-Za-z0-9/_.~=&%+,-]*(\?[A-Za-z0-9/_.~=&%+,-]*)?")
MAX_NEXT_LENGTH = 512


def safe_next(path: str | None, default: str = ACCUEIL) -> str:
    """A return address after login, only if it is a page of this application.

    The address is parsed, decoded and matched against the known routes: no scheme, no host, no
    control character or backslash (browsers drop tabs and turn « \\ » into « / », which makes
    « /%09/evil.example » or « /\\evil.example » leave the site), no « // ».
    """
    if not isinstance(path, str) or not path or len(path) > MAX_NEXT_LENGTH:
        return default
    if not _SAFE_CHARACTERS.fullmatch(path):
        return default
    decoded = unquote(path)
    if decoded != path and not _SAFE_CHARACTERS.fullmatch(decoded.replace(" ", "+")):
        return default
    parts = urlsplit(decoded)
    if parts.scheme or parts.netloc or "//" in parts.path or parts.fragment:
        return default
    page = parts.path.rstrip("/") or "/"  # the static server may add a slash: « /douane/ »
    if not any(p.fullmatch(page) for p in _RETURN_PATTERNS):
        return default
    return page + (f"?{parts.query}" if parts.query else "")


def with_next(route: str, next_path: str | None) -> str:
    target = safe_next(next_path, "")
    return f"{route}?suivant={quote(target, safe='/')}" if target and target != ACCUEIL else route
