"""One substate per rubrique, generated from the catalogue: one var per field shown in an input.

For a field ``x``: ``v_x`` what the input shows, ``e_x`` the blocking message, ``w_x`` a warning,
``i_x`` an information (CN description, office name). For a group ``g``: ``v_g`` the rows of its table.
A keystroke therefore changes ``v_x`` and ``e_x`` only: that is the whole delta sent back.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from ..domain.catalogue import CATALOGUE
from ..domain.catalogue.model import Field, Group, Kind, Rubrique
from ..domain.forms.display import display_value, input_value
from ..domain.forms.engine import MAX_TEXT, Finding, check_field, rows_of
from ..domain.forms.prefill import derive
from ..domain.regimes import Regime
from .form import FormState, plain

MULTI = (Kind.MULTI_ENUM, Kind.MULTI_REF)
# Fields the system computes: the rubrique shows their label, not their code.
SYSTEM = frozenset(f.id for f in CATALOGUE.all_fields() if f.readonly or f.kind is Kind.COMPUTED)


def v(field_id: str) -> str:
    return f"v_{field_id}"


def e(field_id: str) -> str:
    return f"e_{field_id}"


def w(field_id: str) -> str:
    return f"w_{field_id}"


def i(field_id: str) -> str:
    return f"i_{field_id}"


def group_rows(group: Group, answers: dict[str, Any]) -> list[dict[str, str]]:
    """The table of a group: the summary columns of each row, as readers see them."""
    columns = [CATALOGUE.field(fid) for fid in group.summary]
    rows = []
    for row in rows_of(answers, group.id):
        shown = {
            f"c{n}": display_value(col, row.get(col.id), answers) or "—" for n, col in enumerate(columns)
        }
        rows.append({"_id": str(row.get("_id", "")), **shown, "err": ""})
    return rows


class RubriqueMixin(rx.State, mixin=True):
    """Handlers shared by the generated rubrique states (a mixin: each state gets its own copy)."""

    _rubrique: str = ""

    def _field(self, field_id: str) -> Field | None:
        if field_id not in FIELDS.get(self._rubrique, {}):
            return None
        field = CATALOGUE.field(field_id)
        return None if field.id in SYSTEM else field

    def _show_check(self, field: Field, shown_value: Any, answers: dict[str, Any]) -> Any:
        checked = check_field(field, shown_value, answers)
        for name, value in (
            (e(field.id), checked.error),
            (w(field.id), checked.warning),
            (i(field.id), checked.info),
        ):
            if getattr(self, name) != value:
                setattr(self, name, value)
        return checked.value

    async def _apply(self, field: Field, shown_value: Any):
        form = await self.get_state(FormState)
        if not form.dossier_id or await form._may_edit() is False:
            return rx.toast.error("Votre session a expiré : reconnectez-vous pour continuer.")
        current = plain(form._answers)  # read many times: without Reflex's change-tracking proxy
        stored = self._show_check(field, shown_value, current)
        if field.kind is Kind.DATE and stored and not getattr(self, e(field.id)):
            shown_value = input_value(field, stored)  # JJ/MM/AAAA, also for a date picked in the calendar
        if getattr(self, v(field.id)) != shown_value:
            setattr(self, v(field.id), shown_value)
        answers = derive({**current, field.id: stored}, Regime(form.regime))
        await refresh_system_fields(form, current, answers)
        return form._record_change(answers)

    @rx.event
    async def set_field(self, field_id: str, value: str):
        field = self._field(str(field_id))
        if field is None or field.kind in MULTI:
            return None
        return await self._apply(field, str(value)[:MAX_TEXT])

    @rx.event
    async def toggle_choice(self, field_id: str, code: str, checked: bool):
        field = self._field(str(field_id))
        if field is None or field.kind not in MULTI:
            return None
        current = list(getattr(self, v(field.id)) or [])
        chosen = [c for c in current if c != code] + ([str(code)] if checked else [])
        return await self._apply(field, chosen)

    @rx.event
    async def set_sans_objet(self, field_id: str, checked: bool):
        field = self._field(str(field_id))
        if field is None or not field.sans_objet:
            return None
        return await self._apply(field, "S.O." if checked else "")


def _make_state(rubrique: Rubrique) -> type[FormState]:
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {"__module__": __name__, "__annotations__": annotations}
    for field in CATALOGUE.scalar_fields(rubrique):
        multi = field.kind in MULTI
        annotations[v(field.id)] = list[str] if multi else str
        namespace[v(field.id)] = [] if multi else ""
        for name in (e(field.id), w(field.id), i(field.id)):
            annotations[name] = str
            namespace[name] = ""
    for group in CATALOGUE.groups(rubrique):
        annotations[v(group.id)] = list[dict[str, str]]
        namespace[v(group.id)] = []
        annotations[e(group.id)] = str
        namespace[e(group.id)] = ""
    namespace["_rubrique"] = rubrique.value
    name = f"Rubrique{rubrique.value.capitalize()}State"
    return type(name, (RubriqueMixin, FormState), namespace)


RUBRIQUE_STATES: dict[str, type[FormState]] = {r.value: _make_state(r) for r in Rubrique}
globals().update({cls.__name__: cls for cls in RUBRIQUE_STATES.values()})  # importable, hence picklable
FIELDS: dict[str, dict[str, Field]] = {
    r.value: {f.id: f for f in CATALOGUE.scalar_fields(r)} for r in Rubrique
}


def state_of(item_id: str) -> type[FormState]:
    return RUBRIQUE_STATES[CATALOGUE.rubrique_of(item_id).value]


def _shown_value(field: Field, stored: Any, answers: dict[str, Any]) -> Any:
    if field.id in SYSTEM:
        return display_value(field, stored, answers)
    return input_value(field, stored)


async def fill_rubriques(form: FormState, answers: dict[str, Any], rubriques: list[str]) -> None:
    """Put a loaded draft into the inputs of ``rubriques``, with the live messages of what is already
    there. The form fills the open rubrique at load and each other one when it is first opened: the
    first paint and the first keystroke do not wait for the whole catalogue."""
    for rubrique in rubriques:
        cls = RUBRIQUE_STATES[rubrique]
        state = await form.get_state(cls)
        for field in FIELDS[rubrique].values():
            shown = _shown_value(field, answers.get(field.id), answers)
            setattr(state, v(field.id), shown)
            if field.id in SYSTEM:
                continue
            assert isinstance(state, RubriqueMixin)
            state._show_check(field, answers.get(field.id, [] if field.kind in MULTI else ""), answers)
        for group in CATALOGUE.groups(Rubrique(rubrique)):
            setattr(state, v(group.id), group_rows(group, answers))
            setattr(state, e(group.id), "")


async def refresh_system_fields(form: FormState, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Computed answers (code_type_decision, dem_etabli_ue, validite_geo_etats…) that a change moved."""
    for key in after:
        if after.get(key) == before.get(key) or not CATALOGUE.has(key) or CATALOGUE.group_of(key) is not None:
            continue
        item = CATALOGUE.item(key)
        state = await form.get_state(state_of(key))
        if isinstance(item, Group):
            setattr(state, v(key), group_rows(item, after))
        elif isinstance(item, Field) and (item.id in SYSTEM or isinstance(after.get(key), list)):
            setattr(state, v(key), _shown_value(item, after.get(key), after))


