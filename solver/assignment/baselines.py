"""Baselines for the buddy assignment: the spreadsheet greedy and one plain CP-SAT model.

Both exist to measure and cross-check the exact min-cost flow in `solver.assignment.flow`.
"""

from __future__ import annotations

import time
from collections import defaultdict

import numpy as np
from ortools.sat.python import cp_model

from solver.assignment.flow import free_part
from solver.assignment.problem import AssignmentProblem
from solver.assignment.solve import AssignmentSolution, solution_from_edges
from solver.cpsat_tiers import SearchSettings, solve_tiers
from solver.status import SolveStatus


def greedy_assignment(problem: AssignmentProblem) -> AssignmentSolution:
    """Keep the pins, then take edges by task priority (high first), then score (high first)."""
    started = time.perf_counter()
    free = free_part(problem)
    scores = problem.edge_score[free.edges]
    priorities = problem.task_priority[problem.edge_task[free.edges]]
    order = free.edges[np.lexsort((-scores, -priorities))]
    load = free.residual.copy()
    taken = np.zeros(problem.num_tasks, dtype=bool)
    chosen = []
    for edge, agent, task in zip(
        order.tolist(),
        problem.edge_agent[order].tolist(),
        problem.edge_task[order].tolist(),
        strict=True,
    ):
        if load[agent] > 0 and not taken[task]:
            load[agent] -= 1
            taken[task] = True
            chosen.append(edge)
    edges = np.concatenate([problem.pair_edges(problem.pinned), np.asarray(chosen, np.int64)])
    return solution_from_edges(problem, edges, SolveStatus.FEASIBLE, "greedy", started, False)


def cpsat_assignment(problem: AssignmentProblem, num_workers: int = 1) -> AssignmentSolution:
    """Solve one CP-SAT model over all candidate pairs, tier by tier, within the time limit."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    edges = np.concatenate([problem.pair_edges(problem.pinned), free_part(problem).edges])
    pairs = [
        (problem.agent_ids[a], problem.task_ids[t])
        for a, t in zip(problem.edge_agent[edges], problem.edge_task[edges], strict=True)
    ]
    assign = {pair: model.new_bool_var(f"assign[{pair[0]},{pair[1]}]") for pair in pairs}

    # Pins: a pinned pair is always kept.
    for pair in problem.pinned:
        model.add(assign[pair] == 1)

    # Capacity: an agent takes at most its capacity of tasks.
    by_agent: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    by_task: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for (agent, task), var in assign.items():
        by_agent[agent].append(var)
        by_task[task].append(var)
    for agent, variables in by_agent.items():
        model.add(sum(variables) <= int(problem.agent_capacity[problem.agent_index[agent]]))

    # One agent per task: a task gets at most one agent.
    for variables in by_task.values():
        model.add_at_most_one(variables)

    tiers = _cpsat_tiers(problem, assign, edges)
    settings = SearchSettings(problem.time_limit_s, problem.seed, num_workers)
    result = solve_tiers(model, tiers, list(assign.values()), settings)
    if result.values is None:
        return solution_from_edges(
            problem, np.zeros(0, np.int64), result.status, "CP-SAT", started, True
        )
    picked = edges[np.asarray(result.values, dtype=bool)]
    return solution_from_edges(problem, picked, result.status, "CP-SAT", started, True)


def _cpsat_tiers(
    problem: AssignmentProblem, assign: dict[tuple[str, str], cp_model.IntVar], edges: np.ndarray
) -> list[tuple[str, cp_model.LinearExpr]]:
    """Objective tiers: coverage per priority level from the highest, score, kept previous."""
    previous = set(problem.previous)
    scores = problem.edge_score[edges].tolist()
    priorities = problem.task_priority[problem.edge_task[edges]].tolist()
    tiers: list[tuple[str, cp_model.LinearExpr]] = []
    for level in sorted(set(problem.task_priority.tolist()), reverse=True):
        covered = [var for var, p in zip(assign.values(), priorities, strict=True) if p == level]
        tiers.append((f"covered priority {level}", cp_model.LinearExpr.sum(covered)))
    tiers.append(("score", cp_model.LinearExpr.weighted_sum(list(assign.values()), scores)))
    kept = [var for pair, var in assign.items() if pair in previous]
    tiers.append(("kept previous", cp_model.LinearExpr.sum(kept)))
    return tiers
