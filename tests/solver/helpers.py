"""Small builders and brute forces shared by the solver tests."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from solver.assignment.problem import AssignmentProblem
from solver.placement.check import placement_violations
from solver.placement.model import TIER_NAMES
from solver.placement.objective import placement_objective
from solver.placement.options import components, placement_options
from solver.placement.problem import PlacementProblem
from solver.placement.solve import _solve_part_cpsat


def assignment(
    agents: dict[str, int],
    tasks: dict[str, int],
    edges: Sequence[tuple[str, str, int]],
    **kwargs: object,
) -> AssignmentProblem:
    """Build an assignment problem from {agent: capacity}, {task: priority} and edge tuples."""
    return AssignmentProblem.from_records(
        [{"id": a, "capacity": c} for a, c in agents.items()],
        [{"id": t, "priority": p} for t, p in tasks.items()],
        [{"agent": a, "task": t, "score": s} for a, t, s in edges],
        **kwargs,  # type: ignore[arg-type]
    )


def assignment_vector(problem: AssignmentProblem, pairs: Sequence[tuple[str, str]]) -> tuple:
    """Lexicographic objective of a set of pairs: coverage per level (high first), score, kept."""
    priority = dict(zip(problem.task_ids, problem.task_priority.tolist(), strict=True))
    score = {
        (problem.agent_ids[a], problem.task_ids[t]): s
        for a, t, s in zip(
            problem.edge_agent.tolist(),
            problem.edge_task.tolist(),
            problem.edge_score.tolist(),
            strict=True,
        )
    }
    levels = sorted(set(priority.values()), reverse=True)
    coverage = tuple(sum(1 for _, t in pairs if priority[t] == level) for level in levels)
    previous = set(problem.previous)
    return (*coverage, sum(score[p] for p in pairs), sum(1 for p in pairs if p in previous))


def brute_force_assignment(problem: AssignmentProblem) -> tuple:
    """Best objective vector over every feasible assignment (tiny problems only)."""
    forbidden = set(problem.forbidden)
    pinned = dict((t, a) for a, t in problem.pinned)
    options: list[list[str | None]] = []
    edges = list(
        zip(
            (problem.agent_ids[a] for a in problem.edge_agent.tolist()),
            (problem.task_ids[t] for t in problem.edge_task.tolist()),
            strict=True,
        )
    )
    for task in problem.task_ids:
        if task in pinned:
            options.append([pinned[task]])
        else:
            agents = [a for a, t in edges if t == task and (a, t) not in forbidden]
            options.append([None, *agents])
    capacity = dict(zip(problem.agent_ids, problem.agent_capacity.tolist(), strict=True))
    best = None
    for choice in itertools.product(*options):
        pairs = [(a, t) for a, t in zip(choice, problem.task_ids, strict=True) if a is not None]
        load: dict[str, int] = {}
        for a, _ in pairs:
            load[a] = load.get(a, 0) + 1
        if any(n > capacity[a] for a, n in load.items()):
            continue
        vector = assignment_vector(problem, pairs)
        best = vector if best is None or vector > best else best
    assert best is not None
    return best


def brute_force_placement(problem: PlacementProblem) -> tuple:
    """Best objective vector over every valid placement (tiny problems only)."""
    per_student = [_student_options(problem, s.id) for s in problem.students]
    best = None
    for choice in itertools.product(*per_student):
        rows = [row for option in choice for row in option]
        if placement_violations(problem, rows):
            continue
        values = placement_objective(problem, rows)
        vector = tuple(values[name] for name in TIER_NAMES)
        best = vector if best is None or vector > best else best
    assert best is not None, "pins make every placement invalid"
    return best


def _student_options(problem: PlacementProblem, student_id: str) -> list[list[tuple]]:
    """Every way to place one student: not at all, or a location and its sessions."""
    student = problem.student[student_id]
    options: list[list[tuple]] = [[]]
    forbidden = set(problem.forbidden)
    for s, loc, _ in problem.edges:
        if s != student_id or (s, loc) in forbidden:
            continue
        slots = [
            (g.id, h)
            for g in problem.groups
            if g.location == loc
            for h in g.runs()
            if h in student.available
        ]
        for combo in itertools.combinations(slots, student.sessions_required):
            if len({h for _, h in combo}) == len(combo):
                options.append([(student_id, loc, g, h) for g, h in combo])
    return options


def vector(values: dict[str, int]) -> tuple[int, ...]:
    """An objective dict as a tuple in tier order."""
    return tuple(values[name] for name in TIER_NAMES)


def cp_sat_vector(problem: PlacementProblem) -> tuple[int, ...]:
    """The optimum by the CP-SAT model over half-days (the other exact method)."""
    options = placement_options(problem)
    rows = []
    for part in components(problem, options):
        result, found = _solve_part_cpsat(problem, options, part, 60.0)
        assert result.status == "OPTIMAL"
        rows += found
    return vector(placement_objective(problem, rows))
