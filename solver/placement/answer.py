"""One answer out of the components' answers: per component the better of the greedy's
and the exact solver's, lexicographically; then their sum, with each tier's bound."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from solver.cpsat_tiers import TierOutcome
from solver.placement.model import TIER_NAMES
from solver.placement.objective import Placement, placement_objective, tier_vector
from solver.placement.options import NOT_SOLVED, TAKEN, Options
from solver.placement.problem import PlacementProblem

log = logging.getLogger(__name__)

METHOD = "MIP over location patterns (HiGHS, LP-tightened), half-days by min-cost flow"
FALLBACK = "CP-SAT over feasible choices, group places counted, tiers in turn"
GREEDY = "greedy (pins, then the most constrained students), repaired by min-cost flows"


@dataclass(frozen=True)
class PlacementSolution:
    """Placements, unplaced students with the reason, and each tier's value and bound.

    `status`: OPTIMAL (every tier proven), FEASIBLE (a time limit stopped a tier; see
    `bound`), INFEASIBLE (the pins cannot all hold) or UNKNOWN (no answer in time).
    """

    status: str
    placements: tuple[Placement, ...]  # sorted
    unplaced: tuple[tuple[str, str], ...]  # (student, reason), sorted
    objective: dict[str, int]  # tier -> value of these placements
    bound: dict[str, int | None]  # tier -> proven upper bound, None when not proven
    tier_status: dict[str, str]  # tier -> OPTIMAL | FEASIBLE | NOT_REACHED
    wall_s: float
    method: str = METHOD


@dataclass
class PartAnswer:
    """One component's answer: OPTIMAL, FEASIBLE, INFEASIBLE or UNKNOWN (no answer), each
    tier's outcome (value and proven bound; missing tiers were not reached)."""

    status: str
    tiers: list[TierOutcome] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    method: str = METHOD


def best_answer(
    problem: PlacementProblem, greedy: list[Placement] | None, exact: PartAnswer | None
) -> PartAnswer:
    """The exact answer unless the greedy's is lexicographically better or the exact
    solver gave none; the greedy's then keeps the exact solver's bounds that still hold
    (those of the first tier where they differ and above)."""
    if greedy is None:
        return exact if exact is not None else PartAnswer("UNKNOWN")
    have = tier_vector(placement_objective(problem, greedy))
    if exact is not None and exact.status in ("OPTIMAL", "FEASIBLE"):
        found = tier_vector(placement_objective(problem, exact.placements))
        if found >= have:
            return exact
    known = exact.tiers if exact is not None and exact.status != "INFEASIBLE" else []
    tiers: list[TierOutcome] = []
    for position, name in enumerate(TIER_NAMES):
        if position >= len(known) or known[position].bound is None:
            break
        bound = max(known[position].bound or 0, have[position])
        proven = bound == have[position]
        tiers.append(TierOutcome(name, "OPTIMAL" if proven else "FEASIBLE", have[position], bound))
        if known[position].value != have[position]:
            break  # the bounds below hold given the exact answer's value here, not ours
    proven = len(tiers) == len(TIER_NAMES) and all(t.status == "OPTIMAL" for t in tiers)
    return PartAnswer("OPTIMAL" if proven else "FEASIBLE", tiers, greedy, GREEDY)


def combine(
    problem: PlacementProblem,
    options: Options,
    parts: list[list[str]],
    answers: list[PartAnswer],
    started: float,
) -> PlacementSolution:
    """The components' (`parts`) answers as one solution: pins that cannot hold anywhere make it
    INFEASIBLE; a component without an answer leaves its students unplaced, never the
    others'."""
    statuses = {a.status for a in answers}
    if "INFEASIBLE" in statuses:
        status = "INFEASIBLE"
    elif answers and statuses == {"UNKNOWN"}:
        status = "UNKNOWN"
    else:
        status = "OPTIMAL" if statuses <= {"OPTIMAL"} else "FEASIBLE"
    placements = [] if status == "INFEASIBLE" else [p for a in answers for p in a.placements]
    placed = {p[0] for p in placements}
    late = {
        s: NOT_SOLVED if status == "INFEASIBLE" or answer.status == "UNKNOWN" else TAKEN
        for answer, part in zip(answers, parts, strict=True)
        for s in part
    }
    unplaced = sorted(
        (s.id, options.unplaceable.get(s.id) or late[s.id])
        for s in problem.students
        if s.id not in placed
    )
    tier_status, bound = tier_summary(answers)
    methods = sorted({a.method for a in answers if a.status != "UNKNOWN"})
    solution = PlacementSolution(
        status=status,
        placements=tuple(sorted(placements)),
        unplaced=tuple(unplaced),
        objective=placement_objective(problem, placements),
        bound=bound,
        tier_status=tier_status,
        wall_s=time.perf_counter() - started,
        method=" / ".join(methods) if methods else METHOD,
    )
    log.info("placement %s in %.2f s: %s", status, solution.wall_s, solution.objective)
    return solution


def tier_summary(answers: list[PartAnswer]) -> tuple[dict[str, str], dict[str, int | None]]:
    """Per tier: the weakest status over the components and the sum of their bounds."""
    tier_status: dict[str, str] = {}
    bound: dict[str, int | None] = {}
    for position, name in enumerate(TIER_NAMES):
        outcomes = [a.tiers[position] if position < len(a.tiers) else None for a in answers]
        reached = [o for o in outcomes if o is not None and o.bound is not None]
        if len(reached) < len(outcomes):
            tier_status[name], bound[name] = "NOT_REACHED", None
            continue
        feasible = any(o.status == "FEASIBLE" for o in reached)
        tier_status[name] = "FEASIBLE" if feasible else "OPTIMAL"
        bound[name] = sum(o.bound for o in reached if o.bound is not None)
    return tier_status, bound
