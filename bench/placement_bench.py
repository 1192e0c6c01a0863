"""Placement benchmark: our pattern MIP (HiGHS) beside the same on SCIP, the CP-SAT model over
half-days (the previous method, now the fallback), a naive CP-SAT model and MIP back-ends on
the half-day model."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

from solver.cpsat_tiers import SearchSettings, solve_tiers
from solver.placement import answer, solve
from solver.placement import highs as placement_highs
from solver.placement.model import TIER_NAMES, previous_candidates
from solver.placement.options import components, placement_options
from solver.placement.problem import PlacementProblem
from solver.placement.solve import solve_placement


@dataclass
class PlacementRow:
    """One method's result: status, seconds, value and bound per tier."""

    method: str
    status: str
    seconds: float
    values: list[int | None]
    bounds: list[int | None]


def ours(problem: PlacementProblem, backend: str = "highs") -> PlacementRow:
    """Our method (solver.placement): the pattern MIP on `backend`, half-days by a flow."""
    saved, placement_highs.BACKEND = placement_highs.BACKEND, backend
    try:
        solution = solve_placement(problem)
    finally:
        placement_highs.BACKEND = saved
    label = "pattern MIP, HiGHS (ours)" if backend == "highs" else f"pattern MIP, {backend.upper()}"
    if solution.method != answer.METHOD:
        label += " [fell back]"
    return _row(label, solution)


def previous_method(problem: PlacementProblem) -> PlacementRow:
    """The CP-SAT model over half-days alone (the method before the pattern MIP)."""
    started = time.perf_counter()
    options = placement_options(problem)
    answers = []
    parts = components(problem, options)
    for position, part in enumerate(parts):
        budget = max(started + problem.time_limit_s - time.perf_counter(), 0.0)
        result, rows = solve._solve_part_cpsat(
            problem, options, part, budget / (len(parts) - position)
        )
        answers.append(answer.PartAnswer(result.status, result.tiers, rows, answer.FALLBACK))
    solution = answer.combine(problem, options, parts, answers, started)
    return _row("CP-SAT over half-days (1 worker)", solution)


def _row(label: str, solution: answer.PlacementSolution) -> PlacementRow:
    """A table row from a solution."""
    return PlacementRow(
        label,
        solution.status,
        solution.wall_s,
        [solution.objective[n] for n in TIER_NAMES],
        [solution.bound[n] for n in TIER_NAMES],
    )


