"""One answer out of the components' answers: per component the better of the greedy's
and the exact solver's, lexicographically; then their sum, with each tier's bound."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from solver.cpsat_tiers import TierOutcome
from solver.placement.highs import lp_bounds
from solver.placement.model import TIER_NAMES
from solver.placement.objective import Placement, placement_objective, tier_vector
from solver.placement.options import NOT_SOLVED, TAKEN, Options
from solver.placement.problem import PlacementProblem
from solver.status import SolveStatus

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
    lp: tuple[float, int] | None = None  # the pattern model's LP bound of tiers 0-1, its top


def best_answer(
    problem: PlacementProblem, greedy: list[Placement] | None, exact: PartAnswer | None
) -> PartAnswer:
    """The exact answer unless the greedy's is lexicographically better or the exact
    solver gave none; either way with every tier's bound that holds for it."""
    if greedy is None and (exact is None or exact.status == SolveStatus.UNKNOWN):
        return exact if exact is not None else PartAnswer(SolveStatus.UNKNOWN)
    if exact is not None and exact.status == SolveStatus.INFEASIBLE and greedy is None:
        return exact
    chosen = (
        exact
        if exact is not None and exact.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
        else None
    )
    have = tier_vector(placement_objective(problem, chosen.placements)) if chosen else None
    if greedy is not None:
        floor = tier_vector(placement_objective(problem, greedy))
        if have is None or floor > have:
            chosen, have = PartAnswer(SolveStatus.FEASIBLE, [], greedy, GREEDY), floor
    assert chosen is not None and have is not None
    tiers = tier_bounds(have, exact, exact.lp if exact is not None else None)
    proven = len(tiers) == len(TIER_NAMES) and all(t.status == SolveStatus.OPTIMAL for t in tiers)
    return PartAnswer(
        SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE,
        tiers,
        chosen.placements,
        chosen.method,
    )


def not_final(answer: PartAnswer) -> bool:
    """An exact answer worth a second round: unproven, or none in time."""
    return answer.status in (SolveStatus.FEASIBLE, SolveStatus.UNKNOWN)


def better_round(problem: PlacementProblem, first: PartAnswer, second: PartAnswer) -> PartAnswer:
    """Of a component's two exact answers, the second when it is proven or at least as good
    on the tiers in order (it had more time), else the first."""
    if second.status == SolveStatus.OPTIMAL or first.status == SolveStatus.UNKNOWN:
        return second
    if second.status == SolveStatus.UNKNOWN:
        return first
    worth = [tier_vector(placement_objective(problem, a.placements)) for a in (first, second)]
    return second if worth[1] >= worth[0] else first


def tier_bounds(
    have: tuple[int, ...], exact: PartAnswer | None, lp: tuple[float, int] | None
) -> list[TierOutcome]:
    """Each tier's outcome for an answer worth `have`, down to the first tier without a
    bound that holds for it. The exact solver's bound of a tier holds while every tier
    above has the exact answer's value; the LP bound B of stage A (`placed * (top + 1) +
    coverage`) bounds tier 0 by B / (top + 1) and, given `placed`, tier 1 by B - placed *
    (top + 1)."""
    known = exact.tiers if exact is not None and exact.status != SolveStatus.INFEASIBLE else []
    tiers: list[TierOutcome] = []
    same_above = True
    for position, name in enumerate(TIER_NAMES):
        candidates = []
        if same_above and position < len(known) and known[position].bound is not None:
            candidates.append(known[position].bound)
        if lp is not None and position < 2:
            candidates.append(lp_bounds(lp[0], lp[1], have[0])[position])
        if not candidates:
            break
        bound = max(min(c for c in candidates if c is not None), have[position])
        status = SolveStatus.OPTIMAL if bound == have[position] else SolveStatus.FEASIBLE
        tiers.append(TierOutcome(name, status, have[position], bound))
        same_above = (
            same_above and position < len(known) and known[position].value == have[position]
        )
    return tiers


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
    if SolveStatus.INFEASIBLE in statuses:
        status = SolveStatus.INFEASIBLE
    elif answers and statuses == {SolveStatus.UNKNOWN}:
        status = SolveStatus.UNKNOWN
    else:
        status = SolveStatus.OPTIMAL if statuses <= {SolveStatus.OPTIMAL} else SolveStatus.FEASIBLE
    placements = (
        [] if status == SolveStatus.INFEASIBLE else [p for a in answers for p in a.placements]
    )
    placed = {p[0] for p in placements}
    late = {
        s: NOT_SOLVED
        if status == SolveStatus.INFEASIBLE or answer.status == SolveStatus.UNKNOWN
        else TAKEN
        for answer, part in zip(answers, parts, strict=True)
        for s in part
    }
    unplaced = sorted(
        (s.id, options.unplaceable.get(s.id) or late[s.id])
        for s in problem.students
        if s.id not in placed
    )
    tier_status, bound = tier_summary(answers)
    methods = sorted({a.method for a in answers if a.status != SolveStatus.UNKNOWN})
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
            tier_status[name], bound[name] = SolveStatus.NOT_REACHED, None
            continue
        feasible = any(o.status == SolveStatus.FEASIBLE for o in reached)
        tier_status[name] = SolveStatus.FEASIBLE if feasible else SolveStatus.OPTIMAL
        bound[name] = sum(o.bound for o in reached if o.bound is not None)
    return tier_status, bound
