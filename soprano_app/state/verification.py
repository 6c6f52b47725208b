"""« Vérification d'une autorisation »: the public page the QR code of a printed authorisation opens."""

from __future__ import annotations

import asyncio
from dataclasses import asdict

import reflex as rx

from ..services import verification
from .client import client_address


class VerificationState(rx.State):
    found: dict[str, str] = {}
    outcome: str = ""  # "", "trouvee", "inconnue", "limite"

    def _source(self) -> str:
        return client_address(self)

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