def naive_cpsat(problem: PlacementProblem, seconds: float) -> PlacementRow:
    """One boolean per student x group x half-day the group runs, over all pairs."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    at = {
        (s.id, loc): model.new_bool_var("") for s in problem.students for loc in problem.locations
    }
    sit = {
        (s.id, g.id, h): model.new_bool_var("")
        for s in problem.students
        for g in problem.groups
        for h in g.runs()
    }
    used = {loc: model.new_bool_var("") for loc in problem.locations}
    _naive_constraints(problem, model, at, sit, used)
    tiers = [
        ("placed", sum(at.values())),
        ("priority_coverage", sum(problem.group[g].priority * v for (_, g, _), v in sit.items())),
        (
            "quality",
            sum(problem.score.get(k, 0) * v for k, v in at.items())
            + problem.spread_bonus * sum(used.values()),
        ),
        ("kept_previous", sum(sit[t] for t in problem.previous if t in sit)),
    ]
    result = solve_tiers(
        model,
        tiers,
        [*at.values(), *sit.values(), *used.values()],
        SearchSettings(seconds, problem.seed, 1),
    )
    values = [t.value for t in result.tiers] + [None] * (4 - len(result.tiers))
    bounds = [t.bound for t in result.tiers] + [None] * (4 - len(result.tiers))
    return PlacementRow(
        "CP-SAT, naive model (1 worker)",
        result.status,
        time.perf_counter() - started,
        values,
        bounds,
    )


def _naive_constraints(
    problem: PlacementProblem, model: cp_model.CpModel, at: dict, sit: dict, used: dict
) -> None:
    """The hard rules, written the straightforward way (zeros for what is not allowed)."""
    allowed = {(s, loc) for s, loc, _ in problem.edges} - set(problem.forbidden)
    for (s, loc), var in at.items():
        if (s, loc) not in allowed:
            model.add(var == 0)
    for s in problem.students:
        model.add(sum(at[s.id, loc] for loc in problem.locations) <= 1)
    per_loc, per_half, per_session = defaultdict(list), defaultdict(list), defaultdict(list)
    for (s, g, h), var in sit.items():
        group = problem.group[g]
        model.add_implication(var, at[s, group.location])
        if h not in problem.student[s].available:
            model.add(var == 0)
        per_loc[s, group.location].append(var)
        per_half[s, h].append(var)
        per_session[g, h].append(var)
    for (s, loc), var in at.items():
        model.add(sum(per_loc[s, loc]) == problem.student[s].sessions_required * var)
    for variables in per_half.values():
        model.add(sum(variables) <= 1)
    for (g, h), variables in per_session.items():
        model.add(sum(variables) <= problem.group[g].runs()[h])
    for triple in problem.pinned:
        model.add(sit[triple] == 1)
    for loc, var in used.items():
        model.add(var <= sum(at[s.id, loc] for s in problem.students))


def mip(problem: PlacementProblem, backend: str, seconds: float) -> PlacementRow | None:
    """The half-day model's formulation on an OR-Tools MIP back-end, tiers in turn; None if
    the back-end is absent."""
    solver = pywraplp.Solver.CreateSolver(backend)
    if solver is None:
        return None
    if backend == "HIGHS":
        solver.SetSolverSpecificParametersAsString("output_flag = false")  # no banner
    started = time.perf_counter()
    tiers = _mip_model(problem, solver)
    values: list[int | None] = []
    bounds: list[int | None] = []
    status_name = "OPTIMAL"
    for _, expression in tiers:
        remaining = max(started + seconds - time.perf_counter(), 0.01)
        solver.SetTimeLimit(int(remaining * 1000))
        solver.Maximize(expression)
        status = solver.Solve()
        if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
            status_name = "UNKNOWN" if not values else "FEASIBLE"
            break
        value = round(solver.Objective().Value())
        bound = solver.Objective().BestBound()
        if abs(bound) > 1e15:  # the back-end stopped before it had a bound
            status_name = "UNKNOWN" if not values else "FEASIBLE"
            break
        values.append(value)
        bounds.append(int(bound + 1e-6))
        if status != pywraplp.Solver.OPTIMAL:
            status_name = "FEASIBLE"
        solver.Add(expression >= value)
    values += [None] * (4 - len(values))
    bounds += [None] * (4 - len(bounds))
    return PlacementRow(
        f"MIP {backend}, half-day model", status_name, time.perf_counter() - started, values, bounds
    )


def _mip_model(problem: PlacementProblem, solver: pywraplp.Solver) -> list[tuple[str, object]]:
    """The half-day placement model (as in solver.placement.model) for a MIP solver."""
    options = placement_options(problem)
    at, attend = {}, {}
    for s in problem.students:
        for loc in options.locations[s.id]:
            at[s.id, loc] = solver.BoolVar("")
            for h in sorted({h for _, h in options.sessions[s.id, loc]}):
                attend[s.id, loc, h] = solver.BoolVar("")
    fill = _mip_flow_rows(problem, solver, at, attend)
    candidates, blocked = previous_candidates(problem, attend)  # type: ignore[arg-type]
    kept = []
    for (g, h), students in candidates.items():
        var = solver.IntVar(0, len(students), "")
        solver.Add(var <= fill[g, h] - blocked[g, h])
        solver.Add(var <= sum(attend[s, problem.group[g].location, h] for s in students))
        kept.append(var)
    used = {loc: solver.BoolVar("") for loc in problem.locations}
    for loc, var in used.items():
        solver.Add(var <= sum(at[s, loc2] for (s, loc2) in at if loc2 == loc))
    return [
        ("placed", sum(at.values())),
        ("priority_coverage", sum(problem.group[g].priority * v for (g, _), v in fill.items())),
        (
            "quality",
            sum(problem.score[k] * v for k, v in at.items())
            + problem.spread_bonus * sum(used.values()),
        ),
        ("kept_previous", sum(kept)),
    ]


def _mip_flow_rows(
    problem: PlacementProblem, solver: pywraplp.Solver, at: dict, attend: dict
) -> dict:
    """One location, exact sessions there, one group per half-day, group places, pins."""
    for s in problem.students:
        solver.Add(sum(v for (s2, _), v in at.items() if s2 == s.id) <= 1)
    per_loc, per_half, per_lh = defaultdict(list), defaultdict(list), defaultdict(list)
    for (s, loc, h), var in attend.items():
        solver.Add(var <= at[s, loc])
        per_loc[s, loc].append(var)
        per_half[s, h].append(var)
        per_lh[loc, h].append(var)
    for (s, loc), var in at.items():
        solver.Add(sum(per_loc[s, loc]) == problem.student[s].sessions_required * var)
    for variables in per_half.values():
        solver.Add(sum(variables) <= 1)
    fill = {
        (g.id, h): solver.IntVar(0, n, "")
        for g in problem.groups
        for h, n in g.runs().items()
        if (g.location, h) in per_lh
    }
    per_place = defaultdict(list)
    for (g, h), var in fill.items():
        per_place[problem.group[g].location, h].append(var)
    for key, variables in per_lh.items():
        solver.Add(sum(per_place[key]) == sum(variables))
    for s, g, h in problem.pinned:
        solver.Add(attend[s, problem.group[g].location, h] == 1)
    return fill


def format_rows(rows: list[PlacementRow]) -> list[str]:
    """Table: status, time, value/bound per tier."""
    lines = [
        f"{'method':32} {'status':9} {'time s':>7}  " + " ".join(f"{n:>18}" for n in TIER_NAMES)
    ]
    for row in rows:
        cells = " ".join(f"{_cell(v, b):>18}" for v, b in zip(row.values, row.bounds, strict=True))
        lines.append(f"{row.method:32} {row.status:9} {row.seconds:7.2f}  {cells}")
    lines.append("(cells: value, or value/bound where the bound is not reached)")
    return lines


def _cell(value: int | None, bound: int | None) -> str:
    """One tier's value, with the bound when it is not proven."""
    if value is None:
        return "-"
    return f"{value}" if bound == value else f"{value}/{bound}"
