"""« Votre avis nous intéresse »: offered once after a first submission, always from the footer; the
administrator reads the results and exports them (CSV, cells neutralised)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select

from ..app_clock import now_utc
from ..db import session_scope
from ..domain import survey as rules
from ..domain.formatting import format_datetime, paris_today
from ..domain.roles import ROLE_LABELS, Role
from ..domain.spreadsheets import csv_bytes
from ..models import SurveyResponse, User
from .auth import SessionContext


class SurveyError(ValueError):
    """Refused, with the French reason."""


def offer_after_submission(ctx: SessionContext, now: datetime | None = None) -> bool:
    """True the first time a user reaches a submission's confirmation: the survey is offered once."""
    if not ctx.user_id:
        return False
    with session_scope() as db:
        changed = db.execute(
            update(User)
            .where(col(User.id) == ctx.user_id)
            .where(col(User.survey_offered_at).is_(None))
            .values(survey_offered_at=now or now_utc())
        )
        return bool(changed.rowcount)  # type: ignore[attr-defined]


def record(ctx: SessionContext | None, answer: rules.Answer, now: datetime | None = None) -> None:
    problem = rules.refused(answer)
    if problem:
        raise SurveyError(problem)
    with session_scope() as db:
        db.add(
            SurveyResponse(
                user_id=ctx.user_id if ctx else None,
                role=ctx.role.value if ctx else "",
                step=answer.step,
                satisfaction=answer.satisfaction,
                ease=answer.ease,
                helped=answer.helped.strip(),
                obstacles=answer.obstacles.strip(),
                may_contact=answer.may_contact and ctx is not None,
                created_at=now or now_utc(),
            )
        )


def _require_admin(ctx: SessionContext) -> None:
    if ctx.role is not Role.ADMIN:
        raise PermissionError("Réservé à l'administrateur.")


def results(ctx: SessionContext) -> rules.Results:
    _require_admin(ctx)
    with session_scope() as db:
        rows = db.exec(
            select(
                SurveyResponse.created_at,
                SurveyResponse.step,
                SurveyResponse.satisfaction,
                SurveyResponse.ease,
            )
        ).all()
    return rules.results(
        rules.Stored(paris_today(at), step, satisfaction, ease) for at, step, satisfaction, ease in rows
    )


def export_csv(ctx: SessionContext) -> bytes:
    _require_admin(ctx)
    with session_scope() as db:
        rows = db.exec(
            select(SurveyResponse, User)
            .outerjoin(User, col(User.id) == SurveyResponse.user_id)
            .order_by(col(SurveyResponse.created_at), col(SurveyResponse.id))
        ).all()
    header = ["Date", "Étape", "Profil", "Satisfaction (1-5)", "Facilité du formulaire (1-5)", "Ce qui a aidé",
              "Ce qui a gêné", "Accepte d'être contacté", "Courriel"]  # fmt: skip
    return csv_bytes(
        header,
        (
            [
                format_datetime(response.created_at),
                rules.STEP_LABELS.get(rules.Step(response.step), response.step),
                ROLE_LABELS.get(Role(response.role), response.role) if response.role else "",
                response.satisfaction,
                response.ease,
                response.helped,
                response.obstacles,
                "oui" if response.may_contact else "non",
                user.email if user is not None and response.may_contact else "",
            ]
            for response, user in rows
        ),
    )
