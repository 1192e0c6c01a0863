"""Optimisation models of Kansrijk Match: buddy assignment and student placement.

Plain dataclasses in (`AssignmentProblem`, `PlacementProblem`), plain dataclasses out
(`AssignmentSolution`, `PlacementSolution`). Imports OR-Tools, numpy and the stdlib only
(`solver.cli` adds click for the `solve` command).
"""

from solver.assignment import AssignmentSolution, assignment_violations, solve_assignment
from solver.assignment_baselines import cpsat_assignment, greedy_assignment
from solver.assignment_problem import AssignmentProblem
from solver.errors import ProblemError, SolverError
from solver.placement import PlacementSolution, placement_objective, solve_placement
from solver.placement_check import placement_violations
from solver.placement_problem import Group, PlacementProblem, Student

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
