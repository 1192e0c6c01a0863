"""``kansrijk scheduler`` as its own process: it installs the job and stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

from sqlalchemy import inspect, text
from sqlmodel import Session, select

from matching.models import MatchingRun
from matching.runs import execution as runs
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
        for _ in range(900):  # a bound for a loaded machine, not a speed check
            with Session(engine) as session:
                run = session.exec(select(MatchingRun)).one()
            if (
                run.status == "succeeded"
                and "apscheduler_jobs" in inspect(engine).get_table_names()
            ):
                break
            time.sleep(0.1)
        with engine.connect() as conn:
            jobs = conn.execute(text("SELECT id FROM apscheduler_jobs")).scalars().all()
        assert jobs == ["weekly-matching"]
        assert run.status == "succeeded"
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
        engine.dispose()
    assert process.returncode == 0, output
