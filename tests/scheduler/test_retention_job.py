"""The daily retention job lives in the scheduler process and records what it did."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from matching.models import RetentionRun
from scheduler.jobs import TIMEZONE
from scheduler.retention_job import RETENTION_JOB_ID, scheduled_retention
from tests.scheduler.test_service import service_factory  # noqa: F401  (the fixture)


def test_the_scheduler_installs_the_daily_job_at_half_past_three(service_factory):  # noqa: F811
    service = service_factory()
    job = service.scheduler.get_job(RETENTION_JOB_ID)
    assert job is not None
    after = datetime(2026, 12, 5, 12, 0, tzinfo=TIMEZONE)
    assert job.trigger.get_next_fire_time(None, after) == datetime(
        2026, 12, 6, 3, 30, tzinfo=TIMEZONE
    )
    assert job.max_instances == 1 and job.coalesce


def test_a_restart_keeps_one_retention_job(service_factory):  # noqa: F811
    first = service_factory()
    first.shutdown()
    second = service_factory()
    assert [j.id for j in second.scheduler.get_jobs()].count(RETENTION_JOB_ID) == 1


def test_the_job_records_a_retention_run(engine, database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    scheduled_retention(str(tmp_path))
    with Session(engine) as session:
        runs = session.exec(select(RetentionRun)).all()
    assert [(r.trigger, r.actions) for r in runs] == [("schedule", [])]
