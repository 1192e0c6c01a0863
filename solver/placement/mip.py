"""Solving the pattern model (solver/placement/patterns.py) exactly with HiGHS, and
realising its answer.

Stage A, tiers 0-1 as `placed * (C + 1) + coverage` (C bounds the coverage): the columns
stay continuous, which is exact because for integer counts they form a transportation
problem (whose polytope is integral). Stage B, tiers 2-3 as `quality * k + kept` (k above
any kept total), tiers 0-1 fixed, columns integral (branching on students measured several
times faster there). Both are solved by HiGHS with gap 0 within bounds tightened for a
target (`tighten`): the LP relaxation (GLOP) of stage A, with its reduced costs and duals,
says how far an answer worth the target can stray from the LP optimum, which closes most
columns and counts and pins most rows. Stage B for a target runs in a second thread, on
its own copy of the model, while stage A checks that target (`Speculation`); a wrong guess
is infeasible and only costs that thread time, so the answer never depends on the timing.

`realise` then fixes the chosen locations and picks half-days and groups exactly, by a
min-cost flow; when that reaches the model's values they are optimal (the model is a
relaxation). When the plain half-days' places ran out instead, the model is solved again
with every half-day tracked that could run out, which is exact. The caller falls back to
the CP-SAT model over all half-days (solver/placement/model.py) when stage A is not
proven in time or the model would be too large.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.linear_solver.python import model_builder as mb

from solver.cpsat_tiers import TierOutcome
from solver.native_stdout import stdout_to_stderr
from solver.placement.model import TIER_NAMES
from solver.placement.objective import placement_objective
from solver.placement.options import Options
from solver.placement.patterns import (
    PatternModel,
    Slot,
    build_pattern_model,
    enumerate_columns,
    linear_sum,
    tracked_half_days,
)
from solver.placement.problem import PlacementProblem
from solver.placement.realise import Placement, realise
from solver.placement.speculation import Speculation
from solver.placement.transport import columns_from_counts

log = logging.getLogger(__name__)

Bounds = tuple[list[tuple[float, float]], list[tuple[float, float]]]
MARGIN = 0.5  # objective values are integers: this absorbs the LP's floating-point error
NOT_REALISED = "the plain half-days' places ran out"
NOT_INTEGRAL = "no answer with integral columns reaches stage A's optimum"
GIVE_UP_STEP = 64  # stage A stops tightening once its target fell this far below the LP
BACKEND = "highs"  # model_builder's name; "scip" works too (bench/placement_bench.py)


@dataclass
class PatternResult:
    """How the pattern model ended for one component.

    `solved`: tiers 0-1 proven and realised; `tiers` then holds each tier's outcome (the
    last ones may be unproven or missing when the time ran out) and `placements` the
    answer. Otherwise the caller falls back to the CP-SAT model over half-days.
    """

    solved: bool
    tiers: list[TierOutcome] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    reason: str = ""
    lp: tuple[float, int] | None = None  # stage A's LP bound and its `top`, when known


@dataclass
class LpBound:
    """An LP optimum: its value, reduced costs (by variable index), duals and activities
    (by row index)."""

    value: float
    reduced: list[float]
    dual: list[float]
    activity: list[float]


@dataclass
class StageB:
    """Stage B's end: "OPTIMAL", "FEASIBLE" (time limit), "INFEASIBLE" or "UNKNOWN"; the
    merged value and proven bound, and the columns' values."""

    status: str
    value: int = 0
    bound: int = 0
    columns: list[int] = field(default_factory=list)


def solve_patterns(
    problem: PlacementProblem,
    options: Options,
    students: list[str],
    time_limit_s: float,
    wait: bool = True,
) -> PatternResult:
    """Solve one component's tiers with the pattern model; realise the answer exactly.
    `wait`: end the second thread's work before returning (False in a worker process,
    which is terminated instead: solver/placement/parallel.py).

    When the plain half-days' places ran out in the realisation, solve again with every
    half-day that could run out tracked: that model is exact, only larger. When stage B
    finds no answer at stage A's optimum (possible only if tightened rows broke the
    transportation structure that makes continuous columns exact), solve stage A again
    with integral columns."""
    deadline = time.perf_counter() + time_limit_s
    exact = integral = False
    while True:
        result = _solve_patterns(problem, options, students, deadline, (exact, integral), wait)
        if result.reason == NOT_REALISED and not exact:
            log.info("plain half-days ran out; tracking every half-day that can")
            exact = True
        elif result.reason == NOT_INTEGRAL and not integral:
            log.info("stage A's optimum needs fractional columns; solving it with integral ones")
            integral = True
        else:
            return result


