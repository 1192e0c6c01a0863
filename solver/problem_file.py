"""The problem-file format (JSON): read a problem, solve it, write the solution.

See solver/README.md for both formats, `"kind": "assignment"` and `"kind": "placement"`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import msgspec

from solver.assignment.problem import AssignmentProblem
from solver.assignment.solve import AssignmentSolution, solve_assignment
from solver.edge_text import EdgeText
from solver.errors import ProblemError
from solver.placement.answer import PlacementSolution
from solver.placement.problem import PlacementProblem
from solver.unplaced import sentence

if TYPE_CHECKING:  # solver.placement.solve (CP-SAT, pandas) loads only for a placement problem
    from solver.placement.answer import PlacementSolution

Problem = AssignmentProblem | PlacementProblem
Solution: TypeAlias = "AssignmentSolution | PlacementSolution"


class ProblemKind(StrEnum):
    """The two problems a file can hold."""

    ASSIGNMENT = "assignment"
    PLACEMENT = "placement"


KEYS = {
    ProblemKind.ASSIGNMENT: (
        {"kind", "agents", "tasks", "edges"},
        {"pinned", "forbidden", "previous", "time_limit_s", "seed"},
    ),
    ProblemKind.PLACEMENT: (
        {"kind", "students", "locations", "groups", "edges"},
        {"pinned", "forbidden", "previous", "spread_bonus", "time_limit_s", "seed", "num_workers"},
    ),
}


def read_problem(path: Path) -> Problem:
    """Read and validate a problem file; raise ProblemError naming what is wrong."""
    text = path.read_bytes()
    return read_compact(text) or parse_problem(_json(text))


def read_compact(text: bytes) -> AssignmentProblem | None:
    """Read a valid assignment file with its edges straight into arrays; None for the rest.

    The top level is split by msgspec without parsing the edges (but checking their
    syntax); `solver.edge_text` reads them in numpy. Anything unusual, including every
    error, returns None, so the ordinary reader words the message.
    """
    try:
        top = msgspec.json.decode(text, type=dict[str, msgspec.Raw])
    except msgspec.DecodeError:
        return None
    try:
        data: dict[str, Any] = {key: _json(raw) for key, raw in top.items() if key != "edges"}
    except ProblemError:
        return None
    if data.get("kind") != ProblemKind.ASSIGNMENT or "edges" not in top:
        return None
    data["edges"] = EdgeText(bytes(top["edges"]))
    try:
        problem = parse_problem(data)
    except ProblemError:
        return None
    return problem if isinstance(problem, AssignmentProblem) else None


def _json(text: bytes | msgspec.Raw) -> Any:
    """Parse JSON text, raising ProblemError when it is not valid."""
    try:
        return json.loads(bytes(text))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ProblemError(f"not valid JSON: {error}") from None


def parse_problem(data: object) -> Problem:
    """Build a validated problem from parsed JSON."""
    if not isinstance(data, Mapping):
        raise ProblemError("a problem file must hold one JSON object")
    kind = data.get("kind")
    if kind not in KEYS:
        raise ProblemError(f"unknown kind {kind!r}: expected 'assignment' or 'placement'")
    required, optional = KEYS[kind]
    missing = sorted(required - data.keys())
    if missing:
        raise ProblemError(f"the {kind} problem has no key {missing[0]!r}")
    unknown = sorted(data.keys() - required - optional)
    if unknown:
        raise ProblemError(f"the {kind} problem has an unknown key {unknown[0]!r}")
    if kind == ProblemKind.PLACEMENT:
        return PlacementProblem.from_records(data)
    return AssignmentProblem.from_records(
        data["agents"],
        data["tasks"],
        data["edges"],
        pinned=data.get("pinned", []),
        forbidden=data.get("forbidden", []),
        previous=data.get("previous", []),
        time_limit_s=data.get("time_limit_s", 30.0),
        seed=data.get("seed", 0),
    )


def solve_problem(problem: Problem) -> Solution:
    """Solve a problem of either kind with its exact method."""
    if isinstance(problem, PlacementProblem):
        from solver.placement.solve import solve_placement

        return solve_placement(problem)
    return solve_assignment(problem)


def solution_to_json(solution: Solution) -> dict[str, Any]:
    """Return the solution in the documented JSON answer shape."""
    if not isinstance(solution, AssignmentSolution):
        return {
            "status": solution.status,
            "placements": [
                {"student": s, "location": loc, "group": g, "session": h}
                for s, loc, g, h in solution.placements
            ],
            "unplaced": [{"student": s, "reason": sentence(r)} for s, r in solution.unplaced],
            "objective": dict(solution.objective),
            "bound": dict(solution.bound),
            "wall_s": round(solution.wall_s, 3),
        }
    covered = sorted(solution.covered_by_priority.items(), reverse=True)
    return {
        "status": solution.status,
        "assignments": [{"agent": a, "task": t} for a, t in solution.assignments],
        "objective": {
            "covered_by_priority": {str(level): n for level, n in covered},
            "score": solution.score,
            "kept_previous": solution.kept_previous,
        },
        "wall_s": round(solution.wall_s, 3),
    }


def assignment_to_json(problem: AssignmentProblem) -> dict[str, Any]:
    """Return an assignment problem in the problem-file shape (for tests and benchmarks)."""
    return {
        "kind": "assignment",
        "agents": [
            {"id": a, "capacity": int(c)}
            for a, c in zip(problem.agent_ids, problem.agent_capacity.tolist(), strict=True)
        ],
        "tasks": [
            {"id": t, "priority": int(p)}
            for t, p in zip(problem.task_ids, problem.task_priority.tolist(), strict=True)
        ],
        "edges": [
            {"agent": problem.agent_ids[a], "task": problem.task_ids[t], "score": s}
            for a, t, s in zip(
                problem.edge_agent.tolist(),
                problem.edge_task.tolist(),
                problem.edge_score.tolist(),
                strict=True,
            )
        ],
        "pinned": [{"agent": a, "task": t} for a, t in problem.pinned],
        "forbidden": [{"agent": a, "task": t} for a, t in problem.forbidden],
        "previous": [{"agent": a, "task": t} for a, t in problem.previous],
        "time_limit_s": problem.time_limit_s,
        "seed": problem.seed,
    }


def placement_to_json(problem: PlacementProblem) -> dict[str, Any]:
    """Return a placement problem in the problem-file shape (for tests and benchmarks)."""
    return {
        "kind": ProblemKind.PLACEMENT,
        "students": [
            {"id": s.id, "sessions_required": s.sessions_required, "available": sorted(s.available)}
            for s in problem.students
        ],
        "locations": [{"id": loc} for loc in problem.locations],
        "groups": [
            {"id": g.id, "location": g.location, "priority": g.priority, "wanted": dict(g.wanted)}
            for g in problem.groups
        ],
        "edges": [{"student": s, "location": loc, "score": n} for s, loc, n in problem.edges],
        "pinned": [{"student": s, "group": g, "session": h} for s, g, h in problem.pinned],
        "forbidden": [{"student": s, "location": loc} for s, loc in problem.forbidden],
        "previous": [{"student": s, "group": g, "session": h} for s, g, h in problem.previous],
        "spread_bonus": problem.spread_bonus,
        "time_limit_s": problem.time_limit_s,
        "seed": problem.seed,
        "num_workers": problem.num_workers,
    }
