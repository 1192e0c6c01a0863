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
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from solver.cpsat_tiers import TierOutcome
from solver.placement.descent import Descent
from solver.placement.highs import (
    LpBound,
    lp_bounds,
    restore_bounds,
    save_bounds,
    solve_lp,
    solve_mip,
    tighten,
)
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
from solver.status import SolveStatus

log = logging.getLogger(__name__)

NOT_REALISED = "the plain half-days' places ran out"
NOT_INTEGRAL = "no answer with integral columns reaches stage A's optimum"
LP_MIN_S = 1.0  # stage A's LP gets this much time at least
# Of the time left, each stage A solve may use this share: the first one is usually the
# last, and a half (as before) let it run out where the whole would have proven it.
STAGE_A_SHARE = 0.8
GIVE_UP_STEP = 64  # stage A stops tightening once its target fell this far below the LP
_ANSWERED = (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


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
class StageB:
    """Stage B's end: OPTIMAL, FEASIBLE (time limit), INFEASIBLE or UNKNOWN; the
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
    floor: tuple[int, int] | None = None,
) -> PatternResult:
    """Solve one component's tiers with the pattern model; realise the answer exactly.
    `wait`: end the second thread's work before returning (False in a worker process,
    which is terminated instead: solver/placement/parallel.py); `floor`: (placed,
    coverage) of an answer known, stage A never looks below it.

    When the plain half-days' places ran out in the realisation, solve again with every
    half-day that could run out tracked: that model is exact, only larger. When stage B
    finds no answer at stage A's optimum (possible only if tightened rows broke the
    transportation structure that makes continuous columns exact), solve stage A again
    with integral columns."""
    deadline = time.perf_counter() + time_limit_s
    exact = integral = False
    while True:
        result = _solve_patterns(
            problem, options, students, deadline, (exact, integral), wait, floor
        )
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
    floor: tuple[int, int] | None = None,
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
    # Even out of time: its bound of tiers 0-1 is worth the second it takes.
    lp = solve_lp(a.model, max(deadline, time.perf_counter() + LP_MIN_S))
    if lp is None:
        return PatternResult(False, reason="no LP optimum (pins that cannot hold, or no time)")

    def stage_b(target: int) -> StageB:
        """Stage B for tiers 0-1 worth `target`, on a fresh copy of the model."""
        b = build_pattern_model(problem, options, students, tracked, columns)
        return solve_stage_b(b, lp, target, top, problem.seed, deadline)

    known = -math.inf if floor is None else floor[0] * (top + 1) + floor[1]
    descent = Descent(first_target(lp), top, known)

    def follow(target: int, outcome: StageB) -> int | None:
        """Stage B's own next target, while stage A still works (solver/placement/descent.py)."""
        return descent.heard(target, outcome.status)

    with Speculation(stage_b, wait=wait, follow=follow) as early:
        stage_a = solve_stage_a(a, lp, problem.seed, deadline, early.guess, known, descent.stop)
        early.close()
        stage_a_values: list[float] = []
        if descent.optimum is not None:  # proven by stage B alone: its answer is at hand
            optimum, proven = descent.optimum, True
        elif stage_a is None:
            return PatternResult(False, reason="tiers 0-1 not proven in time", lp=(lp.value, top))
        else:
            optimum, stage_a_values, proven = stage_a
        outcome = early.take(optimum) if proven else StageB(SolveStatus.UNKNOWN)
    if outcome.status == SolveStatus.INFEASIBLE:
        return PatternResult(False, reason=NOT_INTEGRAL)
    if outcome.status != SolveStatus.OPTIMAL and outcome.status != SolveStatus.FEASIBLE:
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
    status = SolveStatus.OPTIMAL if merged == bound else SolveStatus.FEASIBLE
    tiers = [*tiers_0_1(placed, coverage, lp.value if not proven else None, top)]
    tiers += split_merged(status if proven else SolveStatus.FEASIBLE, merged, bound, k)
    return PatternResult(True, tiers, placements, lp=(lp.value, top))


def tiers_0_1(placed: int, coverage: int, lp: float | None, top: int) -> list[TierOutcome]:
    """Tiers 0-1 of an answer: proven (`lp` None), else bounded by stage A's LP bound: tier
    0 by B / (top + 1) and, given `placed`, tier 1 by B - placed * (top + 1)."""
    bounds = (placed, coverage) if lp is None else lp_bounds(lp, top, placed)
    bounds = (max(bounds[0], placed), max(bounds[1], coverage))
    return [
        TierOutcome(
            name, SolveStatus.OPTIMAL if bound == value else SolveStatus.FEASIBLE, value, bound
        )
        for name, value, bound in zip(TIER_NAMES[:2], (placed, coverage), bounds, strict=True)
    ]


