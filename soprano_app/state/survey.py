"""« Votre avis nous intéresse »: the survey form, its offer after a first submission, and the
administrator's results."""

from __future__ import annotations

import asyncio

import reflex as rx

from ..domain import survey as rules
from ..services import survey, throttle
from .client import client_address
from .session import SessionState


class SurveyState(rx.State):
    step: str = rules.Step.PIED_DE_PAGE.value
    satisfaction: str = ""
    ease: str = ""
    helped: str = ""
    obstacles: str = ""
    may_contact: bool = False
    signed_in: bool = False
    error: str = ""
    done: bool = False
    offered: bool = False  # the confirmation page offers it (once per user)
    # results (administrator)
    count: int = 0
    average: str = ""
    by_month: list[dict[str, str | int | float]] = []
    by_step: list[dict[str, str | int | float]] = []
    distribution: list[dict[str, str | int]] = []

    async def _ctx(self, touch: bool = True):
        session = await self.get_state(SessionState)
        return await session._context(touch)

    @rx.event
    async def load_form(self) -> None:
        asked = str(self.router.url.query_parameters.get("etape", ""))
        self.step = asked if asked in {s.value for s in rules.Step} else rules.Step.PIED_DE_PAGE.value
        self.satisfaction, self.ease, self.helped, self.obstacles = "", "", "", ""
        self.may_contact, self.error, self.done = False, "", False
        self.signed_in = await self._ctx(touch=False) is not None

    @rx.event
    async def offer(self) -> None:
        """On a submission's confirmation: offered the first time only."""
        ctx = await self._ctx(touch=False)
        self.offered = bool(ctx) and await asyncio.to_thread(survey.offer_after_submission, ctx)

    @rx.event
    def set_satisfaction(self, value: str) -> None:
        self.satisfaction = value if rules.scale_value(value) else ""
        self.error = ""

    @rx.event
    def set_ease(self, value: str) -> None:
        self.ease = value if rules.scale_value(value) else ""

    @rx.event
    def set_helped(self, value: str) -> None:
        self.helped = str(value)[: rules.MAX_TEXT + 50]

    @rx.event
    def set_obstacles(self, value: str) -> None:
        self.obstacles = str(value)[: rules.MAX_TEXT + 50]

    @rx.event
    def set_may_contact(self, checked: bool) -> None:
        self.may_contact = bool(checked)

    @rx.event
    async def send(self) -> None:
        if self.done:
            return
        ctx = await self._ctx()
        answer = rules.Answer(
            step=self.step,
            satisfaction=rules.scale_value(self.satisfaction) or 0,
            ease=rules.scale_value(self.ease),
            helped=self.helped,
            obstacles=self.obstacles,
            may_contact=self.may_contact,
        )
        problem = rules.refused(answer)  # said first: a mistake does not use up the address's share
        if problem:
            self.error = problem
            return
        if not throttle.public_form_allowed(client_address(self), "survey"):
            self.error = throttle.TOO_MANY_FORMS
            return
        try:
            await asyncio.to_thread(survey.record, ctx, answer)
        except survey.SurveyError as exc:
            self.error = str(exc)
            return
        self.error, self.done = "", True

    @rx.event
    async def load_results(self) -> None:
        ctx = await self._ctx()
        if ctx is None:
            return
        try:
            found = await asyncio.to_thread(survey.results, ctx)
        except PermissionError:
            return
        self.count, self.average = found.count, found.average
        self.by_month = found.by_month  # type: ignore[assignment]
        self.by_step = found.by_step  # type: ignore[assignment]
        self.distribution = found.distribution  # type: ignore[assignment]
