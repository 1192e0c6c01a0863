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

from solver.cpsat_tiers import SearchSettings, TieredResult, TierOutcome, solve_tiers
from solver.placement.answer import (
    FALLBACK,
    PartAnswer,
    PlacementSolution,
    best_answer,
    better_round,
    combine,
    not_final,
)
from solver.placement.greedy import greedy_placement
from solver.placement.mip import solve_patterns, split_merged
from solver.placement.model import (
    TIER_NAMES,
    PlacementModel,
    build_model,
    objective_tiers,
    previous_candidates,
    search_tiers,
)
from solver.placement.objective import placement_objective
from solver.placement.options import Options, components, placement_options
from solver.placement.parallel import PartsRun, shares, worker_count
from solver.placement.problem import PlacementProblem
from solver.status import SolveStatus

log = logging.getLogger(__name__)
_NO_ANSWER = (SolveStatus.INFEASIBLE, SolveStatus.UNKNOWN)
_WORST_FIRST = (*_NO_ANSWER, SolveStatus.FEASIBLE)
OPTIMAL, FEASIBLE = SolveStatus.OPTIMAL, SolveStatus.FEASIBLE

Placement = tuple[str, str, str, str]  # (student, location, group, session)
FALLBACK_MIN_S = 1.0  # less time left than this: CP-SAT would not beat the greedy floor


def solve_placement(problem: PlacementProblem) -> PlacementSolution:
    """Place students lexicographically optimally within the time limit, never worse
    than the repaired greedy on any tier; never changes the input."""
    with start_placement(problem) as pending:
        return pending.result()


class PendingPlacement:
    """A placement started by `start_placement`: its components are being solved in worker
    processes while the caller goes on; `result` waits for the answer. Leaving the `with`
    block ends the workers (a caller that fails before `result` leaves none running)."""

    def __init__(self, problem: PlacementProblem) -> None:
        """The repaired greedy per component, then the exact solves handed out."""
        self._started = time.perf_counter()
        deadline = time.monotonic() + problem.time_limit_s
        self._problem = problem
        options = self._options = placement_options(problem)
        parts = self._parts = components(problem, options)
        sizes = [
            sum(len(options.sessions[s, loc]) for s in part for loc in options.locations[s])
            for part in parts
        ]
        self._greedy = [greedy_placement(problem, options, part) for part in parts]
        floors = {
            part[0]: tuple(placement_objective(problem, rows).values())[:2]
            for part, rows in zip(parts, self._greedy, strict=True)
            if rows is not None
        }
        work = shares(parts, sizes, problem.time_limit_s, worker_count(len(parts)))

        def solve(students: list[str], seconds: float, in_worker: bool) -> PartAnswer:
            """One component's exact answer, stage A never below the greedy's tiers 0-1."""
            floor = floors.get(students[0])
            return _solve_part(problem, options, students, seconds, not in_worker, floor)

        def keep(first: PartAnswer, second: PartAnswer) -> PartAnswer:
            """Of a component's two rounds, the better answer."""
            return better_round(problem, first, second)

        self._run = PartsRun(solve, work, deadline, not_final, keep)

    def __enter__(self) -> PendingPlacement:
        """Use as a context: leaving it ends the workers."""
        return self

    def __exit__(self, *exc: object) -> None:
        """End the workers, whatever they still run."""
        self._run.close()

    def result(self) -> PlacementSolution:
        """The solution: per component the better of the exact answer and the greedy's."""
        exact = self._run.answers()
        self._run.close()
        problem, greedy = self._problem, self._greedy
        answers = [best_answer(problem, g, e) for g, e in zip(greedy, exact, strict=True)]
        return combine(problem, self._options, self._parts, answers, self._started)


def start_placement(problem: PlacementProblem) -> PendingPlacement:
    """Start solving `problem` (see `solve_placement`); take the answer with `result`."""
    return PendingPlacement(problem)


def _solve_part(
    problem: PlacementProblem,
    options: Options,
    students: list[str],
    time_limit_s: float,
    wait: bool = True,
    floor: tuple[int, ...] | None = None,
) -> PartAnswer:
    """Solve one component's tiers: the pattern MIP, else the CP-SAT model. `floor`:
    (placed, coverage) of an answer known."""
    deadline = time.perf_counter() + time_limit_s
    known = None if floor is None else (floor[0], floor[1])
    patterns = solve_patterns(problem, options, students, time_limit_s, wait, known)
    if patterns.solved:
        tiers = patterns.tiers
        proven = len(tiers) == len(TIER_NAMES) and all(
            t.status == SolveStatus.OPTIMAL for t in tiers
        )
        return PartAnswer(
            SolveStatus.OPTIMAL if proven else SolveStatus.FEASIBLE, tiers, patterns.placements
        )
    remaining = max(deadline - time.perf_counter(), 0.0)
    if remaining < FALLBACK_MIN_S and patterns.lp is not None:
        log.info("pattern model: %s; no time left for CP-SAT", patterns.reason)
        return PartAnswer(SolveStatus.UNKNOWN, [], [], FALLBACK, patterns.lp)
    log.info("pattern model: %s; solving over half-days with CP-SAT", patterns.reason)
    result, found = _solve_part_cpsat(problem, options, students, remaining)
    return PartAnswer(result.status, result.tiers, found, FALLBACK, patterns.lp)


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
