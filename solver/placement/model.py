"""The CP-SAT model of student placement, over the feasible choices only.

A student's location is the hard choice (`at`); given the locations, the half-days are a
flow: each student sends its required sessions through the half-days it attends
(`attend`) into the group sessions of that location. Inside one location and half-day
the students are interchangeable for every tier except the last, so the model counts
students per group session (`fill`) instead of naming a group per student, and counts the
previous triples kept per group session (`kept`); `decode` then puts pinned students in
their group, previous students in theirs, and the rest in the remaining places.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.placement.options import Options
from solver.placement.problem import PlacementProblem

Expr = cp_model.LinearExpr
TIER_NAMES = ("placed", "priority_coverage", "quality", "kept_previous")


@dataclass
class PlacementModel:
    """The model and its variables, each in a dict keyed by domain ids."""

    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    at: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)  # student, location
    attend: dict[tuple[str, str, str], cp_model.IntVar] = field(default_factory=dict)  # s, l, h
    fill: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)  # group, h
    kept: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)  # group, h
    used: dict[str, cp_model.IntVar] = field(default_factory=dict)  # location

    def variables(self) -> list[cp_model.IntVar]:
        """Return every variable, in a fixed order."""
        return [
            *self.at.values(),
            *self.attend.values(),
            *self.fill.values(),
            *self.kept.values(),
            *self.used.values(),
        ]


def build_model(problem: PlacementProblem, options: Options, students: list[str]) -> PlacementModel:
    """Build the placement model for `students` (a component of the problem)."""
    m = PlacementModel()
    for s in students:
        for loc in options.locations[s]:
            m.at[s, loc] = m.model.new_bool_var(f"at[{s},{loc}]")
            for h in sorted({h for _, h in options.sessions[s, loc]}):
                m.attend[s, loc, h] = m.model.new_bool_var(f"attend[{s},{loc},{h}]")
    _one_location(m, students, options)
    _exact_sessions_at_chosen_location(problem, m)
    _one_place_per_half_day(m)
    _group_places(problem, m)
    _pins(problem, m)
    _kept_previous(problem, m)
    _locations_used(problem, m)
    return m


def objective_tiers(problem: PlacementProblem, m: PlacementModel) -> list[tuple[str, Expr]]:
    """The objective tiers, in lexicographic order; names as in TIER_NAMES."""
    placed = cp_model.LinearExpr.sum(list(m.at.values()))
    coverage = cp_model.LinearExpr.weighted_sum(
        list(m.fill.values()), [problem.group[g].priority for g, _ in m.fill]
    )
    quality = cp_model.LinearExpr.weighted_sum(
        [*m.at.values(), *m.used.values()],
        [*(problem.score[key] for key in m.at), *(problem.spread_bonus for _ in m.used)],
    )
    kept = cp_model.LinearExpr.sum(list(m.kept.values()))
    return list(zip(TIER_NAMES, (placed, coverage, quality, kept), strict=True))


def search_tiers(
    tiers: list[tuple[str, Expr]], kept_limit: int
) -> tuple[list[tuple[str, Expr]], int]:
    """The tiers as solved: quality and kept_previous merge into `quality * k + kept` with
    k = kept_limit + 1 > any kept total, which is exactly lexicographic and spares CP-SAT
    the large equality that fixing quality alone would add. Returns them and k."""
    k = kept_limit + 1
    (_, quality), (_, kept) = tiers[2], tiers[3]
    return [*tiers[:2], ("quality_then_kept", quality * k + kept)], k


def _one_location(m: PlacementModel, students: list[str], options: Options) -> None:
    """One team: a student is placed at one location at most."""
    for s in students:
        m.model.add_at_most_one(m.at[s, loc] for loc in options.locations[s])


def _exact_sessions_at_chosen_location(problem: PlacementProblem, m: PlacementModel) -> None:
    """A student placed at a location attends exactly the sessions required, only there."""
    per_location: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    for (s, loc, _), var in m.attend.items():
        per_location[s, loc].append(var)
        m.model.add_implication(var, m.at[s, loc])
    for (s, loc), at in m.at.items():
        required = problem.student[s].sessions_required
        m.model.add(cp_model.LinearExpr.sum(per_location[s, loc]) == required * at)


def _one_place_per_half_day(m: PlacementModel) -> None:
    """A student is in at most one group per half-day (redundant given one location, tight)."""
    per_half_day: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    for (s, _, h), var in m.attend.items():
        per_half_day[s, h].append(var)
    for variables in per_half_day.values():
        if len(variables) > 1:
            m.model.add_at_most_one(variables)


def _group_places(problem: PlacementProblem, m: PlacementModel) -> None:
    """The students at a location in a half-day fill its groups' sessions, each at most the
    number it wants (the domain of `fill`)."""
    attending: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    for (_, loc, h), var in m.attend.items():
        attending[loc, h].append(var)
    groups_at: dict[tuple[str, str], list[str]] = defaultdict(list)
    for group in problem.groups:
        for h, wanted in group.runs().items():
            if (group.location, h) in attending:
                m.fill[group.id, h] = m.model.new_int_var(0, wanted, f"fill[{group.id},{h}]")
                groups_at[group.location, h].append(group.id)
    for (loc, h), variables in attending.items():
        places = [m.fill[g, h] for g in groups_at[loc, h]]
        m.model.add(cp_model.LinearExpr.sum(places) == cp_model.LinearExpr.sum(variables))


def _pins(problem: PlacementProblem, m: PlacementModel) -> None:
    """A pinned (student, group, session) is always kept: the student attends that half-day
    at the group's location, and the group keeps a place for each of its pins."""
    pins_per_session: dict[tuple[str, str], int] = defaultdict(int)
    for s, g, h in problem.pinned:
        if (s, problem.group[g].location, h) in m.attend:
            m.model.add(m.attend[s, problem.group[g].location, h] == 1)
            pins_per_session[g, h] += 1
    for (g, h), n in pins_per_session.items():
        m.model.add(m.fill[g, h] >= n)


