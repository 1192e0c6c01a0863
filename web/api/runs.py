"""Runs (request, status with progress, result summary) and coverage statistics."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from matching.models import MatchingRun
from matching.models.queries import full_runs
from matching.people.scoping import NotOwned
from matching.reports.coverage_history import coverage_series
from matching.runs.requests import RunBusy, request_user_run
from matching.runs.stats import Coverage as StoredCoverage
from matching.runs.stats import RunStats, read_stats
from matching.vocab import RunStatus
from web.api import bp
from web.api.bodies import BodySpec
from web.api.caller import Caller
from web.api.operations import Answer, operation
from web.api.problems import ApiProblem, ProblemCode
from web.api.schemas import Coverage, CoverageReport, RunCoverage, RunPublic, RunRequest
from web.coordinator.common import wake_executor
from web.portal.dates import today

RUN = "/runs/<int:run_id>"


def run_public(run: MatchingRun) -> RunPublic:
    """A run with its summary figures."""
    stats = read_stats(run) if run.stats else None
    return RunPublic.model_validate(
        {
            **run.model_dump(exclude={"stats"}),
            "done": run.status in (RunStatus.SUCCEEDED, RunStatus.FAILED),
            "families": stats.families if stats is not None else None,
            "covered": stats.covered if stats is not None else None,
        }
    )


@operation(bp, "POST", "/runs", summary="Request a matching run", tag="runs",
           response=RunPublic, status=201, body=BodySpec(RunRequest, "RunRequest"),
           write=True, municipality_only=True, conflicts=True)  # fmt: skip
def request_run(caller: Caller, session: Session, *, body: RunRequest, **_: Any) -> Answer:
    """Ask for a run now; 409 while another waits or runs."""
    try:
        run = request_user_run(session, user=caller.owner, as_of=body.as_of or today())
    except RunBusy as busy:
        raise ApiProblem(409, ProblemCode.RUN_BUSY,
                         f"Run {busy.run_id} is still waiting or running.") from None  # fmt: skip
    session.commit()
    wake_executor()
    return Answer(201, run_public(run))


@operation(bp, "GET", RUN, summary="A run's status, progress and result summary", tag="runs",
           response=RunPublic, municipality_only=True)  # fmt: skip
def read_run(caller: Caller, session: Session, *, run_id: int, **_: Any) -> Answer:
    """One run."""
    run = session.get(MatchingRun, run_id)
    if run is None:
        raise NotOwned(MatchingRun, run_id)
    return Answer(200, run_public(run))


def _groups(breakdown: dict[str, StoredCoverage]) -> dict[str, Coverage]:
    """One breakdown of a run's stored coverage, as the API shows it."""
    return {name: Coverage(families=c.families, covered=c.covered) for name, c in breakdown.items()}


@operation(bp, "GET", "/coverage", summary="Coverage per district, priority and organisation",
           tag="coverage", response=CoverageReport, municipality_only=True)  # fmt: skip
def coverage(caller: Caller, session: Session, **_: Any) -> Answer:
    """The newest succeeded run's coverage, and the coverage of the runs before it."""
    run = session.exec(
        select(MatchingRun)
        .where(MatchingRun.status == RunStatus.SUCCEEDED, full_runs())
        .order_by(col(MatchingRun.id).desc())
        .limit(1)
    ).first()
    stats = read_stats(run) if run is not None else RunStats()
    history = [
        RunCoverage(run_id=p.run_id, finished_at=p.finished_at, families=p.families,
                    covered=p.covered)
        for p in coverage_series(session)
    ]  # fmt: skip
    report = CoverageReport(
        run_id=run.id if run is not None else None,
        finished_at=run.finished_at if run is not None else None,
        families=stats.families,
        covered=stats.covered,
        by_district=_groups(stats.by_district),
        by_priority=_groups(stats.by_priority),
        by_organisation=_groups(stats.by_organisation),
        history=history,
    )
    return Answer(200, report)
