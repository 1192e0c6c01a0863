"""Assignment benchmark: our min-cost flow beside greedy, scipy's LSA and plain CP-SAT."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bench.instances import assignment_instance
from solver.assignment import flow
from solver.assignment.baselines import cpsat_assignment, greedy_assignment
from solver.assignment.flow import free_part, tier_weights
from solver.assignment.problem import AssignmentProblem
from solver.assignment.solve import AssignmentSolution, solution_from_edges, solve_assignment
from solver.problem_file import assignment_to_json, parse_problem, read_problem

LSA_MAX_CELLS = 25_000_000  # dense slot x task matrix cells scipy may use (~200 MB of float64)
CPSAT_MAX_EDGES = 1_000_000


@dataclass
class Row:
    """One method's result on one instance."""

    method: str
    seconds: float | None
    objective: tuple[int, ...] | None
    status: str
    note: str = ""


def peak_mib() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def lsa_assignment(problem: AssignmentProblem) -> AssignmentSolution:
    """Exact alternative: scipy's dense Hungarian method on agent slots, same tier weights."""
    from scipy.optimize import linear_sum_assignment

    started = time.perf_counter()
    free = free_part(problem)
    weights = tier_weights(problem, free)
    gain = weights.tier1 * weights.k1 + weights.lower
    slots = np.repeat(np.arange(problem.num_agents), np.maximum(free.residual, 0))
    first_slot = np.concatenate([[0], np.cumsum(np.maximum(free.residual, 0))])
    matrix = np.zeros((len(slots), problem.num_tasks))
    agents, tasks = problem.edge_agent[free.edges], problem.edge_task[free.edges]
    for k in range(int(free.residual.max(initial=0))):
        usable = free.residual[agents] > k
        matrix[first_slot[agents[usable]] + k, tasks[usable]] = gain[usable]
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    taken = matrix[rows, cols] > 0
    chosen = problem.edges.find(slots[rows[taken]], cols[taken])
    edges = np.concatenate([problem.pair_edges(problem.pinned), chosen])
    return solution_from_edges(problem, edges, "OPTIMAL", "scipy LSA", started, False)


def run_size(size: str, cpsat_seconds: float, log: list[str]) -> tuple[list[Row], list[int]]:
    """Run every method on one size; return their rows (ours first) and priority levels."""
    started = time.perf_counter()
    problem = assignment_instance(size)
    log.append(
        f"\n## assignment {size}: {problem.num_agents:,} volunteers x "
        f"{problem.num_tasks:,} families, {len(problem.edge_score):,} pairs "
        f"(generated in {time.perf_counter() - started:.1f} s)"
    )
    ours = solve_assignment(problem)
    rows = [
        Row(
            "min-cost flow (ours)",
            ours.wall_s,
            ours.objective(),
            ours.status,
            f"process peak so far {peak_mib():,.0f} MiB",
        )
    ]
    rows.append(_one_flow(problem))
    rows += _baseline_rows(problem, cpsat_seconds)
    rows += _read_rows(problem)
    levels = sorted(set(problem.task_priority.tolist()), reverse=True)
    return rows, levels


def _one_flow(problem: AssignmentProblem) -> Row:
    """The method before issue 13: every component in one min-cost flow."""
    parts = flow.PART_EDGES
    flow.PART_EDGES = 2**62
    try:
        solution = solve_assignment(problem)
    finally:
        flow.PART_EDGES = parts
    return Row(
        "min-cost flow, one flow (before)",
        solution.wall_s,
        solution.objective(),
        solution.status,
        "components not solved apart",
    )


