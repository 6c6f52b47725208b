"""The decision phase on a dossier page: the clock, the open request, the steps each side may take,
comments (``state/comments.py``). Every step goes through ``services.workflow.perform``, which checks actor and status."""

from __future__ import annotations

import asyncio
import unicodedata
from dataclasses import asdict
from typing import Any

import reflex as rx

from ..domain import workflow as wf
from ..domain.forms.values import parse_date, parse_number
from ..domain.grounds import standard_texts, with_standard_text
from ..domain.retroactive import CONFIRMED_BY_CUSTOMS
from ..services import decision, workflow
from .arguments import RowId
from .session import SessionState


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


HELP = {t.action.value: t.help for t in wf.TRANSITIONS.values()}


async def perform_step(state: rx.State, dossier_id: int, action: wf.Action, data: workflow.ActionInput):
    """One step through ``services.workflow.perform``: (events to refresh the page, "") or (None, the
    French reason it was refused)."""
    from .attachments import AttachmentsState
    from .dossier import DossierState

    session = await state.get_state(SessionState)
    ctx = await session._context()
    if ctx is None:
        return None, "Votre session a expiré : reconnectez-vous."
    try:
        outcome = await asyncio.to_thread(workflow.perform, ctx, dossier_id, action, data)
    except wf.WorkflowError as exc:
        return None, str(exc)
    return [
        DossierState.load,
        AttachmentsState.load_for(dossier_id),
        rx.toast.success(outcome.message),
    ], ""


