"""Every state change of a run, in one place: requested → running → succeeded | failed."""

from __future__ import annotations

from datetime import datetime

from matching.models import MatchingRun
from matching.models.common import utcnow
from matching.vocab import RunStatus

# The states a run may move to from each state.
NEXT: dict[RunStatus, frozenset[RunStatus]] = {
    RunStatus.REQUESTED: frozenset({RunStatus.RUNNING, RunStatus.FAILED}),
    RunStatus.RUNNING: frozenset({RunStatus.SUCCEEDED, RunStatus.FAILED}),
    RunStatus.SUCCEEDED: frozenset(),
    RunStatus.FAILED: frozenset(),
}


class RunStateError(RuntimeError):
    """A state change the run's lifecycle does not allow (a programming error)."""


def _move(run: MatchingRun, to: RunStatus) -> None:
    """Change the run's status, after checking the lifecycle allows the step."""
    if to not in NEXT[RunStatus(run.status)]:
        raise RunStateError(f"run {run.id} cannot go from {run.status} to {to}")
    run.status = to


def start(run: MatchingRun, now: datetime | None = None) -> None:
    """The executor took the run: running, with its first heartbeat."""
    moment = now or utcnow()
    _move(run, RunStatus.RUNNING)
    run.started_at, run.heartbeat_at = moment, moment


def succeed(run: MatchingRun) -> None:
    """The run stored its answer."""
    _move(run, RunStatus.SUCCEEDED)
    run.finished_at = run.heartbeat_at = utcnow()


def fail(run: MatchingRun, error: str) -> None:
    """The run failed (or its process died); nothing else changed, the error says why."""
    _move(run, RunStatus.FAILED)
    run.error, run.finished_at = error[:2000], utcnow()
