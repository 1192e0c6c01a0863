"""`python -m bench.run [--sizes small,utrecht,large,xl] [--no-placement]`: the benchmark.

Prints, per assignment size, our exact min-cost flow beside the spreadsheet greedy,
scipy's dense Hungarian method and plain CP-SAT (time, ratio to ours, per-tier shortfall,
peak memory); then the student placement, on the benchmark instances and on instances
shaped like the seeded demo: our pattern MIP (HiGHS) beside the same on SCIP, the CP-SAT
model over half-days, a naive CP-SAT model and OR-Tools' MIP back-ends on the half-day
model.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import time

from bench import assignment_bench, placement_bench
from bench.instances import ASSIGNMENT_SIZES, demo_placement_instance, placement_instance
from solver.placement.problem import PlacementProblem


def main() -> None:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=",".join(ASSIGNMENT_SIZES))
    parser.add_argument("--cpsat-seconds", type=float, default=60.0)
    parser.add_argument("--no-placement", action="store_true")
    parser.add_argument("--mip-seconds", type=float, default=30.0)
    parser.add_argument(
        "--placement-seeds",
        default="11,12,13",
        help="benchmark instances: ours runs on each; the other methods on the first only",
    )
    parser.add_argument(
        "--placement-demo-seeds",
        default="5,0,1,2,3",
        help="demo-shaped instances (80 students, 70 locations): likewise",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    print(
        f"# Kansrijk Match solver benchmark ({platform.python_version()}, "
        f"{os.cpu_count()} cores, {platform.machine()})"
    )
    for size in args.sizes.split(","):
        lines: list[str] = []
        rows, levels = assignment_bench.run_size(size, args.cpsat_seconds, lines)
        print("\n".join(lines + assignment_bench.format_rows(rows, levels)), flush=True)
    if not args.no_placement:
        for shape, make, seeds_text in (
            ("benchmark", placement_instance, args.placement_seeds),
            ("demo-shaped", demo_placement_instance, args.placement_demo_seeds),
        ):
            seeds = [int(s) for s in seeds_text.split(",") if s]
            for position, seed in enumerate(seeds):
                problem = make(seed=seed, time_limit_s=args.cpsat_seconds)
                label = f"{shape}, seed {seed}"
                run_placement(label, problem, args.cpsat_seconds, args.mip_seconds, position == 0)
    print(f"\ntotal benchmark time {time.perf_counter() - started:.0f} s")


def run_placement(
    label: str, problem: PlacementProblem, seconds: float, mip_seconds: float, compare: bool
) -> None:
    """Run and print the placement comparison for one seeded instance."""
    print(
        f"\n## placement ({label}): {len(problem.students)} students, "
        f"{len(problem.locations)} locations, {len(problem.groups)} groups "
        f"({sum(1 for g in problem.groups if g.priority)} priority), "
        f"{len(problem.edges)} student-location pairs",
        flush=True,
    )
    rows = [placement_bench.ours(problem)]
    if not compare:
        print("\n".join(placement_bench.format_rows(rows)), flush=True)
        return
    rows.append(placement_bench.ours(problem, "scip"))
    rows.append(placement_bench.previous_method(problem))
    rows.append(placement_bench.naive_cpsat(problem, seconds))
    for backend in ("HIGHS", "SCIP", "CBC"):
        row = placement_bench.mip(problem, backend, mip_seconds)
        if row is None:
            print(f"(MIP back-end {backend} not available in this OR-Tools build)")
        else:
            rows.append(row)
    print("\n".join(placement_bench.format_rows(rows)), flush=True)


if __name__ == "__main__":
    main()