def _solve_patterns(
    problem: PlacementProblem,
    options: Options,
    students: list[str],
    deadline: float,
    variant: tuple[bool, bool],
    wait: bool = True,
) -> PatternResult:
    """Solve and realise one component with the pattern model (see `solve_patterns`);
    `variant`: every half-day that can run out tracked, columns integral."""
    exact, integral = variant
    tracked = tracked_half_days(problem, options, students, exact)
    columns = enumerate_columns(problem, options, students, tracked)
    if columns is None:
        return PatternResult(False, reason="too many columns")
    a = build_pattern_model(problem, options, students, tracked, columns)
    for var in a.x:
        var.is_integral = integral
    top = round(sum(coef * var.upper_bound for var, coef in a.coverage))  # >= any coverage
    a.model.maximize(linear_sum([(var, coef * (top + 1)) for var, coef in a.placed] + a.coverage))
    lp = solve_lp(a.model, deadline)
    if lp is None:
        return PatternResult(False, reason="no LP optimum (pins that cannot hold, or no time)")

    def stage_b(target: int) -> StageB:
        """Stage B for tiers 0-1 worth `target`, on a fresh copy of the model."""
        b = build_pattern_model(problem, options, students, tracked, columns)
        return solve_stage_b(b, lp, target, top, problem.seed, deadline)

    with Speculation(stage_b, wait=wait) as early:
        stage_a = solve_stage_a(a, lp, problem.seed, deadline, early.guess)
        early.close()
        if stage_a is None:
            return PatternResult(False, reason="tiers 0-1 not proven in time", lp=(lp.value, top))
        optimum, stage_a_values, proven = stage_a
        outcome = early.take(optimum) if proven else StageB("UNKNOWN")
    if outcome.status == "INFEASIBLE":
        return PatternResult(False, reason=NOT_INTEGRAL)
    if outcome.status != "OPTIMAL" and outcome.status != "FEASIBLE":
        log.info("stage B has no answer (proven %s); filling stage A's counts by a flow", proven)
        b = build_pattern_model(problem, options, students, tracked, columns)
        counts = {slot: round(stage_a_values[var.index]) for slot, var in a.count.items()}
        filled = stage_b_from_counts(problem, b, lp, optimum, top, counts)
        if filled is None:
            return PatternResult(False, reason="tiers 2-3 found no answer in time")
        outcome = filled
    placed, coverage = divmod(optimum, top + 1)
    chosen = [j for j, value in enumerate(outcome.columns) if value]
    placements = realise(problem, options, {columns[j][0]: columns[j][1] for j in chosen})
    if placements is None:
        return PatternResult(False, reason=NOT_REALISED)
    got = placement_objective(problem, placements)
    k = a.kept_limit + 1
    merged = got[TIER_NAMES[2]] * k + got[TIER_NAMES[3]]
    bound = outcome.bound
    realised = (got[TIER_NAMES[0]], got[TIER_NAMES[1]]) == (placed, coverage)
    # The flow keeps at least the previous triples the model did; more than its bound would
    # mean the model was no relaxation (a bug), so such an answer is not trusted.
    if not realised or not outcome.value <= merged <= bound:
        log.info("pattern model %s not realised: %s", (placed, coverage, outcome.value), got)
        return PatternResult(False, reason=NOT_REALISED)
    status = "OPTIMAL" if merged == bound else "FEASIBLE"
    tiers = [*tiers_0_1(placed, coverage, lp.value if not proven else None, top)]
    tiers += split_merged(status if proven else "FEASIBLE", merged, bound, k)
    return PatternResult(True, tiers, placements, lp=(lp.value, top))


