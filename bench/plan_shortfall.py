"""The greedy plan against exhaustive search on random small instances (for bench.recruitment).

Each instance: up to 6 agents (capacity 1-2), 8 tasks of priority 0-3, random edges, one pin,
and 4 random recruit profiles. For k = 1, 2, 3 recruits, every multiset of profiles is
re-solved in full and the best coverage per level compared with the plan's prefix.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from solver.assignment.gain import recruitment_plan
from solver.assignment.problem import AssignmentProblem
from solver.assignment.solve import solve_assignment


def random_instance(rng: np.random.Generator) -> tuple[AssignmentProblem, list[np.ndarray]]:
    """A small random problem (one pin where possible) and four recruit profiles."""
    agents, tasks = int(rng.integers(1, 7)), int(rng.integers(1, 9))
    pairs = [(a, t) for a in range(agents) for t in range(tasks) if rng.random() < 0.45]
    pinned = [(f"a{pairs[0][0]}", f"t{pairs[0][1]}")] if pairs and rng.random() < 0.5 else []
    problem = AssignmentProblem.from_records(
        [{"id": f"a{a}", "capacity": int(rng.integers(1, 3))} for a in range(agents)],
        [{"id": f"t{t}", "priority": int(rng.integers(0, 4))} for t in range(tasks)],
        [{"agent": f"a{a}", "task": f"t{t}", "score": int(rng.integers(0, 10))} for a, t in pairs],
        pinned=pinned,
    )
    profiles = [np.flatnonzero(rng.random(tasks) < 0.3) for _ in range(4)]
    return problem, profiles


def _coverage(problem: AssignmentProblem, recruits: Sequence[np.ndarray]) -> tuple[int, ...]:
    """Coverage per level, highest first, of a full re-solve with the recruits added."""
    agents = [
        {"id": a, "capacity": int(c)}
        for a, c in zip(problem.agent_ids, problem.agent_capacity.tolist(), strict=True)
    ]
    edges = [
        {"agent": problem.agent_ids[a], "task": problem.task_ids[t], "score": int(s)}
        for a, t, s in zip(
            problem.edge_agent.tolist(),
            problem.edge_task.tolist(),
            problem.edge_score.tolist(),
            strict=True,
        )
    ]
    for k, tasks in enumerate(recruits):
        agents.append({"id": f"r{k}", "capacity": 1})
        edges += [{"agent": f"r{k}", "task": problem.task_ids[t], "score": 0} for t in tasks]
    tasks_ = [
        {"id": t, "priority": int(p)}
        for t, p in zip(problem.task_ids, problem.task_priority.tolist(), strict=True)
    ]
    cover = solve_assignment(
        AssignmentProblem.from_records(agents, tasks_, edges, pinned=problem.pinned)
    ).covered_by_priority
    return tuple(cover[p] for p in sorted(cover, reverse=True))


def shortfall(instances: int, seed: int = 3) -> tuple[int, int]:
    """(prefixes compared, prefixes where the plan covers less than exhaustive search)."""
    rng = np.random.default_rng(seed)
    compared = short = 0
    for _ in range(instances):
        problem, profiles = random_instance(rng)
        solution = solve_assignment(problem)
        plan = recruitment_plan(problem, solution, profiles, 3)
        for k in (1, 2, 3):
            best = max(
                _coverage(problem, [profiles[i] for i in combo])
                for combo in itertools.combinations_with_replacement(range(len(profiles)), k)
            )
            chosen = [profiles[step.profile] for step in plan[:k]]
            compared += 1
            short += _coverage(problem, chosen) < best
    return compared, short
