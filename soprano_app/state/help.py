"""The help centre: its search (help pages and form fields), one page, one field's explanation."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import reflex as rx

from .. import routes
from ..domain import help as help_content


def _last_segment(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1][:80]


class HelpState(rx.State):
    query: str = ""
    hits: list[dict[str, str]] = []
    page: dict[str, str] = {}  # the help page shown: title, kind, summary, body
    field: dict[str, Any] = {}  # the field explained
    missing: bool = False

    @rx.event
    def set_query(self, value: str) -> None:
        self.query = str(value)[: help_content.MAX_QUERY]
        hits = help_content.search(self.query)
        self.hits = [
            {
                "kind": h.kind,
                "title": h.title,
                "context": h.context,
                "excerpt": h.excerpt,
                "href": routes.help_path(h.target) if h.kind == "page" else routes.field_help_path(h.target),
            }
            for h in hits
        ]

    @rx.event
    def load_page(self) -> None:
        found = help_content.page_by_slug(_last_segment(self.router.url.path))
        self.missing = found is None
        self.page = (
            {}
            if found is None
            else {
                "title": found.title,
                "kind": help_content.KIND_LABELS[found.kind],
                "summary": found.summary,
                "body": found.body,
            }
        )

    @rx.event
    def load_field(self) -> None:
        found = help_content.field_help(_last_segment(self.router.url.path))
        self.missing = found is None
        self.field = {} if found is None else asdict(found)
