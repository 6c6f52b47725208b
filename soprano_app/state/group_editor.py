"""The dialog that adds or edits one row of a repeatable group (« Ajouter une marchandise »…).

The row is checked as a whole when it is saved (mandatory columns and formats); it joins the
answers only then, as one change.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from ..domain.catalogue import CATALOGUE
from ..domain.catalogue.model import Field, Group, Kind
from ..domain.forms.display import input_value, row_label
from ..domain.forms.engine import MAX_TEXT, ROW_ID, check_field, check_row, row_values, rows_of, visible_slots
from ..domain.forms.prefill import derive, derive_goods_row, new_row
from ..domain.regimes import Regime
from .arguments import RowIndex
from .form import FormState
from .rubriques import refresh_group

MULTI = (Kind.MULTI_ENUM, Kind.MULTI_REF)
GROUPS: dict[str, Group] = {g.id: g for g in CATALOGUE.groups()}


class GroupEditorState(FormState):
    open: bool = False
    group_id: str = ""
    index: int = -1  # -1: a new row
    title: str = ""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    infos: dict[str, str] = {}
    row_shown: list[str] = []
    row_required: list[str] = []
    ref_options: list[dict[str, str]] = []
    delete_open: bool = False
    delete_label: str = ""
    _delete: tuple[str, int] = ("", -1)

    def _group(self, group_id: str) -> Group | None:
        return GROUPS.get(str(group_id))

    async def _form(self) -> FormState | None:
        form = await self.get_state(FormState)
        if not form.dossier_id or await form._may_edit() is False:
            return None
        return form

    def _refresh_row(self, form: FormState) -> None:
        group = GROUPS[self.group_id]
        values = row_values({k: v for k, v in self.values.items()}, form._answers)
        ctx = form._form_context()
        required = [s.field.id for s in visible_slots(group.items, values, ctx) if s.required]
        shown = [s.field.id for s in visible_slots(group.items, values, ctx)]
        if shown != self.row_shown:
            self.row_shown = shown
        if required != self.row_required:
            self.row_required = required

    def _stored_row(self, form: FormState) -> dict[str, Any]:
        """The row as it will be stored: each value checked and normalised."""
        group = GROUPS[self.group_id]
        row: dict[str, Any] = {ROW_ID: self.values.get(ROW_ID, "")}
        for field in group.fields():
            raw = self.values.get(field.id, [] if field.kind in MULTI else "")
            row[field.id] = check_field(field, raw, form._answers).value
        return derive_goods_row(row) if group.id == "marchandises" else row

    @rx.event
    async def start(self, group_id: str, index: RowIndex = -1):
        group = self._group(group_id)
        form = await self._form()
        if group is None or form is None:
            return None
        rows = rows_of(form._answers, group.id)
        index = int(index)
        if index >= len(rows):
            return None
        source = rows[index] if index >= 0 else new_row(group.id, form._answers)
        self.group_id, self.index = group.id, index
        self.title = f"{group.row_label} {index + 1 if index >= 0 else len(rows) + 1}"
        self.values = {ROW_ID: source.get(ROW_ID, "")} | {
            f.id: input_value(f, source.get(f.id)) for f in group.fields()
        }
        blank = {f.id: "" for f in group.fields()}  # every key present: the page reads them all
        self.errors, self.warnings, self.infos = dict(blank), dict(blank), dict(blank)
        for field in group.fields():
            if source.get(field.id):
                self._check(field, self.values[field.id], form)
        self.ref_options = [
            {
                "value": str(row.get(ROW_ID)),
                "label": row_label("marchandises", form._answers, str(row.get(ROW_ID))),
            }
            for row in rows_of(form._answers, "marchandises")
        ]
        self._refresh_row(form)
        self.open = True
        return None

    def _check(self, field: Field, raw: Any, form: FormState) -> None:
        checked = check_field(field, raw, form._answers)
        self.errors = {**self.errors, field.id: checked.error}
        self.warnings = {**self.warnings, field.id: checked.warning}
        self.infos = {**self.infos, field.id: checked.info}

    def _column(self, field_id: str) -> Field | None:
        group = GROUPS.get(self.group_id)
        if group is None or not self.open:
            return None
        return next((f for f in group.fields() if f.id == field_id), None)

    @rx.event
    async def set_value(self, field_id: str, value: str):
        field = self._column(str(field_id))
        form = await self._form()
        if field is None or form is None or field.kind in MULTI:
            return
        text = str(value)[:MAX_TEXT]
        self._check(field, text, form)
        if field.kind is Kind.DATE and not self.errors.get(field.id):
            text = input_value(field, check_field(field, text, form._answers).value)  # JJ/MM/AAAA
        self.values = {**self.values, field.id: text}
        if field.id == "mp_code_nc":
            # What the code decides: the default unit, and the Annex 71-02 answer.
            suggested = derive_goods_row({"mp_code_nc": self._stored_row(form).get("mp_code_nc", "")})
            computed = {k: str(suggested[k]) for k in ("mp_annexe_71_02",) if suggested.get(k)}
            if suggested.get("mp_unite") and not self.values.get("mp_unite"):
                computed["mp_unite"] = str(suggested["mp_unite"])
            self.values = {**self.values, **computed}
        self._refresh_row(form)

    @rx.event
    async def toggle_value(self, field_id: str, code: str, checked: bool):
        field = self._column(str(field_id))
        form = await self._form()
        if field is None or form is None or field.kind not in MULTI:
            return
        current = [c for c in self.values.get(field.id, []) if c != code]
        chosen = current + ([str(code)] if checked else [])
        self.values = {**self.values, field.id: chosen}
        self._check(field, chosen, form)
        self._refresh_row(form)

    @rx.event
    async def set_sans_objet(self, field_id: str, checked: bool):
        field = self._column(str(field_id))
        if field is None or not field.sans_objet:
            return None
        return await self.set_value(field.id, "S.O." if checked else "")

    @rx.event
    async def save(self):
        form = await self._form()
        group = GROUPS.get(self.group_id)
        if form is None or group is None or not self.open:
            return None
        row = self._stored_row(form)
        rubrique = CATALOGUE.rubrique_of(group.id)
        findings = list(check_row(group, row_values(row, form._answers), form._form_context(), rubrique, 0))
        blocking = {f.field_id: f.message for f in findings if f.blocking}
        if blocking:
            self.errors = {**{k: "" for k in self.errors}, **blocking}
            first = next(f.id for f in group.fields() if f.id in blocking)
            return [
                rx.toast.error("La ligne comporte des erreurs : corrigez les champs signalés."),
                rx.call_script(f"document.getElementById('r-{first}')?.focus()"),
            ]
        rows = rows_of(form._answers, group.id)
        rows = [*rows, row] if self.index < 0 else [row if n == self.index else r for n, r in enumerate(rows)]
        answers = derive({**form._answers, group.id: rows}, Regime(form.regime))
        self.open = False
        event = form._record_change(answers)
        await refresh_group(form, group)
        return event

    @rx.event
    def cancel(self) -> None:
        self.open = False

    @rx.event
    async def ask_delete(self, group_id: str, index: RowIndex):
        group = self._group(group_id)
        form = await self._form()
        if group is None or form is None or not 0 <= int(index) < len(rows_of(form._answers, group.id)):
            return
        self._delete = (group.id, int(index))
        self.delete_label = f"{group.row_label} {int(index) + 1}"
        self.delete_open = True

    @rx.event
    async def confirm_delete(self):
        form = await self._form()
        group_id, index = self._delete
        group = GROUPS.get(group_id)
        self.delete_open = False
        if form is None or group is None:
            return None
        rows = rows_of(form._answers, group.id)
        if not 0 <= index < len(rows):
            return None
        answers = derive({**form._answers, group.id: rows[:index] + rows[index + 1 :]}, Regime(form.regime))
        event = form._record_change(answers)
        await refresh_group(form, group)
        toast = rx.toast.info(f"Ligne supprimée : {self.delete_label}.")
        return [toast] if event is None else [event, toast]

    @rx.event
    def cancel_delete(self) -> None:
        self.delete_open = False
