"""The spreadsheet answer, repaired: a feasible placement from the first second.

`greedy_placement` is what a coordinator would do by hand, done carefully: pinned
students first, then the students with the fewest feasible locations; each takes the
location where it fills the most priority places (then the best score, then previous
triples kept), its half-days the highest-priority group sessions with room. The repair
then makes it better without breaking a rule: the half-days of every location are chosen
again by the exact min-cost flow of `realise` (most coverage, then previous kept, pins
first), and a student left out is inserted wherever that flow can still fit them. Every
answer it returns obeys every hard rule; the exact solver only ever improves on it
(solver/placement/solve.py keeps the better of the two per component).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from solver.placement.options import Options
from solver.placement.problem import PlacementProblem
from solver.placement.realise import Placement, realise

Room = dict[tuple[str, str], int]  # (group, half-day) -> places left
Row = tuple[str, str, str]  # (student, group, half-day)


@dataclass(frozen=True)
class Known:
    """Looked up once per solve: the previous triples and each student's pins."""

    previous: frozenset[Row]
    pins: dict[str, list[Row]]


def greedy_placement(
    problem: PlacementProblem, options: Options, students: list[str]
) -> list[Placement] | None:
    """A feasible placement of `students` (one component), or None when the pins cannot
    all be completed (then no answer exists that keeps them)."""
    at = {loc for s in students for loc in options.locations[s]}
    room: Room = {
        (g.id, h): n for g in problem.groups if g.location in at for h, n in g.runs().items()
    }
    pins = set(problem.pinned)
    pinned = {s for s, _, _ in pins}
    known = Known(frozenset(problem.previous), defaultdict(list))
    for row in problem.pinned:
        known.pins[row[0]].append(row)
    for _, g, h in problem.pinned:
        if (g, h) in room:
            room[g, h] -= 1
    order = sorted(students, key=lambda s: (s not in pinned, len(options.locations[s]), s))
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for s in order:
        location = _best_location(problem, options, known, s, (room, used))
        if location is None:
            if s in pinned:
                return None
            continue
        loc, rows = location
        chosen[s] = loc
        used.add(loc)
        for row in rows:
            if row not in pins:
                room[row[1], row[2]] -= 1
    return repair(problem, options, chosen, [s for s in order if s not in chosen])


def repair(
    problem: PlacementProblem, options: Options, chosen: dict[str, str], left: list[str]
) -> list[Placement] | None:
    """Re-choose every location's half-days by the exact flow, then insert the students
    in `left` wherever the flow still fits them (best location score first)."""
    at: dict[str, dict[str, str]] = defaultdict(dict)
    for s, loc in chosen.items():
        at[loc][s] = loc
    for s in left:
        ranked = sorted(options.locations[s], key=lambda loc: (-problem.score[s, loc], loc))
        for loc in ranked:
            if realise(problem, options, {**at[loc], s: loc}) is not None:
                at[loc][s] = loc
                break
    placements: list[Placement] = []
    for loc in sorted(at):
        rows = realise(problem, options, at[loc])
        if rows is None:
            return None
        placements += rows
    return placements


def _best_location(
    problem: PlacementProblem, options: Options, known: Known, s: str, state: tuple[Room, set[str]]
) -> tuple[str, list[Row]] | None:
    """The location (and its rows) worth most to `s` now, given the places left and the
    locations used so far."""
    room, used = state
    best: tuple[tuple[int, int, int], str, list[Row]] | None = None
    for loc in options.locations[s]:
        rows = _sessions_at(problem, options, known, (s, loc), room)
        if rows is None:
            continue
        coverage = sum(problem.group[g].priority for _, g, _ in rows)
        quality = problem.score[s, loc] + (problem.spread_bonus if loc not in used else 0)
        kept = sum(row in known.previous for row in rows)
        key = (coverage, quality, kept)
        if best is None or key > best[0]:
            best = (key, loc, rows)
    return None if best is None else (best[1], best[2])


def _sessions_at(
    problem: PlacementProblem, options: Options, known: Known, at: tuple[str, str], room: Room
) -> list[Row] | None:
    """`s`'s pins, then the highest-priority group sessions with room in its other free
    half-days (previous groups first among equals); None when too few have room."""
    s, loc = at
    rows = list(known.pins.get(s, []))
    pinned_days = {h for _, _, h in rows}
    best: dict[str, tuple[tuple[int, bool, str], str]] = {}
    for g, h in options.sessions[s, loc]:
        if h in pinned_days or room[g, h] <= 0:
            continue
        key = (problem.group[g].priority, (s, g, h) in known.previous, g)
        if h not in best or key > best[h][0]:
            best[h] = (key, g)
    need = problem.student[s].sessions_required - len(rows)
    if len(best) < need:
        return None
    ranked = sorted(best.items(), key=lambda item: (item[1][0][:2], item[0]), reverse=True)
    return rows + [(s, g, h) for h, (_, g) in ranked[:need]]
