"""The scheduler with its job store in the app's database: settings, restarts, misfires."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from matching.accounts import create_user
from matching.db import session_scope
from matching.models import MatchingRun, Organisation, User
from matching.models.user import UserCreate
from matching.people.records import create_record
from matching.runs.schedule import save_schedule
from matching.vocab import RunStatus
from scheduler.jobs import TIMEZONE, WEEKLY_JOB_ID
from scheduler.service import SchedulerService
from tests.support import wait_until


@pytest.fixture
def service_factory(engine, database_url, tmp_path, monkeypatch):
    """Start scheduler services on the test database; each is shut down at the end."""
    monkeypatch.setenv("DATABASE_URL", database_url)  # what the stored job reads
    started: list[SchedulerService] = []

    def start() -> SchedulerService:
        service = SchedulerService(engine, str(tmp_path), "0 6 * * mon")
        service.start()
        started.append(service)
        return service

    yield start
    for service in started:
        if not service.stopped.is_set():
            service.shutdown()
    with engine.begin() as conn:  # the job store's table is not one of ours
        conn.exec_driver_sql("DROP TABLE IF EXISTS apscheduler_jobs")


def coordinator(engine) -> User:
    with session_scope(engine) as session:
        org = create_record(
            session, table=Organisation, data={"code": "m", "name": "M", "kind": "municipality"}
        )
        data = {
            "email": "c@example.org",
            "name": "C",
            "role": "coordinator",
            "organisation_id": org.id,
            "password": "long enough, really",
        }
        return create_user(session, user_in=UserCreate.model_validate(data))


def test_the_weekly_job_is_stored_for_monday_six(service_factory):
    service = service_factory()
    job = service.scheduler.get_job(WEEKLY_JOB_ID)
    fire = job.next_run_time.astimezone(TIMEZONE)
    assert (fire.weekday(), fire.hour, fire.minute) == (0, 6, 0)
    assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time > 86400


def test_a_restart_keeps_the_stored_next_run(service_factory):
    first = service_factory()
    first.scheduler.modify_job(
        WEEKLY_JOB_ID, next_run_time=datetime(2030, 1, 7, 6, tzinfo=TIMEZONE)
    )
    first.shutdown()
    second = service_factory()
    assert second.scheduler.get_job(WEEKLY_JOB_ID).next_run_time == datetime(
        2030, 1, 7, 6, tzinfo=TIMEZONE
    )


def test_settings_pause_resume_and_move_the_job(service_factory, engine):
    service = service_factory()
    user = coordinator(engine)
    with session_scope(engine) as session:
        save_schedule(session, cron="0 6 * * mon", paused=True, user=user)
    service.apply_settings()
    assert service.scheduler.get_job(WEEKLY_JOB_ID).next_run_time is None
    with session_scope(engine) as session:
        save_schedule(session, cron="30 7 * * wed", paused=False, user=user)
    service.apply_settings()
    fire = service.scheduler.get_job(WEEKLY_JOB_ID).next_run_time.astimezone(TIMEZONE)
    assert (fire.weekday(), fire.hour, fire.minute) == (2, 7, 30)


def set_stored_next_run(engine, when: datetime) -> None:
    """What a scheduler that was down looks like in the job store: a next run in the past."""
    with engine.begin() as conn:
        stored = conn.execute(
            text("SELECT job_state FROM apscheduler_jobs WHERE id = :id"), {"id": WEEKLY_JOB_ID}
        ).scalar_one()
        state = pickle.loads(stored)
        state["next_run_time"] = when
        conn.execute(
            text("UPDATE apscheduler_jobs SET job_state = :s, next_run_time = :t WHERE id = :id"),
            {"s": pickle.dumps(state), "t": when.timestamp(), "id": WEEKLY_JOB_ID},
        )


def test_a_missed_slot_runs_once_when_the_scheduler_comes_back(service_factory, engine):
    service_factory().shutdown()
    # Down for two weekly slots: coalescing folds them into one run at start.
    set_stored_next_run(engine, datetime.now(TIMEZONE) - timedelta(days=13))
    back = service_factory()

    def succeeded() -> list[MatchingRun]:
        with Session(engine) as session:
            query = select(MatchingRun).where(MatchingRun.status == RunStatus.SUCCEEDED)
            return list(session.exec(query).all())

    wait_until(succeeded, what="the missed run")
    # Nothing more is due (the next slot is next week), and shutting down waits for every
    # firing already handed to the executor: a second, wrong, firing would be stored by now.
    assert back.scheduler.get_job(WEEKLY_JOB_ID).next_run_time > datetime.now(TIMEZONE)
    back.shutdown()
    with Session(engine) as session:
        scheduled = session.exec(select(MatchingRun).where(MatchingRun.trigger == "schedule")).all()
    assert [r.status for r in scheduled] == ["succeeded"]


def test_the_scheduler_removes_expired_uploads(tmp_path) -> None:
    """The hourly clean-up job deletes uploads older than a day, and runs at start."""
    import os
    import time

    from sqlmodel import SQLModel

    from matching.db import make_engine
    from matching.tabular import uploads
    from scheduler.service import UPLOADS_JOB_ID, SchedulerService

    folder = tmp_path / "uploads"
    token = uploads.keep(folder, b"x", user_id=1, kind="families")
    (path,) = folder.glob(f"*{token}.csv")
    day_ago = time.time() - uploads.KEEP_SECONDS - 1
    os.utime(path, (day_ago, day_ago))
    engine = make_engine(f"sqlite:///{tmp_path / 's.sqlite'}")
    SQLModel.metadata.create_all(engine)
    service = SchedulerService(engine, str(tmp_path), "0 6 * * mon", upload_dir=str(folder))
    service.start()
    try:
        assert service.scheduler.get_job(UPLOADS_JOB_ID) is not None
        assert not path.exists()
    finally:
        service.shutdown()
        engine.dispose()
