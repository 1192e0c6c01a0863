"""`python -m bench.placement_scale`: placement over many seeds and at national scale.

For each shape (demo, benchmark, varied; 80 students) and seed, in the same run: the
repaired greedy, our solve at the default limit, and the previous method (the pattern
MIP per component in this process, one after another, without the greedy floor). It
prints the distribution (median and worst) of the time to a proven optimum, how many
seeds were proven within 5 s, and the worst tier-1 shortfall against the best bound at
the limit, for ours and the previous method, each beside the greedy's. Then a national
instance (25 cities, 2,000 students): the greedy's time and values, and ours.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from dataclasses import dataclass

from bench.placement_instances import SHAPES, cities_instance
from solver.placement.answer import PartAnswer, PlacementSolution, combine
from solver.placement.greedy import greedy_placement
from solver.placement.objective import placement_objective, tier_vector
from solver.placement.options import components, placement_options
from solver.placement.problem import PlacementProblem
from solver.placement.solve import _solve_part, solve_placement
from solver.status import SolveStatus


@dataclass(frozen=True)
class Run:
    """One method on one instance: seconds, proven or not, values and bounds."""

    seconds: float
    proven: bool
    values: tuple[int, ...]
    bounds: tuple[int | None, ...]


def greedy_run(problem: PlacementProblem) -> Run:
    """The repaired greedy over every component (no bound)."""
    started = time.perf_counter()
    options = placement_options(problem)
    rows = []
    for part in components(problem, options):
        rows += greedy_placement(problem, options, part) or []
    values = tier_vector(placement_objective(problem, rows))
    return Run(time.perf_counter() - started, False, values, (None,) * len(values))


def previous_run(problem: PlacementProblem) -> Run:
    """The method before: each component's pattern MIP in turn, in this process."""
    started = time.perf_counter()
    options = placement_options(problem)
    parts = components(problem, options)
    answers: list[PartAnswer] = []
    for position, part in enumerate(parts):
        left = max(started + problem.time_limit_s - time.perf_counter(), 0.0)
        answers.append(_solve_part(problem, options, part, left / (len(parts) - position)))
    return _run(combine(problem, options, parts, answers, started))


def ours_run(problem: PlacementProblem) -> Run:
    """Our solve: greedy floor, components in worker processes."""
    return _run(solve_placement(problem))


def _run(solution: PlacementSolution) -> Run:
    """A run from a solution."""
    return Run(
        solution.wall_s,
        solution.status == SolveStatus.OPTIMAL,
        tier_vector(solution.objective),
        tuple(solution.bound.values()),
    )


def shape_table(shape: str, seeds: list[int], limit: float) -> list[str]:
    """One shape over the seeds: the distribution for each method."""
    runs: dict[str, list[Run]] = {"greedy": [], "ours": [], "previous": []}
    best_bound: list[int] = []
    for seed in seeds:
        problem = SHAPES[shape](seed=seed, time_limit_s=limit)
        runs["greedy"].append(greedy_run(problem))
        runs["ours"].append(ours_run(problem))
        runs["previous"].append(previous_run(problem))
        bounds = [r.bounds[1] for r in (runs["ours"][-1], runs["previous"][-1])]
        known = [b for b in bounds if b is not None]
        best_bound.append(min(known) if known else max(r.values[1] for r in _last(runs)))
    lines = [f"\n## {shape}-shaped, 80 students, seeds {seeds[0]}-{seeds[-1]}, limit {limit:g} s"]
    lines.append("| method | proven | within 5 s | median s | worst s | worst tier-1 gap |")
    lines.append("|---|---|---|---|---|---|")
    for name, found in runs.items():
        proven = [r.seconds for r in found if r.proven]
        times = [r.seconds for r in found]
        gap = max(b - r.values[1] for b, r in zip(best_bound, found, strict=True))
        lines.append(
            f"| {name} | {len(proven)}/{len(found)} | {sum(t <= 5 for t in proven)} "
            f"| {statistics.median(times):.2f} | {max(times):.2f} | {gap} |"
        )
    below = sum(o.values < g.values for o, g in zip(runs["ours"], runs["greedy"], strict=True))
    lines.append(f"ours lexicographically below the greedy: {below} of {len(seeds)} seeds")
    return lines


def _last(runs: dict[str, list[Run]]) -> list[Run]:
    """The latest run of each method."""
    return [found[-1] for found in runs.values()]


def national_table(n_cities: int, limit: float) -> list[str]:
    """A national instance: the greedy and ours."""
    problem = cities_instance(n_cities, seed=0, time_limit_s=limit)
    lines = [
        f"\n## national: {n_cities} cities, {len(problem.students)} students, "
        f"{len(problem.locations)} locations, limit {limit:g} s",
        "| method | seconds | proven | values | bounds |",
        "|---|---|---|---|---|",
    ]
    for name, run in (("greedy", greedy_run(problem)), ("ours", ours_run(problem))):
        lines.append(f"| {name} | {run.seconds:.1f} | {run.proven} | {run.values} | {run.bounds} |")
    return lines


def main() -> None:
    """Run the scale benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--limit", type=float, default=30.0)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--cities", type=int, default=25)
    parser.add_argument("--national-limit", type=float, default=60.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    for shape in args.shapes.split(",") if args.seeds else []:
        print("\n".join(shape_table(shape, list(range(args.seeds)), args.limit)), flush=True)
    if args.cities:
        print("\n".join(national_table(args.cities, args.national_limit)), flush=True)


if __name__ == "__main__":
    main()
