"""Lexicographic optimisation with CP-SAT: one tier after another, each fixed at its optimum."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.errors import SolverError
from solver.status import SolveStatus

log = logging.getLogger(__name__)
Expr = cp_model.LinearExpr


@dataclass(frozen=True)
class TierOutcome:
    """How one tier ended: CP-SAT status name, best value found and proven bound."""

    name: str
    status: str
    value: int | None
    bound: int | None


@dataclass
class TieredResult:
    """The overall status, the tiers' outcomes and the values of the watched variables."""

    status: str
    tiers: list[TierOutcome] = field(default_factory=list)
    values: list[int] | None = None  # of the watched variables, from the last solution found


@dataclass(frozen=True)
class SearchSettings:
    """Time limit for all tiers together, random seed, search workers, LP-led search."""

    time_limit_s: float
    seed: int
    num_workers: int = 1
    lp_led: bool = False  # full LP relaxation and LP-guided branching (for flow-like models)


def solve_tiers(
    model: cp_model.CpModel,
    tiers: Sequence[tuple[str, Expr]],
    watch: Sequence[cp_model.IntVar],
    settings: SearchSettings,
) -> TieredResult:
    """Maximise each tier in turn, fixing it at the value reached before the next one.

    A tier stopped by the time limit with a solution is fixed at that value (status
    FEASIBLE, its bound reported); a tier stopped without one ends the search and the
    last solution stands. Each tier gets the remaining time divided by the tiers left.
    """
    deadline = time.perf_counter() + settings.time_limit_s
    result = TieredResult(status=SolveStatus.OPTIMAL)
    for position, (name, expression) in enumerate(tiers):
        remaining = max(deadline - time.perf_counter(), 0.0) / (len(tiers) - position)
        solver = _solver(settings, remaining)
        model.maximize(expression)
        status = solver.solve(model)
        outcome = _outcome(name, status, solver, expression)
        result.tiers.append(outcome)
        log.info(
            "tier %s: %s value %s bound %s", name, outcome.status, outcome.value, outcome.bound
        )
        if outcome.value is None:
            result.status = _stopped_status(outcome.status, result.values is not None)
            return result
        result.values = [solver.value(var) for var in watch]
        if outcome.status == SolveStatus.FEASIBLE:
            result.status = SolveStatus.FEASIBLE
        model.add(expression >= outcome.value)
        model.clear_hints()
        for var, value in zip(watch, result.values, strict=True):
            model.add_hint(var, value)
    return result


def _solver(settings: SearchSettings, time_limit_s: float) -> cp_model.CpSolver:
    """Return a CP-SAT solver with a time limit, a fixed seed and fixed workers."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.random_seed = settings.seed
    solver.parameters.num_workers = settings.num_workers
    if settings.lp_led:
        # Measured on the placement benchmark: with a tight LP, branching on it and adding
        # all its rows up front finds and proves the optimum several times faster.
        solver.parameters.linearization_level = 2
        solver.parameters.search_branching = cp_model.LP_SEARCH
        solver.parameters.add_lp_constraints_lazily = False
        solver.parameters.cp_model_probing_level = 0
    return solver


def _outcome(
    name: str, status: cp_model.CpSolverStatus, solver: cp_model.CpSolver, expression: Expr
) -> TierOutcome:
    """Read a tier's value and bound, after checking the status allows reading them."""
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        value = round(solver.value(expression))
        bound = int(solver.best_objective_bound) if status == cp_model.FEASIBLE else value
        return TierOutcome(name, SolveStatus(solver.status_name(status)), value, bound)
    if status in (cp_model.INFEASIBLE, cp_model.UNKNOWN):
        return TierOutcome(name, SolveStatus(solver.status_name(status)), None, None)
    if status == cp_model.MODEL_INVALID:
        raise SolverError(f"CP-SAT rejected the model at tier {name!r} as invalid")
    raise SolverError(f"CP-SAT returned unexpected status {status} at tier {name!r}")


def _stopped_status(status: str, have_solution: bool) -> str:
    """Overall status when a tier found no solution: an earlier tier's answer stands."""
    if have_solution:
        if status == SolveStatus.INFEASIBLE:
            raise SolverError("a tier became infeasible after fixing an earlier tier's value")
        return SolveStatus.FEASIBLE
    return status
