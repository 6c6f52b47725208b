"""Style constants shared by the components (Radix theme tokens, no official branding)."""

from __future__ import annotations

import reflex as rx

MAX_WIDTH = "1200px"

PAGE = {"min_height": "100vh", "display": "flex", "flex_direction": "column"}

CONTAINER = {"max_width": MAX_WIDTH, "margin": "0 auto", "padding": "0 1.25rem", "width": "100%"}

HEADER = {
    "background": rx.color("gray", 1),
    "border_bottom": f"1px solid {rx.color('gray', 5)}",
    "padding": "0.75rem 0 0.25rem",
}

MAIN = {"flex": "1", "padding": "1.5rem 0 3rem", "outline": "none"}

FOOTER = {
    "border_top": f"1px solid {rx.color('gray', 5)}",
    "background": rx.color("gray", 2),
    "padding": "1rem 0",
}

DEMO_BANNER = {
    "display": "flex",
    "gap": "0.5rem",
    "align_items": "center",
    "justify_content": "center",
    "padding": "0.35rem 1rem",
    "background": rx.color("amber", 4),
    "color": rx.color("amber", 12),
    "border_bottom": f"1px solid {rx.color('amber', 7)}",
}

BRAND_MARK = {
    "width": "2.25rem",
    "height": "2.25rem",
    "border_radius": "0.5rem",
    "display": "flex",
    "align_items": "center",
    "justify_content": "center",
    "font_weight": "700",
    "color": "white",
    "background": rx.color("accent", 9),
}

NAV_LINK = {
    "padding": "0.5rem 0.75rem",
    "border_radius": "0.375rem 0.375rem 0 0",
    "color": rx.color("gray", 12),
    "font_size": "0.9rem",
    "border_bottom": "3px solid transparent",
    "text_decoration": "none",
    "_hover": {"background": rx.color("accent", 3), "text_decoration": "none"},
    "&[aria-current='page']": {
        "border_bottom": f"3px solid {rx.color('accent', 9)}",
        "font_weight": "600",
    },
}

CARD_NARROW = {"max_width": "28rem", "margin": "2rem auto", "width": "100%"}
