"""Reflex configuration. Application settings live in soprano_app/settings.py (environment)."""

import reflex as rx

from soprano_app.settings import settings

config = rx.Config(
    app_name="soprano_app",
    db_url=settings.database_url,
    state_manager_mode=settings.state_manager,  # memory for one worker, Redis for several (README)
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # The API (CORS) and the websocket answer only the application's own pages (README « Sécurité »).
    cors_allowed_origins=list(settings.allowed_origins),
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(appearance="light", accent_color="teal", gray_color="slate", radius="medium")
        )
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