def split_merged(status: str, value: int, bound: int, k: int) -> list[TierOutcome]:
    """Split a `quality * k + kept` outcome back into the quality and kept tiers."""
    quality, kept = divmod(value, k)
    quality_bound = bound // k
    kept_bound = bound - quality * k if quality_bound == quality else k - 1
    return [
        TierOutcome(TIER_NAMES[2], status, quality, quality_bound),
        TierOutcome(TIER_NAMES[3], status, kept, kept_bound),
    ]


def solve_stage_a(
    m: PatternModel,
    lp: LpBound,
    seed: int,
    deadline: float,
    on_target: Callable[[int], None] = lambda target: None,
    floor: float = -math.inf,
    stop: threading.Event | None = None,
) -> tuple[int, list[float], bool] | None:
    """The optimum of tiers 0-1 (the objective already set, `lp` its LP optimum), the
    variables' values reaching it and True; when the time runs out (or `stop` is set), the
    best answer found and False, or None without one. `on_target` hears each target before
    it is checked.

    HiGHS looks for the best answer within the bounds `tighten` gives for a target, first
    the LP bound rounded down. Every answer worth the target lies within them, so if the
    best found reaches the target it is the optimum. Otherwise the optimum is below the
    target and at least the best answer found so far, z (any answer within tightened
    bounds is one of the model): it is z once z is one below the target. Else the target
    drops (by 1, 2, 4, ... until GIVE_UP_STEP, then without tightening), never below z nor
    `floor`, the value of an answer known (the greedy's: the model is a relaxation, so the
    optimum is at least that, and the bounds for it are the tightest that are safe). (The
    method before solved again for target z, proving what the last solve had proven: with
    z one below, on a benchmark-shaped city, that ran 40 s out of time.)
    """
    saved = save_bounds(m.model)
    target: float = first_target(lp)
    step = 1
    best: tuple[int, list[float]] | None = None  # the best answer found within any bounds
    while True:
        if math.isfinite(target):
            on_target(int(target))
            tighten(m, lp, target)
        seconds = (deadline - time.perf_counter()) * STAGE_A_SHARE
        status, found, values = solve_mip(m.model, seed, seconds, stop)
        restore_bounds(m.model, saved)
        log.debug("stage A for %s: %s %s", target, status, found)
        if status == SolveStatus.OPTIMAL and found >= target:
            return found, values, True
        if status in _ANSWERED and (best is None or found > best[0]):
            best = (found, values)  # within tightened bounds, so an answer of the model
        # Nothing worth `target`: the optimum is below it, and at least `best`.
        below = status == SolveStatus.OPTIMAL or (
            status == SolveStatus.INFEASIBLE and math.isfinite(target)
        )
        if below and best is not None and best[0] >= target - 1:
            return best[0], best[1], True
        if not below or (stop is not None and stop.is_set()):
            # Out of time, or stopped: the best answer found, unproven.
            return None if best is None else (best[0], best[1], False)
        target = _next_target(target, step, floor)
        target = target if best is None else max(target, best[0])
        step *= 2


def first_target(lp: LpBound) -> int:
    """Stage A's first target: its LP bound rounded down (no answer is worth more)."""
    return math.floor(lp.value + 1e-6)


def _next_target(target: float, step: int, floor: float) -> float:
    """Stage A's next target below `target`: `step` lower, never below `floor` (the value
    of an answer known); without tightening (-inf) once the step reached GIVE_UP_STEP or
    the target was already the floor."""
    if target <= floor:
        return -math.inf
    lower = target - step if step < GIVE_UP_STEP else -math.inf
    return max(lower, floor)


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
    if status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return StageB(status)
    bound = value if status == SolveStatus.OPTIMAL else stage_b_bound(m)
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
    return StageB(SolveStatus.FEASIBLE, 0, stage_b_bound(m), columns)


def stage_b_bound(m: PatternModel) -> int:
    """A proven bound of stage B's objective: its LP relaxation's (GLOP, given a second
    past the deadline, as HiGHS through OR-Tools reports no bound of its own), else every
    quality term and kept triple at its best."""
    relaxed = solve_lp(m.model, time.perf_counter() + 1.0)
    if relaxed is not None:
        return math.floor(relaxed.value + 1e-6)
    k = m.kept_limit + 1
    return round(sum(coef * var.upper_bound for var, coef in m.quality)) * k + m.kept_limit
