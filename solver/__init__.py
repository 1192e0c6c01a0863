"""Optimisation models of Kansrijk Match: buddy assignment and student placement.

Plain dataclasses in (`AssignmentProblem`, `PlacementProblem`), plain dataclasses out
(`AssignmentSolution`, `PlacementSolution`). Imports OR-Tools, numpy and the stdlib only
(`solver.cli` adds click for the `solve` command).

The names below load their module on first use, so that a command which needs only the
flow (``kansrijk solve`` on an assignment file) does not import CP-SAT and pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from solver.assignment import AssignmentSolution, assignment_violations, solve_assignment
    from solver.assignment_baselines import cpsat_assignment, greedy_assignment
    from solver.assignment_problem import AssignmentProblem
    from solver.errors import ProblemError, SolverError
    from solver.placement import PlacementSolution, placement_objective, solve_placement
    from solver.placement_check import placement_violations
    from solver.placement_problem import Group, PlacementProblem, Student

_HOME = {
    "AssignmentProblem": "solver.assignment_problem",
    "AssignmentSolution": "solver.assignment",
    "Group": "solver.placement_problem",
    "PlacementProblem": "solver.placement_problem",
    "PlacementSolution": "solver.placement",
    "ProblemError": "solver.errors",
    "SolverError": "solver.errors",
    "Student": "solver.placement_problem",
    "assignment_violations": "solver.assignment",
    "cpsat_assignment": "solver.assignment_baselines",
    "greedy_assignment": "solver.assignment_baselines",
    "placement_objective": "solver.placement",
    "placement_violations": "solver.placement_check",
    "solve_assignment": "solver.assignment",
    "solve_placement": "solver.placement",
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
