"""HTTP routes beside the Reflex app: login and logout (HttpOnly cookie), health check.

The session cookie can only be HttpOnly if the server sets it, hence these routes: the login page
posts the credentials here with ``fetch`` and then reloads, so that the websocket reconnects with
the cookie. The password never travels through the Reflex state.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Form, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text

from . import routes
from .db import MAX_ID, get_engine
from .domain.forms import goods_import
from .domain.roles import DOSSIER_ROLES, Role
from .domain.spreadsheets import csv_bytes, xlsx_bytes
from .services import (
    attachments,
    auth,
    companies,
    dashboard,
    dossier_archive,
    exports,
    letters,
    printing,
    survey,
    tickets,
    vault,
)
from .services.access import AccessDenied
from .services.security import SESSION_COOKIE
from .settings import settings

api = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

CSRF_HEADER = "x-soprano-request"
PRIVATE = {"Cache-Control": "private, no-store"}


def _same_origin(request: Request) -> bool:
    """Reject cross-site posts: a custom header (forces a CORS preflight) and, when the browser
    says where the page came from, one of the application's own origins."""
    if request.headers.get(CSRF_HEADER) != "1":
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin.rstrip("/") in settings.allowed_origins


def client_address(request: Request) -> str:
    """The caller's address; behind ``SOPRANO_TRUSTED_PROXY_HOPS`` proxies, the address the
    nearest trusted proxy saw (read from the right of X-Forwarded-For, so it cannot be forged)."""
    hops = settings.trusted_proxy_hops
    if hops > 0:
        forwarded = [a.strip() for a in request.headers.get("x-forwarded-for", "").split(",") if a.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.client.host if request.client else ""


def _refused() -> JSONResponse:
    return JSONResponse({"ok": False, "message": "Requête refusée."}, status_code=403)


@api.post(routes.API_LOGIN)
async def login(
    request: Request,
    identifiant: str = Form(""),
    mot_de_passe: str = Form(""),
    suivant: str = Form(""),
) -> JSONResponse:
    if not _same_origin(request):
        return _refused()
    result = await asyncio.to_thread(
        auth.authenticate, identifiant, mot_de_passe, None, client_address(request)
    )
    if not result.ok:
        return JSONResponse({"ok": False, "message": result.message}, status_code=401)
    response = JSONResponse({"ok": True, "redirect": routes.safe_next(suivant)})
    response.set_cookie(
        SESSION_COOKIE,
        result.token or "",
        httponly=True,
        samesite="strict",
        secure=settings.cookie_secure,
        path="/",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@api.post(routes.API_LOGOUT)
async def logout(request: Request) -> JSONResponse:
    if not _same_origin(request):
        return _refused()
    token = request.cookies.get(SESSION_COOKIE, "")
    # The cookie goes whatever happens; the answer says whether the session is closed on the server
    # too, or will be as soon as the database answers (it is refused meanwhile).
    closed = await asyncio.to_thread(auth.end_session, token)
    response = JSONResponse({"ok": True, "closed": closed})
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=settings.cookie_secure
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def row_id(raw: str) -> int | None:
    """An id from a URL: digits only, within what a database column holds; None otherwise."""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19:
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None


def _not_found(message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=404, headers=PRIVATE)


def _stored_file(data: bytes, media_type: str, file_name: str) -> Response:
    """A private file from the storage (disk or database: bytes either way, at most
    SOPRANO_MAX_FILE_MB), always downloaded, never rendered. Content-Disposition as Starlette's
    FileResponse writes it: the plain name, or RFC 5987's encoded form when it is not plain ASCII."""
    quoted = quote(file_name)
    disposition = (
        f"attachment; filename*=utf-8''{quoted}"
        if quoted != file_name
        else f'attachment; filename="{file_name}"'
    )
    return Response(
        data,
        media_type=media_type,
        headers=PRIVATE | {"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"},
    )


@api.get(routes.API_PIECE)
async def download_attachment(raw_id: str, request: Request) -> Response:
    """Private download: only for sessions that may see the attachment's dossier."""
    attachment_id = row_id(raw_id)
    if attachment_id is None:
        return _not_found("Pièce jointe introuvable.")
    token = request.cookies.get(SESSION_COOKIE, "")
    ctx = await asyncio.to_thread(auth.resolve_session, token) if token else None
    if ctx is None:
        return JSONResponse({"detail": "Connexion requise."}, status_code=401, headers=PRIVATE)
    found = await asyncio.to_thread(attachments.for_download, ctx, attachment_id)
    if found is None:  # unknown, removed or not yours: the same answer
        return JSONResponse({"detail": "Pièce jointe introuvable."}, status_code=404, headers=PRIVATE)
    return _stored_file(found.data, found.media_type, found.file_name)


@api.get(routes.API_AUTORISATION_PDF)
async def print_authorisation(raw_id: str, request: Request) -> Response:
    """The authorisation as a PDF, for the holder's users and the issuing service only: the current
    version as issued, or with ``?date=AAAA-MM-JJ`` the authorisation as it stood that day."""
    authorisation_id = row_id(raw_id)
    if authorisation_id is None:
        return _not_found("Autorisation introuvable.")
    token = request.cookies.get(SESSION_COOKIE, "")
    ctx = await asyncio.to_thread(auth.resolve_session, token) if token else None
    if ctx is None:
        return JSONResponse({"detail": "Connexion requise."}, status_code=401, headers=PRIVATE)
    on = None
    raw_date = request.query_params.get("date", "")
    if raw_date:
        try:
            on = date.fromisoformat(raw_date)
        except ValueError:
            return JSONResponse(
                {"detail": "Date invalide : attendu AAAA-MM-JJ."}, status_code=400, headers=PRIVATE
            )
    found = await asyncio.to_thread(printing.printable, ctx, authorisation_id, on)
    if found is None:
        return JSONResponse({"detail": "Autorisation introuvable."}, status_code=404, headers=PRIVATE)
    file_name, data = found
    return Response(
        data,
        media_type="application/pdf",
        headers=PRIVATE
        | {
            "Content-Disposition": f'attachment; filename="{file_name}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


async def _letter(request: Request, raw_id: str, raw_event: str, make: Any) -> Response:
    record_id, event_id = row_id(raw_id), row_id(raw_event)
    if record_id is None or event_id is None:
        return _not_found("Lettre introuvable.")
    token = request.cookies.get(SESSION_COOKIE, "")
    ctx = await asyncio.to_thread(auth.resolve_session, token) if token else None
    if ctx is None:
        return JSONResponse({"detail": "Connexion requise."}, status_code=401, headers=PRIVATE)
    found = await asyncio.to_thread(make, ctx, record_id, event_id)
    if found is None:  # unknown, not a decision, or not yours: the same answer
        return _not_found("Lettre introuvable.")
    file_name, data = found
    return Response(
        data,
        media_type="application/pdf",
        headers=PRIVATE
        | {"Content-Disposition": f'attachment; filename="{file_name}"', "X-Content-Type-Options": "nosniff"},
    )


@api.get(routes.API_DOSSIER_LETTRE)
async def dossier_letter(raw_id: str, raw_event: str, request: Request) -> Response:
    """The decision letter of one step of an application (PDF), for who may see the dossier."""
    return await _letter(request, raw_id, raw_event, letters.dossier_letter)


@api.get(routes.API_AUTORISATION_LETTRE)
async def authorisation_letter(raw_id: str, raw_event: str, request: Request) -> Response:
    """The decision letter of one step in the life of an authorisation (PDF)."""
    return await _letter(request, raw_id, raw_event, letters.authorisation_letter)


@api.get(routes.API_TICKET_CAPTURE)
async def ticket_screenshot(raw_id: str, request: Request) -> Response:
    """The screenshot of a support request: for its author and the support only."""
    ticket_id = row_id(raw_id)
    ctx = await _session(request)
    if ctx is None:
        return JSONResponse({"detail": "Connexion requise."}, status_code=401, headers=PRIVATE)
    found = await asyncio.to_thread(tickets.screenshot, ctx, ticket_id) if ticket_id is not None else None
    if found is None:
        return _not_found("Capture introuvable.")
    data, name, media_type = found
    return _stored_file(data, media_type, name)


@api.get(routes.API_MANDAT_DOCUMENT)
async def mandate_document(raw_id: str, request: Request) -> Response:
    """A mandate's signed document: the administrator and the representative it names."""
    mandate_id = row_id(raw_id)
    ctx = await _session(request)
    if ctx is None:
        return JSONResponse({"detail": "Connexion requise."}, status_code=401, headers=PRIVATE)
    found = (
        await asyncio.to_thread(companies.mandate_document, ctx, mandate_id)
        if mandate_id is not None
        else None
    )
    if found is None:
        return _not_found("Document introuvable.")
    data, name = found
    return _stored_file(data, "application/pdf", name)


@api.get(routes.API_AVIS_CSV)
async def survey_export(request: Request) -> Response:
    """The survey's answers as CSV (administrator only)."""
    ctx = await _session(request)
    if ctx is None or ctx.role is not Role.ADMIN:
        return _not_found("Introuvable.")
    data = await asyncio.to_thread(survey.export_csv, ctx)
    return Response(
        data,
        media_type="text/csv; charset=utf-8",
        headers=PRIVATE | {"Content-Disposition": 'attachment; filename="avis-utilisateurs.csv"'},
    )


@api.get(routes.API_DOCUMENT)
async def download_document(raw_id: str, request: Request) -> Response:
    """A document of the company's vault: for the sessions acting for that company."""
    document_id = row_id(raw_id)
    ctx = await _session(request)
    if ctx is None:
        return JSONResponse({"detail": "Connexion requise."}, status_code=401, headers=PRIVATE)
    found = await asyncio.to_thread(vault.download, ctx, document_id) if document_id is not None else None
    if found is None:
        return _not_found("Document introuvable.")
    return _stored_file(found.data, found.media_type, found.file_name)


@api.get(routes.API_MODELE_MARCHANDISES)
async def goods_model(raw_kind: str, request: Request) -> Response:
    """The goods import's model: the goods table's column titles, nothing else (any logged-in user)."""
    if raw_kind not in exports.KINDS or await _session(request) is None:
        return _not_found("Introuvable.")
    headers = goods_import.headers()
    data = (
        csv_bytes(headers, [])
        if raw_kind == "csv"
        else await asyncio.to_thread(xlsx_bytes, "Marchandises", headers, [])
    )
    return _stored_file(data, exports.KINDS[raw_kind], f"modele-marchandises.{raw_kind}")


@api.get(routes.API_DOSSIER_ZIP)
async def dossier_complete(raw_id: str, request: Request) -> Response:
    """« Dossier complet » (ZIP): for the sessions that may see the dossier, as they see it."""
    dossier_id = row_id(raw_id)
    ctx = await _session(request)
    if ctx is None:
        return JSONResponse({"detail": "Connexion requise."}, status_code=401, headers=PRIVATE)
    if dossier_id is None or ctx.role not in DOSSIER_ROLES or ctx.needs_company_choice:
        return _not_found("Dossier introuvable.")
    try:
        found = await asyncio.to_thread(dossier_archive.dossier_zip, ctx, dossier_id)
    except AccessDenied:
        found = None
    if found is None:
        return _not_found("Dossier introuvable.")
    name, data = found
    return _stored_file(data, "application/zip", name)


@api.get(routes.API_DOSSIERS_EXPORT)
async def dossiers_export(request: Request, raw_kind: str) -> Response:
    """The dossier list of the session's scope as shown (statuses, search, follow-up, order), to CSV
    or XLSX. Every parameter is checked here: an unknown one is ignored, never trusted."""
    ctx = await _session(request)
    if ctx is None:
        return JSONResponse({"detail": "Connexion requise."}, status_code=401, headers=PRIVATE)
    if raw_kind not in exports.KINDS or ctx.role not in DOSSIER_ROLES or ctx.needs_company_choice:
        return _not_found("Introuvable.")
    chosen = _list_filter(request.query_params)
    try:
        name, data, media = await asyncio.to_thread(exports.dossier_list_file, ctx, chosen, raw_kind)
    except AccessDenied:
        return _not_found("Introuvable.")
    return _stored_file(data, media, name)


def _list_filter(params: Any) -> dashboard.ListFilter:
    return dashboard.list_filter(
        str(params.get("statuts", ""))[:100].split(","),
        search=params.get("recherche", ""),
        follow=params.get("suivi", ""),
        sort=params.get("tri", ""),
        order=params.get("ordre", ""),
        regime=params.get("regime", ""),
        type_demande=params.get("type_demande", ""),
        overdue=params.get("en_retard") == "1",
    )


async def _session(request: Request) -> auth.SessionContext | None:
    token = request.cookies.get(SESSION_COOKIE, "")
    return await asyncio.to_thread(auth.resolve_session, token) if token else None


@api.get("/healthz")
async def healthz() -> JSONResponse:
    """For the load balancer and the service manager: 200 when this worker reaches its database (and
    Redis, when several workers share it), 503 otherwise."""
    checks = await asyncio.to_thread(_health_checks)
    ok = all(checks.values())
    return JSONResponse({"status": "ok" if ok else "indisponible", **checks}, status_code=200 if ok else 503)


def _health_checks() -> dict[str, bool]:
    checks: dict[str, bool] = {}
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["db"] = True
    except Exception:  # any failure means: do not send users here
        checks["db"] = False
    if settings.redis_url:
        import redis

        try:
            checks["redis"] = bool(redis.Redis.from_url(settings.redis_url, socket_timeout=2).ping())
        except redis.RedisError:
            checks["redis"] = False
    return checks
