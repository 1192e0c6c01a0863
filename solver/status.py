"""How a solve ended, in the names CP-SAT and the MIP solver share."""

from __future__ import annotations

from enum import StrEnum


class SolveStatus(StrEnum):
    """The solver's end state: proven best, a solution without proof, none, or no answer."""

    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"
    NOT_REACHED = "NOT_REACHED"  # a tier the search never got to


# A solve whose answer may be read and stored.
USABLE: frozenset[SolveStatus] = frozenset({SolveStatus.OPTIMAL, SolveStatus.FEASIBLE})
