"""ASGI guards in front of the whole application (Reflex pages, its websocket, uploads, our routes).

- ``guard_uploads``: Reflex's upload endpoint enforces no size limit and identifies the tab by its
  client token only. A POST to ``/_upload`` must announce its length (413 before its body is read
  when it exceeds what a dossier may hold; a body longer than announced is cut off) and carry a
  live HttpOnly session cookie (401 otherwise); the session it carries is remembered for the tab,
  and the upload handler refuses the files unless it is the session of the tab's own page.
- ``security_headers``: CSP, frame, referrer and permissions policies, HSTS on HTTPS, on every
  HTTP response.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from functools import cache
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any

from .services.security import SESSION_COOKIE
from .settings import PROJECT_ROOT, settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATH = "/_upload"
MULTIPART_OVERHEAD = 1024 * 1024
UPLOAD_SESSION_TTL = 600.0  # seconds an upload request's session is remembered for its handler


class BodyTooLarge(Exception):
    pass


def max_upload_bytes() -> int:
    return settings.max_dossier_bytes + MULTIPART_OVERHEAD


async def _refuse(send: Send, status: int, text: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": text.encode()})


def cookie_token(raw_cookie_header: str) -> str:
    """The session token in a Cookie header, or an empty string."""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw_cookie_header or "")
    except CookieError:
        return ""
    morsel = jar.get(SESSION_COOKIE)
    return morsel.value if morsel is not None else ""


# --- the session behind each upload request ------------------------------------------------------

# client token of the tab → (session id carried by its upload request, when). Uploads are handled
# by the process that received the request, so a process-local map is enough.
_upload_sessions: dict[str, tuple[int, float]] = {}


def remember_upload_session(client_token: str, session_id: int) -> None:
    now = time.monotonic()
    for key, (_sid, at) in list(_upload_sessions.items()):
        if now - at > UPLOAD_SESSION_TTL:
            del _upload_sessions[key]
    _upload_sessions[client_token] = (session_id, now)


def upload_session_of(client_token: str) -> int | None:
    """The session that the tab's last upload request carried (checked by the guard), if recent."""
    found = _upload_sessions.get(client_token)
    if found is None or time.monotonic() - found[1] > UPLOAD_SESSION_TTL:
        return None
    return found[0]


def _session_id_of(token: str) -> int | None:
    from .services import auth  # the services need the database; imported when a request comes

    ctx = auth.resolve_session(token, None, False)
    return ctx.session_id if ctx is not None else None


def guard_uploads(app: ASGIApp) -> ASGIApp:
    async def guard(scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") != "POST"
            or not scope.get("path", "").startswith(UPLOAD_PATH)
        ):
            await app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"")
        if not declared.isdigit():
            await _refuse(send, 411, "Longueur de la requête requise.")
            return
        if int(declared) > max_upload_bytes():
            await _refuse(send, 413, "Envoi trop volumineux : quota de pièces jointes du dossier dépassé.")
            return
        token = cookie_token(headers.get(b"cookie", b"").decode("latin-1"))
        try:
            session_id = await asyncio.to_thread(_session_id_of, token) if token else None
        except Exception:  # database unreachable: no upload, and a message the user can act on
            await _refuse(send, 503, "Service momentanément indisponible : réessayez dans un instant.")
            return
        if session_id is None:
            await _refuse(send, 401, "Connexion requise : reconnectez-vous pour joindre des fichiers.")
            return
        client_token = headers.get(b"reflex-client-token", b"").decode("latin-1")
        remember_upload_session(client_token, session_id)
        limit = int(declared)
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        try:
            await app(scope, counted, send)
        except BodyTooLarge:
            await _refuse(send, 413, "Envoi plus long qu'annoncé.")

    return guard


# --- security headers ---------------------------------------------------------------------------

_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)


@cache
def inline_script_hashes(build_dir: Path = PROJECT_ROOT / ".web" / "build" / "client") -> tuple[str, ...]:
    """The CSP hashes of the inline scripts of the compiled pages (React Router's bootstrap, the
    theme): the only inline scripts the browser will run. Computed once from the build."""
    found: set[str] = set()
    for page in sorted(build_dir.rglob("*.html")) if build_dir.is_dir() else ():
        for match in _INLINE_SCRIPT.finditer(page.read_bytes()):
            digest = base64.b64encode(hashlib.sha256(match.group(1)).digest()).decode()
            found.add(f"'sha256-{digest}'")
    return tuple(sorted(found))


def content_security_policy() -> str:
    # 'unsafe-eval': Reflex runs the scripts the server sends (rx.call_script) through eval; they
    # are written by this code, never by users. No inline script runs without its hash.
    scripts = " ".join(("'self'", "'unsafe-eval'", *inline_script_hashes()))
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",  # Radix and Emotion set inline styles
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()"
)


@cache
def security_header_list() -> tuple[tuple[bytes, bytes], ...]:
    headers = [
        ("content-security-policy", content_security_policy()),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("permissions-policy", PERMISSIONS_POLICY),
        ("cross-origin-opener-policy", "same-origin"),
    ]
    if settings.cookie_secure:
        headers.append(("strict-transport-security", "max-age=31536000; includeSubDomains"))
    return tuple((name.encode(), value.encode()) for name, value in headers)


def security_headers(app: ASGIApp) -> ASGIApp:
    async def with_headers(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _value in message.get("headers", [])}
                extra = [(n, v) for n, v in security_header_list() if n not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await app(scope, receive, send_with_headers)

    return with_headers
