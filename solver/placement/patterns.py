"""The pattern model of student placement: per student, columns (location, tracked
half-days attended there); the counts of students per (location, pattern, plain
half-days) are the integer decisions. Solved by solver/placement/mip.py.

A half-day is tracked at a location when a group there has priority > 0 then, or a pin or
a previous triple names a group there then (with `exact`, also when it has fewer places
than students who could come). The location's other ("plain") half-days weigh in no tier:
a column only says how many of them it needs, and their places are checked in total per
location, so without `exact` the model is a relaxation.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ortools.linear_solver.python import model_builder as mb

from solver.placement.model import previous_candidates
from solver.placement.options import Options
from solver.placement.problem import PlacementProblem

Column = tuple[str, str, tuple[str, ...]]  # (student, location, tracked half-days attended)
Slot = tuple[str, tuple[str, ...], int]  # (location, tracked half-days, plain half-days)
Term = tuple[mb.Variable, float]
MAX_COLUMNS = 150_000  # beyond this the model is left to the CP-SAT model over half-days


@dataclass
class PatternModel:
    """The model (OR-Tools model_builder: one model for GLOP and HiGHS) and its parts."""

    model: mb.Model
    columns: list[Column]
    x: list[mb.Variable]
    placed: list[Term] = field(default_factory=list)
    coverage: list[Term] = field(default_factory=list)
    quality: list[Term] = field(default_factory=list)
    kept: list[Term] = field(default_factory=list)
    kept_limit: int = 0
    count: dict[Slot, mb.Variable] = field(default_factory=dict)


def tracked_half_days(
    problem: PlacementProblem, options: Options, students: Iterable[str], exact: bool = False
) -> dict[str, set[str]]:
    """Per location of the component: the half-days a group there has priority > 0, or a pin
    or a previous triple names a group there; with `exact`, also every half-day with fewer
    places than students who could come then (so the plain ones can never run out)."""
    students = list(students)
    locations = {loc for s in students for loc in options.locations[s]}
    tracked: dict[str, set[str]] = {loc: set() for loc in locations}
    for group in problem.groups:
        if group.location in tracked and group.priority > 0:
            tracked[group.location].update(group.runs())
    for _, g, h in (*problem.pinned, *problem.previous):
        group = problem.group[g]
        if group.location in tracked and h in group.runs():
            tracked[group.location].add(h)
    if exact:
        demand: dict[tuple[str, str], int] = defaultdict(int)
        for s in students:
            for loc in options.locations[s]:
                for h in {h for _, h in options.sessions[s, loc]}:
                    demand[loc, h] += 1
        places: dict[tuple[str, str], int] = defaultdict(int)
        for group in problem.groups:
            for h, wanted in group.runs().items():
                places[group.location, h] += wanted
        for (loc, h), students_there in demand.items():
            if places[loc, h] < students_there:
                tracked[loc].add(h)
    return tracked


def enumerate_columns(
    problem: PlacementProblem,
    options: Options,
    students: list[str],
    tracked: dict[str, set[str]],
) -> list[Column] | None:
    """Every (student, location, tracked pattern) that can hold; None past MAX_COLUMNS."""
    pinned: dict[str, set[str]] = defaultdict(set)
    for s, _, h in problem.pinned:
        pinned[s].add(h)
    columns: list[Column] = []
    for s in students:
        required = problem.student[s].sessions_required
        must = pinned[s]
        for loc in options.locations[s]:
            days = sorted({h for _, h in options.sessions[s, loc]})
            tracked_days = [h for h in days if h in tracked[loc]]
            plain = len(days) - len(tracked_days)
            free = [h for h in tracked_days if h not in must]
            for size in range(
                max(required - plain, len(must)), min(required, len(tracked_days)) + 1
            ):
                for extra in itertools.combinations(free, size - len(must)):
                    columns.append((s, loc, tuple(sorted(must.union(extra)))))
            if len(columns) > MAX_COLUMNS:
                return None
    return columns


def build_pattern_model(
    problem: PlacementProblem,
    options: Options,
    students: list[str],
    tracked: dict[str, set[str]],
    columns: list[Column],
) -> PatternModel:
    """Columns, counts per slot (location, pattern, plain half-days), group places, plain
    places per location, kept previous triples, locations used."""
    model = mb.Model()
    x = [model.new_num_var(0.0, 1.0, None) for _ in columns]
    m = PatternModel(model, columns, x)
    pinned_students = {s for s, _, _ in problem.pinned}
    by_student: dict[str, list[int]] = defaultdict(list)
    by_slot: dict[Slot, list[int]] = defaultdict(list)
    for j, (s, loc, pattern) in enumerate(columns):
        by_student[s].append(j)
        plain = problem.student[s].sessions_required - len(pattern)
        by_slot[loc, pattern, plain].append(j)
    for s in students:
        lower = 1.0 if s in pinned_students else 0.0
        add_row(model, lower, 1.0, [(x[j], 1.0) for j in by_student[s]])
    count = m.count
    for slot, js in by_slot.items():
        count[slot] = model.new_int_var(0.0, float(len(js)), None)
        add_row(model, 0.0, 0.0, [(count[slot], -1.0), *((x[j], 1.0) for j in js)])
    m.placed = [(n, 1.0) for n in count.values()]
    fill = _group_places(problem, m, count)
    _plain_places(problem, m, count, tracked)
    _kept(problem, m, fill, students, options)
    m.quality = [(x[j], float(problem.score[s, loc])) for j, (s, loc, _) in enumerate(columns)]
    _used(problem, m, count)
    return m


def _group_places(
    problem: PlacementProblem, m: PatternModel, count: dict[Slot, mb.Variable]
) -> dict[tuple[str, str], mb.Variable]:
    """Per tracked half-day: the students attending fill its groups' places, each group
    between its pins and the number it wants; coverage weighs each by the group priority."""
    load: dict[tuple[str, str], list[mb.Variable]] = defaultdict(list)
    for (loc, pattern, _), n in count.items():
        for h in pattern:
            load[loc, h].append(n)
    pins: dict[tuple[str, str], int] = defaultdict(int)
    for _, g, h in problem.pinned:
        pins[g, h] += 1
    groups_at: dict[tuple[str, str], list[str]] = defaultdict(list)
    for group in problem.groups:
        for h in group.runs():
            if (group.location, h) in load:
                groups_at[group.location, h].append(group.id)
    fill: dict[tuple[str, str], mb.Variable] = {}
    for (loc, h), counts in load.items():
        terms: list[Term] = [(n, -1.0) for n in counts]
        for g in groups_at[loc, h]:
            wanted = float(problem.group[g].runs()[h])
            fill[g, h] = m.model.new_num_var(float(pins[g, h]), wanted, None)
            terms.append((fill[g, h], 1.0))
            if problem.group[g].priority:
                m.coverage.append((fill[g, h], float(problem.group[g].priority)))
        add_row(m.model, 0.0, 0.0, terms)
    return fill


def _plain_places(
    problem: PlacementProblem,
    m: PatternModel,
    count: dict[Slot, mb.Variable],
    tracked: dict[str, set[str]],
) -> None:
    """Per location: the plain half-days its students need fit its plain places in total."""
    places: dict[str, int] = defaultdict(int)
    for group in problem.groups:
        if group.location in tracked:
            for h, wanted in group.runs().items():
                if h not in tracked[group.location]:
                    places[group.location] += wanted
    need: dict[str, list[Term]] = defaultdict(list)
    for (loc, _, plain), n in count.items():
        if plain:
            need[loc].append((n, float(plain)))
    for loc, terms in need.items():
        add_row(m.model, -math.inf, float(places[loc]), terms)


def _kept(
    problem: PlacementProblem,
    m: PatternModel,
    fill: dict[tuple[str, str], mb.Variable],
    students: list[str],
    options: Options,
) -> None:
    """Previous triples kept per group session: within the places left after pins that are
    not previous, and at most the previous students attending that half-day there."""
    attend = {
        (s, loc, h)
        for s in students
        for loc in options.locations[s]
        for _, h in options.sessions[s, loc]
    }
    candidates, blocked = previous_candidates(problem, attend)  # type: ignore[arg-type]
    columns_of: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for j, (s, loc, pattern) in enumerate(m.columns):
        for h in pattern:
            columns_of[s, loc, h].append(j)
    for (g, h), who in candidates.items():
        loc = problem.group[g].location
        attending = [j for s in who for j in columns_of[s, loc, h]]
        limit = min(problem.group[g].runs()[h] - blocked[g, h], len(who))
        if (g, h) not in fill or not attending or limit <= 0:
            continue
        kept = m.model.new_int_var(0.0, float(limit), None)
        m.kept.append((kept, 1.0))
        m.kept_limit += limit
        add_row(m.model, -math.inf, -float(blocked[g, h]), [(kept, 1.0), (fill[g, h], -1.0)])
        add_row(m.model, -math.inf, 0.0, [(kept, 1.0), *((m.x[j], -1.0) for j in attending)])


def _used(problem: PlacementProblem, m: PatternModel, count: dict[Slot, mb.Variable]) -> None:
    """A location counts as used (for spreading) only if some student is placed there."""
    if problem.spread_bonus == 0:
        return
    at: dict[str, list[Term]] = defaultdict(list)
    for (loc, _, _), n in count.items():
        at[loc].append((n, -1.0))
    for terms in at.values():
        used = m.model.new_bool_var(None)
        m.quality.append((used, float(problem.spread_bonus)))
        add_row(m.model, -math.inf, 0.0, [(used, 1.0), *terms])


def linear_sum(terms: Iterable[Term]) -> mb.LinearExprT:
    """The linear expression sum(coef * var)."""
    pairs = list(terms)
    return mb.LinearExpr.weighted_sum([var for var, _ in pairs], [coef for _, coef in pairs])


def add_row(model: mb.Model, lower: float, upper: float, terms: Iterable[Term]) -> None:
    """Add `lower <= sum(coef * var) <= upper`."""
    model.add_linear_constraint(linear_sum(terms), lb=lower, ub=upper)