def _kept_previous(problem: PlacementProblem, m: PlacementModel) -> None:
    """A previous triple counts as kept only for a student attending that half-day at the
    group's location, within the group's places left after pins that are not previous."""
    candidates, blocked = previous_candidates(problem, m.attend)
    for (g, h), students in candidates.items():
        limit = problem.group[g].runs()[h] - blocked[g, h]
        m.kept[g, h] = m.model.new_int_var(0, max(min(limit, len(students)), 0), f"kept[{g},{h}]")
        m.model.add(m.kept[g, h] <= m.fill[g, h] - blocked[g, h])
        loc = problem.group[g].location
        m.model.add(
            m.kept[g, h] <= cp_model.LinearExpr.sum([m.attend[s, loc, h] for s in students])
        )


def previous_candidates(
    problem: PlacementProblem, attend: dict[tuple[str, str, str], cp_model.IntVar]
) -> tuple[dict[tuple[str, str], list[str]], dict[tuple[str, str], int]]:
    """Per group session: students who may keep a previous triple there (not pinned to
    another group that half-day), and the number of its pins that are not previous."""
    pinned_at = {(s, h): g for s, g, h in problem.pinned}
    previous = set(problem.previous)
    candidates: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s, g, h in problem.previous:
        loc = problem.group[g].location
        runs = h in problem.group[g].runs()
        if runs and (s, loc, h) in attend and pinned_at.get((s, h), g) == g:
            candidates[g, h].append(s)
    blocked: dict[tuple[str, str], int] = defaultdict(int)
    for s, g, h in problem.pinned:
        if (s, g, h) not in previous:
            blocked[g, h] += 1
    return dict(sorted(candidates.items())), blocked


def _locations_used(problem: PlacementProblem, m: PlacementModel) -> None:
    """A location counts as used (for spreading) only if some student is placed there."""
    if problem.spread_bonus == 0:
        return
    per_location: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for (_, loc), var in m.at.items():
        per_location[loc].append(var)
    for loc, variables in per_location.items():
        m.used[loc] = m.model.new_bool_var(f"used[{loc}]")
        m.model.add_bool_or(variables).only_enforce_if(m.used[loc])
