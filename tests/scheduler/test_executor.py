"""The executor picks up requested runs, one at a time, oldest first."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from matching.models import MatchingRun
from matching.runs import execution as runs
from scheduler.executor import RunExecutor, execute_pending
from tests.support import wait_until

AS_OF = date(2026, 11, 26)


def request(engine, trigger="user"):
    with Session(engine) as session:
        run = runs.request_run(session, trigger=trigger, as_of=AS_OF)
        session.commit()
        return run.id


def statuses(engine):
    with Session(engine) as session:
        return [r.status for r in session.exec(select(MatchingRun).order_by(MatchingRun.id))]


def test_execute_pending_runs_every_requested_run(engine):
    first, second = request(engine), request(engine, "schedule")
    assert execute_pending(engine) == [first, second]
    assert statuses(engine) == ["succeeded", "succeeded"]
    assert execute_pending(engine) == []


def test_a_held_lease_leaves_the_request_waiting(engine):
    holder, waiting = request(engine), request(engine)
    runs.take_lease(engine, holder)
    assert execute_pending(engine) == []
    assert statuses(engine) == ["running", "requested"]
    assert waiting is not None


def test_the_thread_executes_a_request_when_woken(engine):
    executor = RunExecutor(engine, poll_seconds=60)
    executor.start()
    try:
        request(engine)
        executor.wake()
        wait_until(lambda: statuses(engine) == ["succeeded"], what="the run to succeed")
    finally:
        executor.stop()
        executor.join(10)
    assert not executor.is_alive()
