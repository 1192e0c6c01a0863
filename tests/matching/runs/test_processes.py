"""One run at a time across real processes, and a killed run leaves the data as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from matching.db import session_scope
from matching.models import MatchingRun, Proposal
from matching.runs import execution as runs
from seed import seed_database
from tests.matching.runs.test_execution import AS_OF
from tests.support import wait_until

ROOT = Path(__file__).resolve().parents[3]


def seeded(engine):
    with session_scope(engine) as session:
        seed_database(session, size="small", seed=7, as_of=AS_OF)


def child(url: str, go_file: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.matching.lease_child", url, str(go_file)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def running(children: list[subprocess.Popen[str]]) -> bool:
    """True while every child runs; fails the test with their output when one has ended."""
    for process in children:
        if process.poll() is not None:
            pytest.fail(f"a child ended early: {process.communicate()}")
    return True


def test_two_processes_at_once_run_exactly_once(engine, database_url, tmp_path):
    seeded(engine)
    go = tmp_path / "go"
    children = [child(database_url, go), child(database_url, go)]
    wait_until(
        lambda: running(children) and len(list(tmp_path.glob("go.requested.*"))) == 2,
        what="both children to request their run",
        timeout=120,
    )
    go.touch()
    # The first to take the lease holds it until released: the other is refused meanwhile.
    refused = wait_until(
        lambda: next((c for c in children if c.poll() is not None), None),
        what="one child to be refused",
        timeout=120,
    )
    (tmp_path / "go.release").touch()
    outputs = [c.communicate(timeout=120) for c in children]
    assert refused.returncode == 0
    said = sorted(out.strip() for out, _err in outputs)
    assert said[0].startswith("refused: run"), outputs
    assert said[1] == "succeeded", outputs
    with Session(engine) as session:
        statuses = sorted(r.status for r in session.exec(select(MatchingRun)))
    assert statuses == ["requested", "succeeded"]


def snapshot(engine):
    with Session(engine) as session:
        return sorted(
            (p.kind, p.volunteer_id, p.family_id, p.student_id, p.status)
            for p in session.exec(select(Proposal))
        )


def test_a_killed_run_leaves_the_data_before_it_intact(engine, database_url, tmp_path):
    seeded(engine)
    before = snapshot(engine)
    go = tmp_path / "go"
    go.touch()
    victim = child(database_url, go)  # holds the lease inside its slowed solve
    solving = Path(f"{go}.solving")
    wait_until(lambda: running([victim]) and solving.exists(), what=str(solving), timeout=120)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    assert snapshot(engine) == before
    with Session(engine) as session:
        killed = session.exec(select(MatchingRun)).one()
        assert killed.status == "running"  # nobody told the database it died
        retry = runs.request_run(session, trigger="cli", as_of=AS_OF)
        session.commit()
        retry_id, killed_id = retry.id, killed.id
    runs.take_lease(engine, retry_id, stale_after=timedelta(0))  # the next executor cleans up
    with Session(engine) as session:
        dead = session.get(MatchingRun, killed_id)
        assert dead.status == "failed"
        assert "stale" in dead.error
