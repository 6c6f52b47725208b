"""Reflex configuration. Application settings live in soprano_app/settings.py (environment)."""

import reflex as rx

from soprano_app.radix_css import ACCENT, GRAY, RadixThemesWithoutUnusedColors
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
        RadixThemesWithoutUnusedColors(  # Radix Themes' CSS without the unused colour scales
            theme=rx.theme(appearance="light", accent_color=ACCENT, gray_color=GRAY, radius="medium")
        )
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
