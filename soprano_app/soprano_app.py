"""The Reflex application: theme, pages and the HTTP routes mounted beside them."""

from __future__ import annotations

import reflex as rx

from . import models  # noqa: F401  (tables registered for Alembic and Reflex)
from .api import api
from .middleware import limit_upload_size
from .pages import ALL_PAGES

app = rx.App(
    html_lang="fr",
    stylesheets=["/soprano.css"],
    head_components=[rx.script(src="/soprano.js")],
    api_transformer=[api, limit_upload_size],
)

for page in ALL_PAGES:
    app.add_page(**page)
