"""The daily retention job: applies the register's periods in the scheduler process."""

from __future__ import annotations

import logging
from pathlib import Path

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from matching import clock
from matching.db import database_url_from_env, make_engine, session_scope
from matching.privacy.retention import RetentionSettings, apply, upload_folder, utc_now
from scheduler.jobs import TIMEZONE

log = logging.getLogger(__name__)

RETENTION_JOB_ID = "daily-retention"
RETENTION_CRON = "30 3 * * *"  # every night at 03:30 in Utrecht, before anyone works
MISFIRE_GRACE_S = 20 * 3600


def scheduled_retention(instance_path: str) -> None:
    """The daily job: apply every retention period and record the run."""
    settings = RetentionSettings.from_env()
    engine = make_engine(database_url_from_env(Path(instance_path)))
    try:
        with session_scope(engine) as session:
            run = apply(
                session,
                today=clock.today(),
                now=utc_now(),
                settings=settings,
                upload_dir=upload_folder(instance_path),
            )
            log.info("retention run %s: %s", run.id, run.counts)
    finally:
        engine.dispose()


def install_retention_job(scheduler: BaseScheduler, instance_path: str) -> None:
    """Add (or keep) the daily retention job: one instance, coalesced, a day's grace."""
    if scheduler.get_job(RETENTION_JOB_ID) is not None:
        return
    scheduler.add_job(
        scheduled_retention,
        trigger=CronTrigger.from_crontab(RETENTION_CRON, timezone=TIMEZONE),
        args=[instance_path],
        id=RETENTION_JOB_ID,
        name="daily retention",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=MISFIRE_GRACE_S,
    )
