"""The demo's time machine: « Date simulée » moves the application's clock forward (never in
production, never backwards), then asks the scheduler for a pass so that what the new date brings
shows within seconds. ``./manage.sh reset-demo`` returns to the real date."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import delete

from .. import app_clock
from ..db import session_scope
from ..domain.formatting import PARIS
from ..domain.roles import Role
from ..models import Setting
from ..settings import settings
from . import revocations
from .auth import SessionContext
from .scheduling import request_run


class TimeMachineError(Exception):
    """Refused; ``str(error)`` is the French reason."""


def _check(ctx: SessionContext | None) -> None:
    if settings.is_production or not settings.demo_enabled:
        raise TimeMachineError("La date simulée n'existe que sur une instance de démonstration.")
    if ctx is not None and ctx.role is not Role.ADMIN:
        raise TimeMachineError("Réservé aux administrateurs.")


def move_to(ctx: SessionContext | None, day: date) -> date:
    """Make ``day`` the application's date (its current time of day kept). ``ctx`` None: the command
    line. Returns the new date."""
    _check(ctx)
    now = app_clock.now_utc()
    if day <= app_clock.today():
        raise TimeMachineError("Le temps ne recule pas : choisissez une date postérieure à la date simulée.")
    local = now.astimezone(PARIS)
    target = datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=PARIS)
    offset = (target - app_clock.real_now()).total_seconds()
    with session_scope() as db:
        db.merge(Setting(key=app_clock.OFFSET_KEY, value=str(int(offset))))
    app_clock.forget_cached_offset()
    revocations.revoke(revocations.EVERYTHING)  # what a mandate allows runs on the app's date
    request_run()
    return app_clock.today()


def advance(ctx: SessionContext | None, days: int) -> date:
    if not 1 <= days <= 3660:
        raise TimeMachineError("Avancez de 1 à 3 660 jours.")
    return move_to(ctx, app_clock.today() + timedelta(days=days))


def back_to_real_time() -> None:
    """The demo data is reset: real time again."""
    with session_scope() as db:
        db.execute(delete(Setting).where(Setting.key == app_clock.OFFSET_KEY))  # type: ignore[arg-type]
    app_clock.forget_cached_offset()
    revocations.revoke(revocations.EVERYTHING)
