"""« Laisser un commentaire » on a dossier page (both sides): a step of the workflow like the
others (``Action.COMMENTER``), kept apart from the step dialog."""

from __future__ import annotations

import reflex as rx

from ..domain import workflow as wf
from ..services import workflow
from .arguments import RowId
from .decision import DecisionState, perform_step


class CommentState(rx.State):
    dossier_id: int = 0
    comment: str = ""
    comment_error: str = ""
    busy: bool = False

    @rx.event
    def load_for(self, dossier_id: RowId) -> None:
        self.dossier_id = int(dossier_id)
        self.comment, self.comment_error, self.busy = "", "", False

    @rx.event
    def set_comment(self, value: str) -> None:
        self.comment = str(value)[: workflow.MAX_MESSAGE + 100]
        self.comment_error = ""

    @rx.event
    async def post_comment(self):
        decision = await self.get_state(DecisionState)
        if self.busy or not self.dossier_id or not decision.can_comment:
            return None
        self.busy = True
        events, error = await perform_step(
            self, self.dossier_id, wf.Action.COMMENTER, workflow.ActionInput(message=self.comment)
        )
        self.busy = False
        if error:
            self.comment_error = error
            return None
        self.comment = ""
        return events
