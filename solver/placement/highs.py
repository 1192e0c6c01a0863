"""The pattern model's LP (GLOP) and MIP (HiGHS) calls, and its bounds tightened by the LP.

`tighten` is the reduced-cost fixing that makes the pattern MIP fast: see solver/README.md.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from ortools.linear_solver.python import model_builder as mb

from solver.native_stdout import stdout_to_stderr
from solver.placement.highs_run import OPTIONS, solve_highs
from solver.placement.patterns import PatternModel
from solver.status import SolveStatus

Bounds = tuple[list[tuple[float, float]], list[tuple[float, float]]]
MARGIN = 0.5  # objective values are integers: this absorbs the LP's floating-point error
BACKEND = "highs"  # model_builder's name; "scip" works too (bench/placement_bench.py)


@dataclass
class LpBound:
    """An LP optimum: its value, reduced costs (by variable index), duals and activities
    (by row index)."""

    value: float
    reduced: list[float]
    dual: list[float]
    activity: list[float]


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


def lp_bounds(lp: float, top: int, placed: int) -> tuple[int, int]:
    """Stage A's LP bound B of `placed * (top + 1) + coverage` as tier bounds: tier 0 is at
    most B / (top + 1); an answer placing `placed` covers at most B - placed * (top + 1)."""
    total = math.floor(lp + MARGIN)
    return total // (top + 1), min(total - placed * (top + 1), top)


def solve_mip(
    model: mb.Model, seed: int, seconds: float, stop: threading.Event | None = None
) -> tuple[str, int, list[float]]:
    """Solve the MIP with BACKEND (HiGHS; SCIP for comparison), gap 0, seeded, within
    `seconds`: the status (OPTIMAL, FEASIBLE, INFEASIBLE or UNKNOWN), the objective value
    and the variables' values. With `stop`, HiGHS' own API solves it and stops once `stop`
    is set (solver/placement/highs_run.py); without, OR-Tools' model_builder does.

    Both are HiGHS, of different versions (OR-Tools 9.15 bundles 1.12; highspy is 1.16 or
    later), and neither is faster everywhere. Measured on the same instances: stage B, on
    demo-shaped seeds 0-9, 9 proven within 5 s through model_builder, 7 through highspy;
    stage A, on benchmark seed 4, highspy proves in 4.6 s what model_builder has not
    proven in 22 s. Stage A is the solve that must be stoppable (solver/placement/
    descent.py), so it runs on highspy, and stage B on model_builder."""
    if BACKEND == "highs" and stop is not None:
        return solve_highs(model, seed, seconds, stop)
    solver = mb.Solver(BACKEND)
    solver.set_time_limit_in_seconds(max(seconds, 0.001))
    if BACKEND == "highs":
        # output_flag first: it also keeps HiGHS' banner off stdout.
        solver.set_solver_specific_parameters(
            "\n".join(f"{name} = {str(value).lower()}" for name, value in OPTIONS.items())
            + f"\nrandom_seed = {seed % 2_147_483_647}"
        )
    with stdout_to_stderr():
        status = solver.solve(model)
    if status == mb.SolveStatus.INFEASIBLE:
        return SolveStatus.INFEASIBLE, 0, []
    if status not in (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE):
        return SolveStatus.UNKNOWN, 0, []
    name = SolveStatus.OPTIMAL if status == mb.SolveStatus.OPTIMAL else SolveStatus.FEASIBLE
    values = [float(v) for v in solver.values(model.get_variables())]
    return name, round(solver.objective_value), values


def save_bounds(model: mb.Model) -> Bounds:
    """Every variable's and row's bounds."""
    return (
        [(v.lower_bound, v.upper_bound) for v in model.get_variables()],
        [(r.lower_bound, r.upper_bound) for r in model.get_linear_constraints()],
    )


def restore_bounds(model: mb.Model, saved: Bounds) -> None:
    """Put back bounds saved by `save_bounds`."""
    for var, (lower, upper) in zip(model.get_variables(), saved[0], strict=True):
        var.lower_bound, var.upper_bound = lower, upper
    for row, (lower, upper) in zip(model.get_linear_constraints(), saved[1], strict=True):
        row.lower_bound, row.upper_bound = lower, upper