def tiers_0_1(placed: int, coverage: int, lp: float | None, top: int) -> list[TierOutcome]:
    """Tiers 0-1 of an answer: proven (`lp` None), else bounded by stage A's LP bound: tier
    0 by B / (top + 1) and, given `placed`, tier 1 by B - placed * (top + 1)."""
    if lp is None:
        bounds = (placed, coverage)
    else:
        total = math.floor(lp + MARGIN)
        bounds = (
            max(total // (top + 1), placed),
            max(min(total - placed * (top + 1), top), coverage),
        )
    return [
        TierOutcome(name, "OPTIMAL" if bound == value else "FEASIBLE", value, bound)
        for name, value, bound in zip(TIER_NAMES[:2], (placed, coverage), bounds, strict=True)
    ]


def lp_bounds(lp: float, top: int, placed: int) -> tuple[int, int]:
    """Stage A's LP bound B of `placed * (top + 1) + coverage` as tier bounds: tier 0 is at
    most B / (top + 1); an answer placing `placed` covers at most B - placed * (top + 1)."""
    total = math.floor(lp + MARGIN)
    return total // (top + 1), min(total - placed * (top + 1), top)


def split_merged(status: str, value: int, bound: int, k: int) -> list[TierOutcome]:
    """Split a `quality * k + kept` outcome back into the quality and kept tiers."""
    quality, kept = divmod(value, k)
    quality_bound = bound // k
    kept_bound = bound - quality * k if quality_bound == quality else k - 1
    return [
        TierOutcome(TIER_NAMES[2], status, quality, quality_bound),
        TierOutcome(TIER_NAMES[3], status, kept, kept_bound),
    ]


def solve_lp(model: mb.Model, deadline: float) -> LpBound | None:
    """The LP relaxation by GLOP, with reduced costs, duals and row activities."""
    solver = mb.Solver("glop")
    solver.set_time_limit_in_seconds(max(deadline - time.perf_counter(), 0.001))
    if solver.solve(model) != mb.SolveStatus.OPTIMAL:
        return None
    rows = model.get_linear_constraints()
    return LpBound(
        solver.objective_value,
        [float(r) for r in solver.reduced_costs(model.get_variables())],
        [float(y) for y in solver.dual_values(rows)],
        [float(solver.activity(row)) for row in rows],
    )


def tighten(m: PatternModel, lp: LpBound, target: float) -> None:
    """Tighten every bound to what an answer worth at least `target` allows.

    For an LP optimum B with reduced costs r and duals y, any answer is worth at most
    B - sum |r_j| * (distance of variable j from its LP bound) - sum |y_i| * (slack of row
    i); so an answer worth `target` keeps each distance below (B - target) / |r_j| and each
    slack below (B - target) / |y_i|. Distances and slacks of integral answers are integers.
    """
    budget = lp.value - target + MARGIN
    for var in m.model.get_variables():
        r = lp.reduced[var.index]
        if abs(r) <= 1e-9:
            continue
        reach = math.ceil(budget / abs(r)) - 1
        if r < 0 and math.isfinite(var.lower_bound):
            var.upper_bound = max(min(var.upper_bound, var.lower_bound + reach), var.lower_bound)
        elif r > 0 and math.isfinite(var.upper_bound):
            var.lower_bound = min(max(var.lower_bound, var.upper_bound - reach), var.upper_bound)
    for row in m.model.get_linear_constraints():
        y, activity = lp.dual[row.index], lp.activity[row.index]
        if abs(y) <= 1e-9 or row.lower_bound == row.upper_bound:
            continue
        reach = math.ceil(budget / abs(y)) - 1
        if math.isfinite(row.upper_bound) and abs(activity - row.upper_bound) <= 1e-6:
            row.lower_bound = max(row.lower_bound, row.upper_bound - reach)
        elif math.isfinite(row.lower_bound) and abs(activity - row.lower_bound) <= 1e-6:
            row.upper_bound = min(row.upper_bound, row.lower_bound + reach)


def solve_stage_a(
    m: PatternModel,
    lp: LpBound,
    seed: int,
    deadline: float,
    on_target: Callable[[int], None] = lambda target: None,
) -> tuple[int, list[float], bool] | None:
    """The optimum of tiers 0-1 (the objective already set, `lp` its LP optimum), the
    variables' values reaching it and True; when the time runs out, the best answer found
    and False, or None without one. `on_target` hears each target before it is checked.

    HiGHS looks for the best answer within the bounds `tighten` gives for a target, first
    the LP bound rounded down. Every answer worth the target lies within them, so if the
    best found reaches the target it is the optimum; if it is worth less, z, the optimum
    is below the target and a second solve for target z finds it; if there is none, the
    target drops (by 1, 2, 4, ... until GIVE_UP_STEP, then without tightening).
    """
    saved = _bounds(m.model)
    target: float = math.floor(lp.value + 1e-6)
    step = 1
    while True:
        if math.isfinite(target):
            on_target(int(target))
            tighten(m, lp, target)
        status, found, values = solve_mip(m.model, seed, (deadline - time.perf_counter()) / 2)
        _restore(m.model, saved)
        log.debug("stage A for %s: %s %s", target, status, found)
        if status == "OPTIMAL":
            if found >= target:
                return found, values, True
            target = found
        elif status == "INFEASIBLE" and math.isfinite(target):
            target = target - step if step < GIVE_UP_STEP else -math.inf
            step *= 2
        elif status == "FEASIBLE":
            return found, values, False  # out of time: the best answer found, unproven
        else:
            return None


def set_stage_b(m: PatternModel, lp: LpBound, optimum: int, top: int) -> None:
    """Make `m` stage B: maximise `quality * k + kept` with tiers 0-1 fixed at `optimum`
    (stage A's objective `placed * (top + 1) + coverage`), within the bounds `tighten`
    gives for it, columns integral."""
    tighten(m, lp, optimum)
    placed, coverage = divmod(optimum, top + 1)
    m.model.add_linear_constraint(linear_sum(m.placed), lb=placed)
    m.model.add_linear_constraint(linear_sum(m.coverage), lb=coverage)
    for var in m.x:
        var.is_integral = True
    k = m.kept_limit + 1
    m.model.maximize(linear_sum([(var, coef * k) for var, coef in m.quality] + m.kept))


def solve_stage_b(
    m: PatternModel, lp: LpBound, optimum: int, top: int, seed: int, deadline: float
) -> StageB:
    """Solve stage B (`set_stage_b`) for tiers 0-1 worth `optimum`."""
    set_stage_b(m, lp, optimum, top)
    status, value, values = solve_mip(m.model, seed, deadline - time.perf_counter())
    log.debug("stage B for %s: %s %s", optimum, status, value)
    if status not in ("OPTIMAL", "FEASIBLE"):
        return StageB(status)
    bound = value if status == "OPTIMAL" else stage_b_bound(m)
    return StageB(status, value, bound, [round(values[var.index]) for var in m.x])


def stage_b_from_counts(
    problem: PlacementProblem,
    m: PatternModel,
    lp: LpBound,
    optimum: int,
    top: int,
    counts: dict[Slot, int],
) -> StageB | None:
    """A FEASIBLE stage B without HiGHS: stage A's counts filled with students by a flow
    (solver/placement/transport.py), with stage B's LP bound; None if the flow fails."""
    set_stage_b(m, lp, optimum, top)
    columns = columns_from_counts(problem, m, counts)
    if columns is None:
        return None
    return StageB("FEASIBLE", 0, stage_b_bound(m), columns)


def stage_b_bound(m: PatternModel) -> int:
    """A proven bound of stage B's objective: its LP relaxation's (GLOP, given a second
    past the deadline, as HiGHS through OR-Tools reports no bound of its own), else every
    quality term and kept triple at its best."""
    relaxed = solve_lp(m.model, time.perf_counter() + 1.0)
    if relaxed is not None:
        return math.floor(relaxed.value + 1e-6)
    k = m.kept_limit + 1
    return round(sum(coef * var.upper_bound for var, coef in m.quality)) * k + m.kept_limit


def solve_mip(model: mb.Model, seed: int, seconds: float) -> tuple[str, int, list[float]]:
    """Solve the MIP with BACKEND (HiGHS; SCIP for comparison), gap 0, seeded, within
    `seconds`: the status (OPTIMAL, FEASIBLE, INFEASIBLE or UNKNOWN), the objective value
    and the variables' values."""
    solver = mb.Solver(BACKEND)
    solver.set_time_limit_in_seconds(max(seconds, 0.001))
    if BACKEND == "highs":
        # output_flag first: it also keeps HiGHS' banner off stdout.
        solver.set_solver_specific_parameters(
            f"output_flag = false\nmip_rel_gap = 0\nrandom_seed = {seed % 2_147_483_647}"
        )
    with stdout_to_stderr():
        status = solver.solve(model)
    if status == mb.SolveStatus.INFEASIBLE:
        return "INFEASIBLE", 0, []
    if status not in (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE):
        return "UNKNOWN", 0, []
    name = "OPTIMAL" if status == mb.SolveStatus.OPTIMAL else "FEASIBLE"
    values = [float(v) for v in solver.values(model.get_variables())]
    return name, round(solver.objective_value), values


def _bounds(model: mb.Model) -> Bounds:
    """Every variable's and row's bounds."""
    return (
        [(v.lower_bound, v.upper_bound) for v in model.get_variables()],
        [(r.lower_bound, r.upper_bound) for r in model.get_linear_constraints()],
    )


def _restore(model: mb.Model, saved: Bounds) -> None:
    """Put back bounds saved by `_bounds`."""
    for var, (lower, upper) in zip(model.get_variables(), saved[0], strict=True):
        var.lower_bound, var.upper_bound = lower, upper
    for row, (lower, upper) in zip(model.get_linear_constraints(), saved[1], strict=True):
        row.lower_bound, row.upper_bound = lower, upper
