"""Student placement: tiers one after another, independent components apart.

Each component is solved over (location, half-day pattern) counts with HiGHS, the
half-days then by a min-cost flow (solver/placement/mip.py); when that runs out of time
before tiers 0-1 are proven (or the model would be too large), by the CP-SAT model over
all half-days (solver/placement/model.py).

Objective tiers, in order, never traded against each other (see `objective_tiers`):
  0. placed: the number of students placed;
  1. priority_coverage: over every placed student-session, its group's priority (places
     filled, weighted; a group of priority 0 adds nothing);
  2. quality: the sum of the placed students' location scores, plus `spread_bonus` for
     each location that gets at least one student;
  3. kept_previous: the number of previous (student, group, session) triples kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from solver.cpsat_tiers import SearchSettings, TieredResult, TierOutcome, solve_tiers
from solver.placement.mip import solve_patterns, split_merged
from solver.placement.model import (
    TIER_NAMES,
    PlacementModel,
    build_model,
    objective_tiers,
    previous_candidates,
    search_tiers,
)
from solver.placement.options import NOT_SOLVED, TAKEN, Options, components, placement_options
from solver.placement.problem import PlacementProblem
from solver.status import SolveStatus

log = logging.getLogger(__name__)
_NO_ANSWER = (SolveStatus.INFEASIBLE, SolveStatus.UNKNOWN)
_WORST_FIRST = (*_NO_ANSWER, SolveStatus.FEASIBLE)
OPTIMAL, FEASIBLE = SolveStatus.OPTIMAL, SolveStatus.FEASIBLE

Placement = tuple[str, str, str, str]  # (student, location, group, session)
METHOD = "MIP over location patterns (HiGHS, LP-tightened), half-days by min-cost flow"
FALLBACK = "CP-SAT over feasible choices, group places counted, tiers in turn"


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


def solve_placement(problem: PlacementProblem) -> PlacementSolution:
    """Place students lexicographically optimally within the time limit; never changes input."""
    started = time.perf_counter()
    options = placement_options(problem)
    parts = components(problem, options)
    sizes = [
        sum(len(options.sessions[s, loc]) for s in part for loc in options.locations[s])
        for part in parts
    ]
    deadline = started + problem.time_limit_s
    placements: list[Placement] = []
    results: list[TieredResult] = []
    methods: set[str] = set()
    for position, part in enumerate(parts):
        share = sizes[position] / max(sum(sizes[position:]), 1)
        budget = max(deadline - time.perf_counter(), 0.0) * share
        result, found, method = _solve_part(problem, options, part, budget)
        results.append(result)
        placements += found
        methods.add(method)
    method = " / ".join(sorted(methods)) if methods else METHOD
    return _solution(problem, options, placements, results, started, method)


def _solve_part(
    problem: PlacementProblem, options: Options, students: list[str], time_limit_s: float
) -> tuple[TieredResult, list[Placement], str]:
    """Solve one component's tiers; return the result, its placements and the method."""
    deadline = time.perf_counter() + time_limit_s
    patterns = solve_patterns(problem, options, students, time_limit_s)
    if patterns.solved:
        tiers = patterns.tiers
        proven = len(tiers) == len(TIER_NAMES) and all(t.status == OPTIMAL for t in tiers)
        return TieredResult(OPTIMAL if proven else FEASIBLE, tiers), patterns.placements, METHOD
    log.info("pattern model: %s; solving over half-days with CP-SAT", patterns.reason)
    remaining = max(deadline - time.perf_counter(), 0.0)
    result, found = _solve_part_cpsat(problem, options, students, remaining)
    return result, found, FALLBACK


def _solve_part_cpsat(
    problem: PlacementProblem, options: Options, students: list[str], time_limit_s: float
) -> tuple[TieredResult, list[Placement]]:
    """Solve one component's tiers with the CP-SAT model over half-days."""
    m = build_model(problem, options, students)
    settings = SearchSettings(time_limit_s, problem.seed, problem.num_workers, lp_led=True)
    kept_limit = sum(len(s) for s in previous_candidates(problem, m.attend)[0].values())
    tiers, k = search_tiers(objective_tiers(problem, m), kept_limit)
    result = solve_tiers(m.model, tiers, m.variables(), settings)
    result.tiers = _split_last_tier(result.tiers, k)
    if result.values is None:
        return result, []
    return result, decode(problem, m, result.values)