async def refresh_group(form: FormState, group: Group) -> None:
    state = await form.get_state(state_of(group.id))
    setattr(state, v(group.id), group_rows(group, form._answers))
    setattr(state, e(group.id), "")


async def show_findings(form: FormState, findings: list[Finding]) -> None:
    """After « Contrôler »: each message under its field, each faulty row marked in its table."""
    by_state: dict[str, dict[str, str]] = {}
    rows_in_error: dict[str, set[str]] = {}
    group_messages: dict[str, str] = {}
    for finding in findings:
        if not finding.blocking:
            continue
        if finding.target.startswith("f-"):
            by_state.setdefault(finding.rubrique.value, {}).setdefault(finding.field_id, finding.message)
        elif "-row-" in finding.target:
            group_id, _, index = finding.target[2:].rpartition("-row-")
            rows_in_error.setdefault(group_id, set()).add(index)
        else:
            group_messages.setdefault(finding.field_id, finding.message)
    for rubrique, cls in RUBRIQUE_STATES.items():
        state = await form.get_state(cls)
        messages = by_state.get(rubrique, {})
        for field_id in FIELDS[rubrique]:
            if field_id in messages and getattr(state, e(field_id)) != messages[field_id]:
                setattr(state, e(field_id), messages[field_id])
        for group in CATALOGUE.groups(Rubrique(rubrique)):
            faulty = rows_in_error.get(group.id, set())
            rows = [
                dict(row, err="1" if str(n) in faulty else "")
                for n, row in enumerate(getattr(state, v(group.id)))
            ]
            setattr(state, v(group.id), rows)
            setattr(state, e(group.id), group_messages.get(group.id, ""))
