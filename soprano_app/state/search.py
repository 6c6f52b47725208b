"""Search dialog for CN codes (by code or words) and customs offices (by code or name)."""

from __future__ import annotations

import reflex as rx

from ..domain import reference
from ..domain.catalogue import CATALOGUE
from ..domain.catalogue.model import Kind
from .form import FormState
from .group_editor import GroupEditorState
from .rubriques import FIELDS, state_of

MIN_QUERY = 2


class SearchState(FormState):
    open: bool = False
    kind: str = ""  # "cn" or "office"
    target: str = ""
    in_editor: bool = False
    query: str = ""
    results: list[dict[str, str]] = []
    message: str = ""

    @rx.event
    def start(self, field_id: str, in_editor: bool = False) -> None:
        field_id = str(field_id)
        if not CATALOGUE.has(field_id):
            return
        kind = CATALOGUE.field(field_id).kind
        if kind not in (Kind.CN_CODE, Kind.OFFICE):
            return
        self.kind = "cn" if kind is Kind.CN_CODE else "office"
        self.target, self.in_editor = field_id, bool(in_editor)
        self.query, self.results = "", []
        self.message = "Saisissez au moins 2 caractères : un code ou des mots."
        self.open = True

    @rx.event
    def set_query(self, value: str) -> None:
        self.query = str(value)[:100]
        if len(self.query.strip()) < MIN_QUERY:
            self.results, self.message = [], "Saisissez au moins 2 caractères : un code ou des mots."
            return
        if self.kind == "cn":
            found = reference.search_cn(self.query, limit=25)
            self.results = [
                {"code": c.code, "shown": reference.format_cn(c.code), "label": c.full_label} for c in found
            ]
        else:
            offices = reference.search_offices(self.query, limit=25)
            self.results = [
                {"code": o.code, "shown": o.code, "label": f"{o.name} ({o.country})"} for o in offices
            ]
        self.message = "" if self.results else "Aucun résultat : essayez d'autres mots ou un code plus court."

    @rx.event
    def close(self) -> None:
        self.open = False

    @rx.event
    def choose(self, code: str):
        if not any(r["code"] == code for r in self.results):
            return None
        self.open = False
        if self.in_editor:
            return GroupEditorState.set_value(self.target, code)
        if self.target in FIELDS.get(CATALOGUE.rubrique_of(self.target).value, {}):
            return state_of(self.target).set_field(self.target, code)  # type: ignore[attr-defined]  # generated state
        return None
