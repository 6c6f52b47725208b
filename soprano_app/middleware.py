"""ASGI guard in front of Reflex's upload endpoint: Reflex enforces no server-side size limit.

A POST to ``/_upload`` must announce its length, and is refused with 413 before its body is read
when that length exceeds what a dossier may hold; a body longer than announced is cut off too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .settings import settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATH = "/_upload"
MULTIPART_OVERHEAD = 1024 * 1024


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


def limit_upload_size(app: ASGIApp) -> ASGIApp:
    async def guard(scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") != "POST"
            or not scope.get("path", "").startswith(UPLOAD_PATH)
        ):
            await app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if not declared.isdigit():
            await _refuse(send, 411, "Longueur de la requête requise.")
            return
        limit = min(int(declared), max_upload_bytes())
        if int(declared) > max_upload_bytes():
            await _refuse(send, 413, "Envoi trop volumineux : quota de pièces jointes du dossier dépassé.")
            return
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