class DecisionState(rx.State):
    dossier_id: int = 0
    side: str = ""
    clock: dict[str, Any] = {}
    request: dict[str, Any] = {}
    actions: list[dict[str, Any]] = []
    can_comment: bool = False
    deadline_notice: str = ""  # the acceptance or decision period has run out
    rdc11_ground: str = ""  # customs: a new application within a year of a revocation (RDC 11)
    grant_blocked: str = ""  # customs: why « Accorder » is not offered yet
    choice: str = ""
    choice_label: str = ""
    choice_options: list[dict[str, str]] = []
    grounds_options: list[dict[str, str]] = []
    grounds: list[str] = []
    rights_notice: str = ""  # the operator's role in the company does not let him act here
    retro_earliest: str = ""  # the application asks for a retroactive effect
    retro_conditions: list[str] = []
    reopenable: list[dict[str, str]] = []
    _proposed_from: str = ""
    _proposed_guarantee: tuple[str, str, str] = ("", "", "")
    guarantee_kind: str = ""
    guarantee_amount: str = ""
    guarantee_reference: str = ""
    _proposed_to: str = ""
    # the step being prepared in the dialog
    action: str = ""
    action_label: str = ""
    needs: list[str] = []
    message: str = ""
    deadline_days: str = "30"
    days: str = ""
    valid_from: str = ""
    valid_to: str = ""
    reopened: list[str] = []
    standards: list[dict[str, str]] = []  # domain/grounds.STANDARD_TEXTS of the step
    confidential: bool = False
    reopen_query: str = ""
    replies: dict[str, str] = {}
    error: str = ""
    busy: bool = False

    async def _ctx(self):
        session = await self.get_state(SessionState)
        return await session._context()

    @rx.event
    async def load_for(self, dossier_id: RowId) -> None:
        self.dossier_id = int(dossier_id)
        self.action, self.error = "", ""
        await self._refresh()

    async def _refresh(self) -> None:
        ctx = await self._ctx()
        view = await asyncio.to_thread(decision.decision_view, ctx, self.dossier_id) if ctx else None
        if view is None:
            self.side, self.clock, self.request, self.actions, self.can_comment = "", {}, {}, [], False
            self.deadline_notice, self.rdc11_ground, self.grant_blocked = "", "", ""
            self.rights_notice = ""
            return
        data = asdict(view)
        self.side = view.side
        self.clock = data["clock"] or {}
        self.request = data["request"] or {}
        self.actions = data["actions"]
        self.can_comment = view.can_comment
        self.deadline_notice = view.deadline_notice
        self.rights_notice = view.rights_notice
        self.rdc11_ground = view.rdc11_ground
        self.grant_blocked = view.grant_blocked
        self.retro_earliest = view.retro_earliest
        self.reopenable = data["reopenable"]
        self._proposed_from, self._proposed_to = view.proposed_from, view.proposed_to
        self._proposed_guarantee = tuple(view.proposed_guarantee)  # type: ignore[assignment]
        self.replies = {f["id"]: str(f["value"]) for f in (self.request.get("fields") or [])}

    # --- the step dialog ---------------------------------------------------------------------------

    @rx.event
    async def open_action(self, action: str) -> None:
        chosen = next((a for a in self.actions if a["action"] == action), None)
        if chosen is None:
            return
        self.action, self.action_label, self.needs = chosen["action"], chosen["label"], chosen["needs"]
        self.message, self.deadline_days, self.days, self.reopened, self.error = "", "30", "", [], ""
        self.reopen_query = ""
        self.choice, self.choice_label = "", chosen.get("choice_label", "")
        self.choice_options = list(chosen.get("choices") or [])
        self.grounds_options, self.grounds = list(chosen.get("grounds") or []), []
        self.retro_conditions, self.confidential = [], False
        self.standards = standard_texts(action)
        if action == wf.Action.DECLARER_IRRECEVABLE.value and self.rdc11_ground:
            self.message = self.rdc11_ground  # the RDC 11 ground, prefilled
        if wf.Need.VALIDITY.value in self.needs:
            await self._propose_validity()

    async def _propose_validity(self) -> None:
        """Prefill the grant dialog with what the service proposes (``domain.authorisations``)."""
        self.valid_from, self.valid_to = self._proposed_from, self._proposed_to
        self.guarantee_kind, self.guarantee_amount, self.guarantee_reference = self._proposed_guarantee

    @rx.event
    def close_action(self) -> None:
        self.action, self.error = "", ""

    @rx.event
    def set_message(self, value: str) -> None:
        self.message = str(value)[: workflow.MAX_MESSAGE + 100]

    @rx.event
    def pick_standard(self, index: str) -> None:
        self.message = with_standard_text(self.message, self.action, str(index))[: workflow.MAX_MESSAGE + 100]

    @rx.event
    def set_confidential(self, checked: bool) -> None:
        self.confidential = bool(checked) and wf.Need.CONFIDENTIAL.value in self.needs

    @rx.event
    def set_choice(self, value: str) -> None:
        if value == "" or any(o["value"] == value for o in self.choice_options):
            self.choice = value

    @rx.event
    def set_deadline(self, value: str) -> None:
        self.deadline_days = str(value)[:3]

    @rx.event
    def set_days(self, value: str) -> None:
        self.days = str(value)[:3]

    @rx.event
    def toggle_ground(self, code: str, checked: bool) -> None:
        if any(o["value"] == code for o in self.grounds_options):
            self.grounds = [g for g in self.grounds if g != code] + ([code] if checked else [])
            self.error = ""

    @rx.event
    def toggle_retro(self, key: str, checked: bool) -> None:
        if key in CONFIRMED_BY_CUSTOMS:
            self.retro_conditions = [k for k in self.retro_conditions if k != key] + (
                [key] if checked else []
            )
            self.error = ""

    @rx.event
    def set_guarantee_kind(self, value: str) -> None:
        self.guarantee_kind = str(value)[:12]

    @rx.event
    def set_guarantee_amount(self, value: str) -> None:
        self.guarantee_amount = str(value)[:24]

    @rx.event
    def set_guarantee_reference(self, value: str) -> None:
        self.guarantee_reference = str(value)[:35]

    @rx.event
    def set_valid_from(self, value: str) -> None:
        self.valid_from = str(value)[:10]

    @rx.event
    def set_valid_to(self, value: str) -> None:
        self.valid_to = str(value)[:10]

    @rx.event
    def set_reopen_query(self, value: str) -> None:
        self.reopen_query = str(value)[:80]

    @rx.var
    def reopen_choices(self) -> list[dict[str, str]]:
        """The reopenable fields matching the filter (label or rubrique, accents ignored)."""
        words = _folded(self.reopen_query).split()
        return [
            item
            for item in self.reopenable
            if all(w in _folded(item["rubrique"] + " " + item["label"]) for w in words)
        ]

    @rx.event
    def toggle_reopened(self, item_id: str, checked: bool) -> None:
        if not any(r["id"] == item_id for r in self.reopenable):
            return
        current = [i for i in self.reopened if i != item_id]
        self.reopened = current + ([item_id] if checked else [])

    @rx.event
    def set_reply(self, field_id: str, value: str) -> None:
        if field_id in self.replies:
            self.replies = {**self.replies, field_id: str(value)[:10_000]}

    def _input(self) -> workflow.ActionInput:
        def number(text: str, default: int) -> int:
            parsed = parse_number(text)
            return int(parsed) if parsed is not None and parsed == int(parsed) else default

        return workflow.ActionInput(
            message=self.message,
            deadline_days=number(self.deadline_days, -1),
            days=number(self.days, 0),
            valid_from=parse_date(self.valid_from.strip()),
            valid_to=parse_date(self.valid_to.strip()) if self.valid_to.strip() else None,
            choice=self.choice,
            grounds=list(self.grounds),
            retro_conditions=list(self.retro_conditions),
            guarantee_kind=self.guarantee_kind,
            guarantee_amount=self.guarantee_amount,
            guarantee_reference=self.guarantee_reference,
            reopened=list(self.reopened),
            answers=dict(self.replies) if self.action == wf.Action.REPONDRE.value else {},
            confidential=self.confidential,
        )

    async def _perform(self, action: wf.Action, data: workflow.ActionInput):
        return await perform_step(self, self.dossier_id, action, data)

    @rx.event
    async def submit_action(self):
        if self.busy or not self.action:
            return None
        try:
            action = wf.Action(self.action)
        except ValueError:
            return None
        self.busy, self.error = True, ""
        events, error = await self._perform(action, self._input())
        self.busy = False
        if error:
            self.error = error
            return None
        self.action = ""
        return events

    @rx.var
    def action_help(self) -> str:
        return HELP.get(self.action, "")
