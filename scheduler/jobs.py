"""The weekly job: its trigger in Europe/Amsterdam, its misfire policy and what it does."""

from __future__ import annotations

import logging
from pathlib import Path

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from matching import clock
from matching.db import database_url_from_env, make_engine, session_scope
from matching.models.common import require_id
from matching.runs.execution import RunRefused, execute_run, request_run
from matching.vocab import RunTrigger

log = logging.getLogger(__name__)

TIMEZONE = clock.LOCAL_ZONE
WEEKLY_JOB_ID = "weekly-matching"
# A scheduler that was down during the slot runs the missed job once when it comes back
# within (almost) a week; coalescing folds several missed slots into that one run.
MISFIRE_GRACE_S = 6 * 24 * 3600


def weekly_trigger(cron: str) -> CronTrigger:
    """The trigger of a five-field cron expression, in Europe/Amsterdam time."""
    return CronTrigger.from_crontab(cron, timezone=TIMEZONE)


def check_cron(cron: str) -> str:
    """A valid five-field cron expression, or ValueError saying what is wrong."""
    text = " ".join(cron.split())
    if len(text.split(" ")) != 5:
        raise ValueError("cron: give five fields: minute hour day month weekday")
    try:
        weekly_trigger(text)
    except ValueError as exc:
        raise ValueError(f"cron: {exc}") from None
    return text


def scheduled_matching(instance_path: str) -> None:
    """The weekly job: request a run and execute it (the job store keeps only this path)."""
    engine = make_engine(database_url_from_env(Path(instance_path)))
    try:
        with session_scope(engine) as session:
            run = request_run(session, trigger=RunTrigger.SCHEDULE, as_of=clock.today())
        try:
            execute_run(engine, require_id(run))
        except RunRefused as exc:  # left requested: the executor runs it when the lease is free
            log.info("scheduled run %s waits: %s", run.id, exc)
    finally:
        engine.dispose()


def install_weekly_job(scheduler: BaseScheduler, instance_path: str, cron: str) -> None:
    """Add (or replace) the weekly job with coalescing, a misfire grace time, one instance."""
    scheduler.add_job(
        scheduled_matching,
        trigger=weekly_trigger(cron),
        args=[instance_path],
        id=WEEKLY_JOB_ID,
        name="weekly matching",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=MISFIRE_GRACE_S,
    )
