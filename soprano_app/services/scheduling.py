"""The scheduler seen from the application: one pass, a pass asked for, what the administrator sees.

A pass is asked for by writing the moment of the request (``setting`` row); the scheduler process
polls it every few seconds (``soprano_app/scheduler.py``). No scheduler running (tests, the command
line): ``run_pass`` does the same work in the calling process.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select

from .. import app_clock
from ..db import session_scope
from ..domain.formatting import format_datetime
from ..models import SchedulerRun, Setting
from ..settings import settings
from .deadlines import JOBS, RunReport, run_all

logger = logging.getLogger(__name__)
REQUESTED_KEY = "scheduler_requested_at"
HANDLED_KEY = "scheduler_request_handled_at"


def run_pass() -> RunReport:
    report = run_all()
    if report.ran:
        logger.info("pass done: %s", report.counts)
    else:
        logger.info("another pass is running: skipped")
    return report


def request_run() -> None:
    """Ask the scheduler for a pass now (real time of the request, whatever the simulated date)."""
    with session_scope() as db:
        db.merge(Setting(key=REQUESTED_KEY, value=app_clock.real_now().isoformat()))


def run_if_requested() -> RunReport | None:
    with session_scope() as db:
        requested = db.get(Setting, REQUESTED_KEY)
        handled = db.get(Setting, HANDLED_KEY)
        if requested is None or (handled is not None and handled.value >= requested.value):
            return None
        db.merge(Setting(key=HANDLED_KEY, value=requested.value))
    return run_pass()


@dataclass(frozen=True)
class JobLine:
    name: str
    label: str
    count: int


@dataclass(frozen=True)
class SchedulerStatus:
    last_run: str  # « 01/12/2026 08:05 », empty if never
    last_ok: bool
    last_message: str
    next_run: str
    running: bool  # a pass started recently: the scheduler process is alive
    pending: bool  # a pass was asked for and has not started yet
    jobs: list[JobLine]
    in_progress: bool = False  # the last pass has not finished


def status() -> SchedulerStatus:
    with session_scope() as db:
        last = db.exec(select(SchedulerRun).order_by(col(SchedulerRun.started_at).desc()).limit(1)).first()
        requested = db.get(Setting, REQUESTED_KEY)
        handled = db.get(Setting, HANDLED_KEY)
    pending = requested is not None and (handled is None or handled.value < requested.value)
    if last is None:
        return SchedulerStatus(
            "", True, "", "", False, pending, [JobLine(name, label, 0) for name, label, _j in JOBS]
        )
    counts = json.loads(last.counts or "{}")
    interval = timedelta(seconds=settings.scheduler_interval_seconds)
    started: datetime = last.started_at
    alive = app_clock.now_utc() - started < 2 * interval + timedelta(minutes=1)
    return SchedulerStatus(
        last_run=format_datetime(started),
        last_ok=last.ok,
        last_message=last.message,
        next_run=format_datetime(started + interval) if alive else "",
        running=alive,
        pending=pending,
        jobs=[JobLine(name, label, int(counts.get(name, 0))) for name, label, _job in JOBS],
        # A pass records its row when it starts and its counts when it ends: until then, the page
        # waits (it would otherwise show the zeros of a pass that has not finished).
        in_progress=last.finished_at is None and alive,
    )
