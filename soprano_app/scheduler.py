"""The scheduler process: ``python -m soprano_app.scheduler`` (started by ``./manage.sh run``).

It runs the time-driven jobs (``services/deadlines.py``) at start (catching up whatever passed while
it was stopped), then every ``SOPRANO_SCHEDULER_INTERVAL_SECONDS``, and within seconds when asked
(« Lancer maintenant » on the administration page, or the demo's time machine). APScheduler drives
the timing; the pass itself takes a lock, so two schedulers never run a pass at once.
"""

from __future__ import annotations

import logging
import signal
import sys
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler

from .services import scheduling
from .settings import settings

logger = logging.getLogger("soprano_app.scheduler")

REQUEST_POLL_SECONDS = 3  # how soon a requested pass starts


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s scheduler %(levelname)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # not a line per poll every 3 s
    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(
        scheduling.run_pass,
        "interval",
        seconds=settings.scheduler_interval_seconds,
        id="pass",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )
    scheduler.add_job(
        scheduling.run_if_requested, "interval", seconds=REQUEST_POLL_SECONDS, id="requests", max_instances=1
    )

    def stop(_signal: int, _frame: FrameType | None) -> None:
        if scheduler.running:  # Ctrl-C reaches it twice under ./manage.sh run (the terminal, the trap)
            logger.info("stopping")
            scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    logger.info("started: a pass every %s s", settings.scheduler_interval_seconds)
    scheduling.run_pass()  # catch up at once
    scheduler.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
