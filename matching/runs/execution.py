"""Matching runs: request, take the one-run-at-a-time lease, execute, store — all or nothing."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from matching.buddies.problem import build_instance
from matching.buddies.results import store_buddy_results
from matching.db import session_scope
from matching.errors import ProgressStep, progress_sentence, progress_text
from matching.models import MatchingRun, RunLock, Scenario, User
from matching.models.common import utcnow
from matching.offers.answers import expire_offers
from matching.offers.repair import execute_fill
from matching.outbox.queue import enqueue_mail
from matching.outbox.texts import MailTemplate, render_mail
from matching.placement.answers import expire_placement_answers
from matching.placement.problem import PlacementInstance, build_placement_instance
from matching.placement.results import placement_stats, store_placement_results
from matching.recruitment.stored import keep_plan, plan_for_run
from matching.runs import states
from matching.runs.stats import PlacementStats, write_placement
from matching.scenarios import states as scenario_states
from matching.vocab import Role, RunStatus, ScenarioStatus
from solver.assignment.solve import solve_assignment
from solver.placement.answer import PlacementSolution
from solver.placement.solve import start_placement
from solver.status import SolveStatus

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=10)
Progress = Callable[[str], None]
Reporter = Callable[..., None]  # (step, n=None)


class RunRefused(RuntimeError):
    """Another run holds the lease; the message says which."""


def request_run(
    session: Session,
    *,
    trigger: str,
    as_of: date,
    seed: int = 0,
    requested_by_id: int | None = None,
) -> MatchingRun:
    """Write a requested run for an executor to pick up."""
    run = MatchingRun(trigger=trigger, as_of=as_of, seed=seed, requested_by_id=requested_by_id)
    session.add(run)
    session.flush()
    return run


def take_run_lock(session: Session, holder: str) -> None:
    """Take the run lock for this transaction: its row is updated first, whoever comes second
    waits for the first to commit (a row lock on PostgreSQL, the write lock on SQLite)."""
    now = utcnow()
    claim = update(RunLock).where(col(RunLock.id) == 1).values(taken_at=now, holder=holder[:100])
    taken: CursorResult[Any] = session.execute(claim)  # type: ignore[assignment]
    if taken.rowcount:
        return
    # A database built without the migration's row: make it. When another process made it at
    # the same moment, our insert fails; then its row exists and the update waits for its lock.
    try:
        with session.begin_nested():
            session.add(RunLock(id=1, taken_at=now, holder=holder[:100]))
    except IntegrityError:
        session.execute(claim)


def take_lease(engine: Engine, run_id: int, stale_after: timedelta = STALE_AFTER) -> None:
    """Mark the run running, unless another live run or scenario is; stale ones fail first."""
    with session_scope(engine) as session:
        take_run_lock(session, f"run {run_id} pid {os.getpid()}")
        now = utcnow()
        refuse_while_busy(session, now, stale_after, run_id=run_id)
        run = session.get(MatchingRun, run_id)
        if run is None or run.status != RunStatus.REQUESTED:
            raise RunRefused(f"run {run_id} is not waiting to run")
        states.start(run, now)
        session.add(run)


def refuse_while_busy(
    session: Session,
    now: datetime,
    stale_after: timedelta,
    *,
    run_id: int | None = None,
    scenario_id: int | None = None,
) -> None:
    """Refuse (RunRefused) while another run or scenario holds the lease: one at a time, real
    or what-if. A holder whose heartbeat is older than ``stale_after`` is marked failed."""
    runs = session.exec(
        select(MatchingRun).where(MatchingRun.status == RunStatus.RUNNING, MatchingRun.id != run_id)
    ).all()
    scenarios = session.exec(
        select(Scenario).where(
            Scenario.status == ScenarioStatus.RUNNING, Scenario.id != scenario_id
        )
    ).all()
    holders: list[MatchingRun | Scenario] = [*runs, *scenarios]
    for holder in holders:
        beat = holder.heartbeat_at or holder.started_at or holder.requested_at
        if beat is not None and _aware(beat) >= now - stale_after:
            kind = "run" if isinstance(holder, MatchingRun) else "scenario"
            raise RunRefused(f"{kind} {holder.id} is still running; try again when it is done")
        stale = "its process stopped answering (stale lease)"
        if isinstance(holder, MatchingRun):
            _fail(holder, stale)
        else:
            scenario_states.fail(holder, stale)
        session.add(holder)


def execute_run(
    engine: Engine, run_id: int, *, time_limit_s: float = 30.0, progress: Progress | None = None
) -> MatchingRun:
    """Run the matching; on any failure nothing changes but the run, marked failed with why."""
    take_lease(engine, run_id)
    say = _reporter(engine, run_id, progress)
    try:
        with session_scope(engine) as session:
            # Offers not answered in time expire first, so the run fills their gaps.
            expired = expire_offers(session, utcnow())
            expire_placement_answers(session, now=utcnow())
        if expired:
            log.info("run %s: %d offers expired before it", run_id, len(expired))
        with session_scope(engine) as session:
            # Read and solve first, store last: progress reports write the run row from their
            # own connection, which SQLite allows only while this session has written nothing.
            run = _get(session, run_id)
            say(ProgressStep.READING)
            if run.family_id is not None:  # "fill now": one family's gap, nothing else
                run.proposals_made = execute_fill(session, run, time_limit_s)
                states.succeed(run)
                session.add(run)
            else:
                _execute_full(session, run, time_limit_s, say)
    except Exception as exc:
        log.exception("run %s failed", run_id)
        return mark_failed(engine, run_id, exc)
    return _finished(engine, run_id)


def _execute_full(session: Session, run: MatchingRun, time_limit_s: float, say: Reporter) -> None:
    """The weekly run's work: solve buddies and placements, then store both answers.

    The placement starts first: its components are solved in worker processes while this
    process builds and solves the buddy problem, plans recruitment and stores the buddy
    results (on `large` about 11 s of the one and 12 s of the other, one after the other
    before). Progress is said before anything is written (see `execute_run`)."""
    students = build_placement_instance(session, run.as_of, run.seed, time_limit_s)
    with start_placement(students.problem) as placing:
        say(ProgressStep.PLACING)
        buddies = build_instance(session, run.as_of, run.seed, time_limit_s)
        say(ProgressStep.SOLVING, len(buddies.problem.edge_score))
        buddy_solution = solve_assignment(buddies.problem)
        plan = plan_for_run(session, run, buddies, buddy_solution)
        say(ProgressStep.STORING)
        store_buddy_results(session, run, buddies, buddy_solution)
        student_solution = placing.result()
    keep_plan(run, plan)
    store_placement(session, run, students, student_solution)
    states.succeed(run)


def _finished(engine: Engine, run_id: int) -> MatchingRun:
    """The run as stored once its transaction is committed."""
    with session_scope(engine) as session:
        return _get(session, run_id)


def store_placement(
    session: Session, run: MatchingRun, instance: PlacementInstance, solution: PlacementSolution
) -> None:
    """Add the placement's proposals and figures to the run.

    A placement without any answer in its time limit (UNKNOWN) leaves the placement proposals
    as they were; the buddy proposals of the run still stand, and the run says so.
    """
    if solution.status == SolveStatus.UNKNOWN:
        run.solver_status = SolveStatus.UNKNOWN
        write_placement(run, PlacementStats(status=SolveStatus.UNKNOWN, note="no answer in time"))
        session.add(run)
        return
    made = store_placement_results(session, run, instance, solution)
    run.proposals_made += made
    write_placement(run, placement_stats(instance, solution), dict(solution.objective))
    if solution.status != SolveStatus.OPTIMAL:
        run.solver_status = solution.status
    session.add(run)


def _reporter(engine: Engine, run_id: int, echo: Progress | None) -> Reporter:
    """Report progress on the run row as a code (with a heartbeat), to the caller in words."""

    def report(step: ProgressStep, n: int | None = None) -> None:
        with session_scope(engine) as session:
            run = _get(session, run_id)
            run.progress, run.heartbeat_at = progress_text(step, n), utcnow()
            session.add(run)
        if echo is not None:
            echo(progress_sentence(step, n))

    return report


def pending_runs(session: Session) -> list[int]:
    """Ids of the runs waiting for an executor, oldest first."""
    query = select(MatchingRun.id).where(MatchingRun.status == RunStatus.REQUESTED)
    return [run_id for run_id in session.exec(query.order_by(col(MatchingRun.id))).all() if run_id]


def mark_failed(engine: Engine, run_id: int, exc: BaseException) -> MatchingRun:
    """Record the failure on the run row (in its own transaction)."""
    with session_scope(engine) as session:
        run = _get(session, run_id)
        _fail(run, f"{type(exc).__name__}: {exc}")
        session.add(run)
        _tell_coordinators(session, run)
    return run


def _tell_coordinators(session: Session, run: MatchingRun) -> None:
    """Mail every active coordinator that a run failed, and why."""
    coordinators = session.exec(
        select(User).where(User.role == Role.COORDINATOR, col(User.active))
    ).all()
    for user in coordinators:
        text = render_mail(
            MailTemplate.RUN_FAILED, run_id=run.id, trigger=run.trigger, error=run.error
        )
        enqueue_mail(session, recipient=user.email, subject=text.subject, body=text.body)


def _fail(run: MatchingRun, error: str) -> None:
    """Set a run's failed state."""
    states.fail(run, error)


def _get(session: Session, run_id: int) -> MatchingRun:
    """The run row, or a clear error."""
    run = session.get(MatchingRun, run_id)
    if run is None:
        raise LookupError(f"no matching run {run_id}")
    return run


def _aware(moment: Any) -> Any:
    """Treat a naive timestamp read back from SQLite as UTC."""
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
