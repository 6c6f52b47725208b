"""Radix Themes' stylesheet without the colour scales the app never uses.

Reflex imports ``@radix-ui/themes/styles.css``: the base tokens, all 31 colour scales, the components
and the utilities (800 KB before minifying). Radix publishes the same parts separately; this plugin
imports the base tokens, the scales the interface names (``COLORS``: the theme's accent and grey, and
every ``color_scheme`` used in ``soprano_app/``; a test checks the list), the components and the
utilities.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx

ACCENT, GRAY = "teal", "slate"
COLORS = ("amber", "blue", "gray", "green", "orange", "purple", "red", ACCENT, GRAY)


@dataclasses.dataclass
class RadixThemesWithoutUnusedColors(rx.plugins.RadixThemesPlugin):
    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        if not self.enabled:
            return ()
        return (
            "@radix-ui/themes/tokens/base.css",
            *(f"@radix-ui/themes/tokens/colors/{color}.css" for color in COLORS),
            "@radix-ui/themes/components.css",
            "@radix-ui/themes/utilities.css",
        )
