"""« Vérification d'une autorisation »: the public page the QR code of a printed authorisation opens."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from ..services import verification
from ..settings import settings


class VerificationState(rx.State):
    found: dict[str, str] = {}
    outcome: str = ""  # "", "trouvee", "inconnue", "limite"

    def _source(self) -> str:
        """The caller's address, as the login endpoint reads it (``api.client_address``)."""
        hops = settings.trusted_proxy_hops
        if hops > 0:
            raw = dict(self.router.headers.raw_headers).get("x-forwarded-for", "")
            forwarded = [a.strip() for a in str(raw).split(",") if a.strip()]
            if len(forwarded) >= hops:
                return forwarded[-hops]
        return self.router.session.client_ip or ""

    @rx.event
    async def load(self):
        # /verification/<jeton>: the last segment of the path (RouterData.page is deprecated).
        token = self.router.url.path.rstrip("/").rsplit("/", 1)[-1][: verification.TOKEN_MAX + 1]
        self.found, self.outcome = {}, ""
        try:
            result = await asyncio.to_thread(verification.verify, token, self._source())
        except verification.TooManyLookups:
            self.outcome = "limite"
            return
        if result is None:
            self.outcome = "inconnue"
            return
        self.found = {k: str(v) for k, v in asdict(result).items()}
        self.outcome = "trouvee"
