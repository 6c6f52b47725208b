"""« Connexion » page: messages around the login form (the POST itself goes to /api/connexion)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from .. import routes
from .session import HOME_BY_ROLE, SessionState


class ConnexionState(rx.State):
    error: str = ""
    info: str = ""
    next_path: str = ""
    submitting: bool = False

    @rx.event
    async def load(self):
        params = self.router.url.query_parameters
        self.error = ""
        self.submitting = False
        self.next_path = routes.safe_next(params.get("suivant"), "")
        if params.get("expire"):
            self.info = "Votre session a expiré après 30 minutes d'inactivité. Reconnectez-vous."
        elif params.get("deconnecte") == "differe":
            self.info = (
                "Vous êtes déconnecté de ce navigateur. Le serveur n'a pas pu clore votre session sur-le-champ : "
                "elle ne peut plus servir et sera close dès que possible."
            )
        elif params.get("deconnecte") == "echec":
            self.info = (
                "La déconnexion n'a pas pu être confirmée : le serveur ne répond pas. Fermez votre navigateur "
                "pour effacer votre session, ou réessayez dans un instant."
            )
        elif params.get("deconnecte"):
            self.info = "Vous êtes déconnecté."
        else:
            self.info = ""
        session = await self.get_state(SessionState)
        ctx = await session._context()
        session._show(ctx)
        if ctx is not None:
            return rx.redirect(self.next_path or HOME_BY_ROLE[ctx.role])
        return None

    @rx.event
    def start(self) -> None:
        self.submitting = True
        self.error = ""

    @rx.event
    def done(self, result: dict[str, Any]) -> None:
        """Callback of window.soprano.login: on success the browser is already navigating."""
        if not isinstance(result, dict) or not result.get("ok"):
            self.submitting = False
            message = result.get("message") if isinstance(result, dict) else None
            self.error = str(message or "Connexion impossible.")[:300]
