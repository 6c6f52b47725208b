"""The Reflex application: theme, pages and the HTTP routes mounted beside them."""

from __future__ import annotations

import reflex as rx

from . import models  # noqa: F401  (tables registered for Alembic and Reflex)
from .api import api
from .components.framework_fr import APP_WRAPS
from .middleware import guard_uploads, security_headers
from .pages import add_pages
from .services import revocations
from .state.errors import french_backend_error
from .state.event_checks import CheckEventArguments
from .state.forget import SessionBinding

app = rx.App(
    html_lang="fr",
    stylesheets=["/soprano.css"],
    head_components=[rx.script(src="/soprano.js")],
    api_transformer=[api, guard_uploads, security_headers],
    backend_exception_handler=french_backend_error,
    app_wraps=APP_WRAPS,  # Reflex's connection toast and error page, in French
)
app.add_middleware(CheckEventArguments())  # wrong arguments never reach a handler
app.add_middleware(SessionBinding())  # a tab's state belongs to the session that filled it

add_pages(app)


@app.register_lifespan_task
def _hear_revocations() -> None:
    """Each web worker listens to the other processes' revocations of editing grants."""
    revocations.serve()
