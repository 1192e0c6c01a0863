"""`python -m bench.run [--sizes small,utrecht,large,xl] [--placement]`: the benchmark.

Prints, per assignment size, our exact min-cost flow beside the spreadsheet greedy,
scipy's dense Hungarian method and plain CP-SAT (time, ratio to ours, per-tier shortfall,
peak memory); then the student placement with our CP-SAT model beside a naive CP-SAT
model and OR-Tools' MIP back-ends.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import time

from bench import assignment_bench, placement_bench
from bench.instances import ASSIGNMENT_SIZES, placement_instance


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
        help="ours runs on each; the other methods on the first only",
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
        seeds = [int(s) for s in args.placement_seeds.split(",")]
        for position, seed in enumerate(seeds):
            run_placement(seed, args.cpsat_seconds, args.mip_seconds, compare=position == 0)
    print(f"\ntotal benchmark time {time.perf_counter() - started:.0f} s")


def run_placement(seed: int, seconds: float, mip_seconds: float, compare: bool) -> None:
    """Run and print the placement comparison for one seeded instance."""
    problem = placement_instance(seed=seed, time_limit_s=seconds)
    print(
        f"\n## placement (seed {seed}): {len(problem.students)} students, "
        f"{len(problem.locations)} locations, {len(problem.groups)} groups "
        f"({sum(1 for g in problem.groups if g.priority)} priority), "
        f"{len(problem.edges)} student-location pairs",
        flush=True,
    )
    rows = [placement_bench.ours(problem)]
    if not compare:
        print("\n".join(placement_bench.format_rows(rows)), flush=True)
        return
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