def _split_last_tier(outcomes: list[TierOutcome], k: int) -> list[TierOutcome]:
    """Split the merged `quality * k + kept` outcome back into the two tiers."""
    if len(outcomes) < 3:
        return outcomes
    merged = outcomes[2]
    if merged.value is None or merged.bound is None:
        return outcomes[:2]
    return [*outcomes[:2], *split_merged(merged.status, merged.value, merged.bound, k)]


def decode(problem: PlacementProblem, m: PlacementModel, values: list[int]) -> list[Placement]:
    """Turn attended half-days and group places into (student, location, group, session):
    pinned students into their group, then previous students into theirs, then the rest."""
    by_var = dict(zip((var.index for var in m.variables()), values, strict=True))
    present: dict[tuple[str, str], list[str]] = {}
    for (s, loc, h), var in m.attend.items():
        if by_var[var.index]:
            present.setdefault((loc, h), []).append(s)
    places = {key: by_var[var.index] for key, var in m.fill.items()}
    preferred = {(s, h): g for s, g, h in problem.previous}
    preferred.update({(s, h): g for s, g, h in problem.pinned})
    pinned = {(s, h) for s, _, h in problem.pinned}
    groups_at: dict[tuple[str, str], list[str]] = {}
    for g, h in places:
        groups_at.setdefault((problem.group[g].location, h), []).append(g)
    placements: list[Placement] = []
    for (loc, h), students in sorted(present.items()):
        left = {g: places[g, h] for g in sorted(groups_at[loc, h])}
        # Pinned students first, then previous students whose group has room, then the rest.
        ordered = sorted(students, key=lambda s: ((s, h) not in pinned, s))
        waiting = []
        for s in ordered:
            wish = preferred.get((s, h))
            if wish in left and left[wish] > 0:
                left[wish] -= 1
                placements.append((s, loc, wish, h))
            else:
                waiting.append(s)
        for s in waiting:
            g = next(g for g in left if left[g] > 0)
            left[g] -= 1
            placements.append((s, loc, g, h))
    return placements


def _solution(
    problem: PlacementProblem,
    options: Options,
    placements: list[Placement],
    results: list[TieredResult],
    started: float,
    method: str,
) -> PlacementSolution:
    """Combine the components' results into one solution."""
    statuses = {r.status for r in results}
    status = next((s for s in _WORST_FIRST if s in statuses), SolveStatus.OPTIMAL)
    if status in _NO_ANSWER:
        placements = []
    placed = {p[0] for p in placements}
    late = NOT_SOLVED if status in _NO_ANSWER else TAKEN
    unplaced = sorted(
        (s.id, options.unplaceable.get(s.id, late)) for s in problem.students if s.id not in placed
    )
    tier_status, bound = _tier_summary(results)
    solution = PlacementSolution(
        status=status,
        placements=tuple(sorted(placements)),
        unplaced=tuple(unplaced),
        objective=placement_objective(problem, placements),
        bound=bound,
        tier_status=tier_status,
        wall_s=time.perf_counter() - started,
        method=method,
    )
    log.info("placement %s in %.2f s: %s", status, solution.wall_s, solution.objective)
    return solution


def _tier_summary(results: list[TieredResult]) -> tuple[dict[str, str], dict[str, int | None]]:
    """Per tier: the weakest status over the components and the sum of their bounds."""
    tier_status: dict[str, str] = {}
    bound: dict[str, int | None] = {}
    for position, name in enumerate(TIER_NAMES):
        outcomes = [r.tiers[position] if position < len(r.tiers) else None for r in results]
        reached = [o for o in outcomes if o is not None and o.bound is not None]
        if len(reached) < len(outcomes):
            tier_status[name], bound[name] = SolveStatus.NOT_REACHED, None
            continue
        feasible = any(o.status == SolveStatus.FEASIBLE for o in reached)
        tier_status[name] = SolveStatus.FEASIBLE if feasible else SolveStatus.OPTIMAL
        bound[name] = sum(o.bound for o in reached if o.bound is not None)
    return tier_status, bound


def placement_objective(
    problem: PlacementProblem, placements: Iterable[Placement]
) -> dict[str, int]:
    """Return each tier's value for a set of placements."""
    rows = list(placements)
    at = {(s, loc) for s, loc, _, _ in rows}
    triples = {(s, g, h) for s, _, g, h in rows}
    values = (
        len({s for s, _ in at}),
        sum(problem.group[g].priority for _, _, g, _ in rows),
        sum(problem.score[key] for key in at) + problem.spread_bonus * len({loc for _, loc in at}),
        sum(1 for t in problem.previous if t in triples),
    )
    return dict(zip(TIER_NAMES, values, strict=True))