def _baseline_rows(problem: AssignmentProblem, cpsat_seconds: float) -> list[Row]:
    """Greedy, scipy's LSA where its dense matrix fits, CP-SAT where its model fits."""
    rows: list[Row] = []
    greedy = greedy_assignment(problem)
    rows.append(Row("greedy priority>score", greedy.wall_s, greedy.objective(), greedy.status))
    slots = int(problem.agent_capacity.sum())
    if slots * problem.num_tasks <= LSA_MAX_CELLS:
        lsa = lsa_assignment(problem)
        rows.append(Row("scipy LSA (dense)", lsa.wall_s, lsa.objective(), lsa.status))
    else:
        rows.append(
            Row(
                "scipy LSA (dense)",
                None,
                None,
                "SKIPPED",
                f"{slots:,} slots x {problem.num_tasks:,} tasks = "
                f"{slots * problem.num_tasks * 8 / 2**30:.1f} GiB dense matrix",
            )
        )
    if len(problem.edge_score) <= CPSAT_MAX_EDGES:
        cpsat = cpsat_assignment(replace(problem, time_limit_s=cpsat_seconds), num_workers=2)
        rows.append(
            Row(
                f"CP-SAT ({cpsat_seconds:.0f} s, 2 workers)",
                cpsat.wall_s,
                cpsat.objective(),
                cpsat.status,
            )
        )
    else:
        rows.append(
            Row(
                "CP-SAT",
                None,
                None,
                "SKIPPED",
                f"{len(problem.edge_score):,} pairs: model too large to build",
            )
        )
    return rows


def _read_rows(problem: AssignmentProblem) -> list[Row]:
    """Write the problem file; time both readers, then `kansrijk solve` as a whole process.

    Medians of 3, in this run: the reader (msgspec, edges straight into arrays) beside
    the previous one (`json`, a dict per edge), and the whole `kansrijk solve` process.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "problem.json"
        with path.open("w") as stream:
            json.dump(assignment_to_json(problem), stream)
        size_mib = path.stat().st_size / 2**20
        ours = _median(lambda: read_problem(path))
        before = _median(lambda: parse_problem(json.loads(path.read_bytes())))
        runs = [_whole_process(path) for _ in range(3)]
    whole = sorted(seconds for seconds, _ in runs)
    return [
        Row(
            "read problem file (msgspec)",
            ours,
            None,
            "-",
            f"{size_mib:,.1f} MiB JSON; {before / ours:.1f} x faster than before; "
            f"peak after reading {peak_mib():,.0f} MiB",
        ),
        Row("read problem file (json, before)", before, None, "-", "median of 3"),
        Row(
            "kansrijk solve, whole process",
            whole[1],
            None,
            "-",
            f"median of 3 (worst {whole[2]:.2f} s), peak {max(p for _, p in runs):,.0f} MiB",
        ),
    ]


def _median(action: Callable[[], object]) -> float:
    """Median wall time of three runs of `action`."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return sorted(times)[1]


def _whole_process(path: Path) -> tuple[float, float]:
    """Run `kansrijk solve` on `path`: wall seconds and the child's peak memory in MiB."""
    command = [str(Path(sys.executable).with_name("kansrijk")), "solve", str(path)]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def format_rows(rows: list[Row], levels: list[int]) -> list[str]:
    """Table: time, ratio to ours, shortfall per tier against ours."""
    ours = rows[0]
    assert ours.objective is not None and ours.seconds is not None
    names = [f"p{level}" for level in levels] + ["score", "kept"]
    lines = [
        f"{'method':34} {'status':9} {'time s':>8} {'x ours':>7}  "
        + " ".join(f"{n:>8}" for n in names)
        + "  note",
        f"{'':34} {'':9} {'':>8} {'':>7}  "
        + " ".join(f"{v:>8,}" for v in ours.objective)
        + "  (ours: totals)",
    ]
    for row in rows:
        time_text = f"{row.seconds:8.2f}" if row.seconds is not None else f"{'-':>8}"
        ratio = f"{row.seconds / max(ours.seconds, 1e-9):7.1f}" if row.seconds else f"{'-':>7}"
        gaps = (
            " ".join(f"{o - v:>8,}" for o, v in zip(ours.objective, row.objective, strict=True))
            if row.objective
            else " ".join(f"{'':>8}" for _ in names)
        )
        lines.append(f"{row.method:34} {row.status:9} {time_text} {ratio}  {gaps}  {row.note}")
    lines.append("(per-tier columns below the totals: how far each method falls short of ours)")
    return lines
