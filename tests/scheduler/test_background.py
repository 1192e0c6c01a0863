"""``kansrijk scheduler`` as its own process: it installs the job and stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from matching.models import MatchingRun
from matching.runs import execution as runs
from matching.vocab import RunStatus
from tests.support import wait_until
from web.migrate import upgrade


def test_the_scheduler_process_runs_requests_and_installs_the_weekly_job(empty_database_url):
    upgrade(empty_database_url)
    from matching.db import make_engine

    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        runs.request_run(session, trigger="user", as_of=date(2026, 11, 26))
        session.commit()
    env = {
        **os.environ,
        "DATABASE_URL": empty_database_url,
        "KANSRIJK_ENV": "development",
        "SECRET_KEY": "scheduler-test-secret-0123456789abcdef",  # never the development key
    }
    process = subprocess.Popen(
        [sys.executable, "-c", "from web.cli import main; main()", "scheduler"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:

        def ready() -> MatchingRun | None:
            """The run once it succeeded and the job store exists, while the process runs."""
            if process.poll() is not None:
                pytest.fail(f"the scheduler process ended: {process.communicate()[0]}")
            with Session(engine) as session:
                run = session.exec(select(MatchingRun)).one()
            stored = "apscheduler_jobs" in inspect(engine).get_table_names()
            return (
                run
                if run.status == RunStatus.SUCCEEDED and stored and len(stored_jobs(engine)) == 2
                else None
            )

        run = wait_until(ready, what="the requested run and the job store", timeout=90)
        assert sorted(stored_jobs(engine)) == ["daily-retention", "weekly-matching"]
        assert run.status == RunStatus.SUCCEEDED
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
        engine.dispose()
    assert process.returncode == 0, output


def stored_jobs(engine) -> list[str]:
    """The ids of the jobs in APScheduler's persistent store."""
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT id FROM apscheduler_jobs")).scalars().all())
