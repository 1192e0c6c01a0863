"""Optimisation models of Kansrijk Match: buddy assignment and student placement.

Plain dataclasses in (`AssignmentProblem`, `PlacementProblem`), plain dataclasses out
(`AssignmentSolution`, `PlacementSolution`). Imports OR-Tools, HiGHS, numpy and the stdlib only
(`solver.cli` adds click for the `solve` command).

The names below load their module on first use, so that a command which needs only the
flow (``kansrijk solve`` on an assignment file) does not import CP-SAT and pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from solver.assignment.baselines import cpsat_assignment, greedy_assignment
    from solver.assignment.problem import AssignmentProblem
    from solver.assignment.solve import AssignmentSolution, assignment_violations, solve_assignment
    from solver.errors import ProblemError, SolverError
    from solver.placement.answer import PlacementSolution
    from solver.placement.check import placement_violations
    from solver.placement.objective import placement_objective
    from solver.placement.problem import Group, PlacementProblem, Student
    from solver.placement.solve import solve_placement

_HOME = {
    "AssignmentProblem": "solver.assignment.problem",
    "AssignmentSolution": "solver.assignment.solve",
    "Group": "solver.placement.problem",
    "PlacementProblem": "solver.placement.problem",
    "PlacementSolution": "solver.placement.answer",
    "ProblemError": "solver.errors",
    "SolverError": "solver.errors",
    "Student": "solver.placement.problem",
    "assignment_violations": "solver.assignment.solve",
    "cpsat_assignment": "solver.assignment.baselines",
    "greedy_assignment": "solver.assignment.baselines",
    "placement_objective": "solver.placement.objective",
    "placement_violations": "solver.placement.check",
    "solve_assignment": "solver.assignment.solve",
    "solve_placement": "solver.placement.solve",
}

__all__ = [
    "AssignmentProblem",
    "AssignmentSolution",
    "Group",
    "PlacementProblem",
    "PlacementSolution",
    "ProblemError",
    "SolverError",
    "Student",
    "assignment_violations",
    "cpsat_assignment",
    "greedy_assignment",
    "placement_objective",
    "placement_violations",
    "solve_assignment",
    "solve_placement",
]


def __getattr__(name: str) -> Any:
    """Import the public name's module when the name is first used."""
    if name not in _HOME:
        raise AttributeError(f"module 'solver' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value
    return value
