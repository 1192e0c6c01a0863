"""The notices job: lapse unanswered offers and placements, then mail the reminders and notices due.

It runs in the scheduler process, at five past each hour from 07:00 to 21:00 in Utrecht (no
mail in the night), and once right after the weekly run so its summary goes out at once.
Its state is in the database (the ``notice`` table), so the job sits in the memory store.
"""

from __future__ import annotations

import logging
from datetime import datetime

from apscheduler.events import EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.engine import Engine

from matching.db import session_scope
from matching.models.common import utcnow
from matching.notices.settings import NoticeSettings
from matching.notices.tick import send_notices
from matching.offers.answers import expire_offers
from matching.placement.answers import expire_placement_answers
from scheduler.jobs import TIMEZONE, WEEKLY_JOB_ID

log = logging.getLogger(__name__)

NOTICES_JOB_ID = "hourly-notices"
NOTICES_CRON = "5 7-21 * * *"
AFTER_RUN_JOB_ID = "notices-after-run"


def notices_round(
    engine: Engine, *, secret_key: str, settings: NoticeSettings, now: datetime | None = None
) -> int:
    """One round: expire what waited too long, then mail what is due; how many notices."""
    moment = now or utcnow()
    with session_scope(engine) as session:
        lapsed = expire_offers(session, moment)
        expired = expire_placement_answers(session, now=moment)
        if lapsed or expired:
            log.info("lapsed unanswered: %d offer(s), %d placement(s)", len(lapsed), len(expired))
    with session_scope(engine) as session:
        return send_notices(session, now=moment, settings=settings, secret_key=secret_key)


def install_notices_job(
    scheduler: BaseScheduler, engine: Engine, *, secret_key: str, settings: NoticeSettings
) -> None:
    """Add the hourly job, and a listener that runs a round after each weekly run."""
    kwargs = {"secret_key": secret_key, "settings": settings}
    scheduler.add_job(
        notices_round,
        trigger=CronTrigger.from_crontab(NOTICES_CRON, timezone=TIMEZONE),
        args=[engine],
        kwargs=kwargs,
        id=NOTICES_JOB_ID,
        name="notices",
        jobstore="memory",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
    )

    def after_weekly(event: JobExecutionEvent) -> None:
        if event.job_id == WEEKLY_JOB_ID:
            scheduler.add_job(
                notices_round,
                args=[engine],
                kwargs=kwargs,
                id=AFTER_RUN_JOB_ID,
                jobstore="memory",
                replace_existing=True,
            )

    scheduler.add_listener(after_weekly, EVENT_JOB_EXECUTED)
