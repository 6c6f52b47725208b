"""What a user sees when a handler fails unexpectedly: a French message with a reference to quote,
never Reflex's English toast; the traceback goes to the server log under the same reference."""

# No ``from __future__ import annotations``: Reflex checks this handler's annotations as objects.

import logging
import secrets

import reflex as rx
from reflex_base.event import EventSpec

from ..db import DATABASE_DOWN

logger = logging.getLogger("soprano_app.errors")

UNAVAILABLE = (
    "Le service est momentanément indisponible : la base de données ne répond pas. "
    "Ce que vous avez saisi reste dans cette page ; réessayez dans un instant."
)
UNEXPECTED = "Une erreur inattendue est survenue. Si elle se reproduit, signalez-la en citant sa référence."


def error_reference() -> str:
    return secrets.token_hex(4).upper()


def french_backend_error(exception: Exception) -> EventSpec:
    """Reflex's ``backend_exception_handler``."""
    reference = error_reference()
    logger.error("unexpected error, reference %s", reference, exc_info=exception)
    message = UNAVAILABLE if isinstance(exception, DATABASE_DOWN) else UNEXPECTED
    return rx.toast.error(
        message,
        description=f"Référence : {reference}",
        position="top-center",
        duration=15000,
        close_button=True,
    )
