"""Optimisation models of Kansrijk Match: buddy assignment and student placement.

Plain dataclasses in (`AssignmentProblem`, `PlacementProblem`), plain dataclasses out
(`AssignmentSolution`, `PlacementSolution`). Imports OR-Tools, numpy and the stdlib only
(`solver.cli` adds click for the `solve` command).
"""

from solver.assignment.baselines import cpsat_assignment, greedy_assignment
from solver.assignment.problem import AssignmentProblem
from solver.assignment.solve import AssignmentSolution, assignment_violations, solve_assignment
from solver.errors import ProblemError, SolverError
from solver.placement.answer import PlacementSolution
from solver.placement.check import placement_violations
from solver.placement.objective import placement_objective
from solver.placement.problem import Group, PlacementProblem, Student
from solver.placement.solve import solve_placement

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
