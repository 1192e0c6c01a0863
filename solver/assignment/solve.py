"""Buddy assignment: solve an `AssignmentProblem` exactly, lexicographically over three tiers.

Objective tiers, in order, never traded against each other:
  1. for each priority level from the highest down, cover as many tasks as possible;
  2. maximise the total edge score;
  3. maximise the number of previous pairs kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from solver.assignment.flow import free_part, solve_flow
from solver.assignment.problem import AssignmentProblem, Pair
from solver.status import SolveStatus

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AssignmentSolution:
    """An assignment and its value on each tier.

    `status` is OPTIMAL when every tier is proven optimal, FEASIBLE when a time limit
    stopped a method early (CP-SAT), UNKNOWN when it stopped without any answer and
    INFEASIBLE when the pins cannot hold. The min-cost flow has no time limit: it always
    runs to the end (`time_limit_applies` is False for it).
    """

    status: str
    assignments: tuple[Pair, ...]  # (agent_id, task_id), sorted
    covered_by_priority: dict[int, int]  # every priority level present -> tasks covered
    score: int
    kept_previous: int
    wall_s: float
    method: str
    time_limit_applies: bool

    def objective(self) -> tuple[int, ...]:
        """Return the lexicographic objective: coverage per level (highest first), score, kept."""
        levels = sorted(self.covered_by_priority, reverse=True)
        coverage = tuple(self.covered_by_priority[level] for level in levels)
        return (*coverage, self.score, self.kept_previous)


def solve_assignment(problem: AssignmentProblem) -> AssignmentSolution:
    """Return an exact lexicographic optimum by min-cost flow; never changes `problem`."""
    started = time.perf_counter()
    free = free_part(problem)
    chosen, method = solve_flow(problem, free)
    edges = np.concatenate([problem.pair_edges(problem.pinned), chosen])
    solution = solution_from_edges(problem, edges, SolveStatus.OPTIMAL, method, started, False)
    log.info("assignment solved by %s in %.2f s", method, solution.wall_s)
    return solution


def solution_from_edges(
    problem: AssignmentProblem,
    edges: np.ndarray,
    status: str,
    method: str,
    started: float,
    time_limit_applies: bool,
) -> AssignmentSolution:
    """Build a solution from chosen edge indices, measuring each tier."""
    edges = np.asarray(edges, dtype=np.int64)
    previous = problem.pair_edges(problem.previous)
    levels = np.unique(problem.task_priority)
    covered = np.bincount(
        np.searchsorted(levels, problem.task_priority[problem.edge_task[edges]]),
        minlength=len(levels),
    )
    pairs = sorted(
        zip(
            (problem.agent_ids[a] for a in problem.edge_agent[edges]),
            (problem.task_ids[t] for t in problem.edge_task[edges]),
            strict=True,
        )
    )
    return AssignmentSolution(
        status=status,
        assignments=tuple(pairs),
        covered_by_priority={int(level): int(n) for level, n in zip(levels, covered, strict=True)},
        score=int(problem.edge_score[edges].sum()),
        kept_previous=int(np.isin(edges, previous).sum()),
        wall_s=time.perf_counter() - started,
        method=method,
        time_limit_applies=time_limit_applies,
    )


def assignment_violations(problem: AssignmentProblem, assignments: Iterable[Pair]) -> list[str]:
    """Return every hard rule the assignment breaks, in words; empty when it obeys all."""
    pairs = list(assignments)
    if any(a not in problem.agent_index or t not in problem.task_index for a, t in pairs):
        return ["an assignment names an unknown agent or task"]
    problems = [
        f"({a!r}, {t!r}) is not an edge"
        for (a, t), e in zip(pairs, problem.pair_edges(pairs), strict=True)
        if e < 0
    ]
    forbidden, chosen = set(problem.forbidden), set(pairs)
    problems += [f"({a!r}, {t!r}) is forbidden" for a, t in pairs if (a, t) in forbidden]
    problems += [
        f"pin ({a!r}, {t!r}) is not kept" for a, t in problem.pinned if (a, t) not in chosen
    ]
    tasks = np.bincount(
        np.asarray([problem.task_index[t] for _, t in pairs], dtype=np.int64),
        minlength=problem.num_tasks,
    )
    problems += [
        f"task {problem.task_ids[t]!r} has {tasks[t]} agents" for t in np.flatnonzero(tasks > 1)
    ]
    load = np.bincount(
        np.asarray([problem.agent_index[a] for a, _ in pairs], dtype=np.int64),
        minlength=problem.num_agents,
    )
    problems += [
        f"agent {problem.agent_ids[a]!r} exceeds its capacity"
        for a in np.flatnonzero(load > problem.agent_capacity)
    ]
    return problems
