"""The recruitment plan kept with the run that made it.

A run has its buddy problem built and solved in memory; planning from it there costs no
second solve, where a page computing the plan would rebuild and re-solve the whole problem
(seconds at national scale, in every web process). The plan is stored in the run's figures
(``run.stats``) as JSON and read back by the pages and scenarios.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from sqlmodel import Session

from matching.buddies.problem import BuddyInstance
from matching.models import MatchingRun
from matching.recruitment.plan import PLAN_STEPS, Plan, plan_of, setting_of
from matching.runs.stats import read_stats, write_stats
from solver.assignment.solve import AssignmentSolution
from solver.status import SolveStatus

_PLAN = TypeAdapter(Plan)


def plan_for_run(
    session: Session, run: MatchingRun, instance: BuddyInstance, solution: AssignmentSolution
) -> Plan | None:
    """The plan from the run's own problem and answer (reads, never writes).

    Only an optimal answer has the residual network the gains are exact in; otherwise the
    run gets no plan and says so by its absence."""
    if solution.status != SolveStatus.OPTIMAL:
        return None
    return plan_of(session, setting_of(session, instance, solution), run.as_of, PLAN_STEPS)


def keep_plan(run: MatchingRun, plan: Plan | None) -> None:
    """Store the plan in the run's figures (after the buddy results wrote them)."""
    if plan is None:
        return
    stats = read_stats(run)
    stats.recruitment_plan = _PLAN.dump_python(plan, mode="json")
    write_stats(run, stats)


def stored_plan(run: MatchingRun) -> Plan | None:
    """The plan the run made, or None (a run from before plans, or without an optimum)."""
    raw: dict[str, Any] | None = read_stats(run).recruitment_plan
    return None if raw is None else _PLAN.validate_python(raw)
