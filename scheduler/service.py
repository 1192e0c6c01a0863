"""The APScheduler set-up: a persistent job store in the app's database, settings applied."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.notices.settings import NoticeSettings
from matching.privacy.retention import RetentionSettings, upload_folder
from matching.runs.schedule import Schedule, current_schedule
from matching.tabular.uploads import remove_expired
from scheduler.jobs import TIMEZONE, WEEKLY_JOB_ID, install_weekly_job, weekly_trigger
from scheduler.notices_job import install_notices_job
from scheduler.retention_job import install_retention_job

log = logging.getLogger(__name__)

SETTINGS_JOB_ID = "apply-schedule-settings"
SETTINGS_EVERY_S = 60
UPLOADS_JOB_ID = "remove-expired-uploads"
UPLOADS_EVERY_S = 3600


class SchedulerService:
    """Runs the weekly job and applies the coordinator's schedule settings within a minute."""

    def __init__(
        self,
        engine: Engine,
        instance_path: str,
        default_cron: str,
        upload_dir: str | None = None,
        secret_key: str | None = None,
        notices: NoticeSettings | None = None,
    ) -> None:
        self.engine = engine
        # Notices need the key that signs their links; without one (tests of the schedule
        # alone) the notices job is not installed.
        self.secret_key = secret_key
        self.notices = notices or NoticeSettings.from_env()
        self.instance_path = instance_path
        self.upload_dir = Path(upload_dir) if upload_dir else upload_folder(instance_path)
        # The register's upload period (KANSRIJK_RETAIN_UPLOAD_DAYS) governs this hourly
        # clean-up and the daily retention run alike.
        self.upload_keep_s = RetentionSettings.from_env().upload_days * 24 * 3600
        self.default_cron = default_cron
        self.scheduler = BackgroundScheduler(timezone=TIMEZONE)
        self.stopped = threading.Event()

    def start(self) -> None:
        """Start paused, apply the stored settings and the daily retention job, then let due (and
        missed) jobs run."""
        self.scheduler.add_jobstore(SQLAlchemyJobStore(engine=self.engine), "default")
        self.scheduler.add_jobstore(MemoryJobStore(), "memory")
        self.scheduler.start(paused=True)
        self.apply_settings()
        install_retention_job(self.scheduler, self.instance_path)
        if self.secret_key:
            install_notices_job(
                self.scheduler, self.engine, secret_key=self.secret_key, settings=self.notices
            )
        self.scheduler.add_job(
            self.apply_settings,
            "interval",
            seconds=SETTINGS_EVERY_S,
            id=SETTINGS_JOB_ID,
            jobstore="memory",
            coalesce=True,
            max_instances=1,
            replace_existing=True,
        )
        self.scheduler.add_job(
            self.remove_expired_uploads,
            "interval",
            seconds=UPLOADS_EVERY_S,
            id=UPLOADS_JOB_ID,
            jobstore="memory",
            coalesce=True,
            max_instances=1,
            replace_existing=True,
        )
        self.scheduler.resume()
        self.remove_expired_uploads()

    def remove_expired_uploads(self) -> int:
        """Delete uploads older than the register's period (a day unless set otherwise)."""
        removed = remove_expired(self.upload_dir, keep_seconds=self.upload_keep_s)
        if removed:
            log.info("removed %d expired upload(s)", removed)
        return removed

    def apply_settings(self) -> Schedule:
        """Bring the weekly job in line with the stored schedule (cron, paused)."""
        with Session(self.engine) as session:
            wanted = current_schedule(session, default_cron=self.default_cron)
        apply_schedule(self.scheduler, wanted, self.instance_path)
        return wanted

    def shutdown(self) -> None:
        """Stop the scheduler, letting a running job finish."""
        self.scheduler.shutdown(wait=True)
        self.stopped.set()


def apply_schedule(scheduler: BackgroundScheduler, wanted: Schedule, instance_path: str) -> None:
    """Add the job if missing, reschedule it if the cron changed, pause or resume it.

    An unchanged job is left alone, so its stored next run time (and a missed slot) survives
    a restart of the scheduler process.
    """
    job = scheduler.get_job(WEEKLY_JOB_ID)
    if job is None:
        install_weekly_job(scheduler, instance_path, wanted.cron)
        job = scheduler.get_job(WEEKLY_JOB_ID)
        log.info("weekly job installed: %s", wanted.cron)
    elif str(job.trigger) != str(weekly_trigger(wanted.cron)):
        job = scheduler.reschedule_job(WEEKLY_JOB_ID, trigger=weekly_trigger(wanted.cron))
        log.info("weekly job rescheduled: %s", wanted.cron)
    if job is None:
        return
    if wanted.paused and job.next_run_time is not None:
        scheduler.pause_job(WEEKLY_JOB_ID)
    elif not wanted.paused and job.next_run_time is None:
        scheduler.resume_job(WEEKLY_JOB_ID)


def next_run_time(scheduler: BackgroundScheduler) -> object:
    """When the weekly job fires next (None when paused or not installed)."""
    job = scheduler.get_job(WEEKLY_JOB_ID)
    return job.next_run_time if job is not None else None
