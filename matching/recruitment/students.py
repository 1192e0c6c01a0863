"""Which one more student, or one more half-day of a student, would fill the most priority places.

The placement is a MIP (solver/placement/): no residual-network shortcut applies, so each
candidate is answered by a full re-solve of the run's placement problem with the change, and
only the few most promising candidates are re-solved. Candidates are ranked first by the open
priority places (group half-days of priority > 0 still short of a student in the base answer,
weighted by priority) that the change could reach: for a new student, the best half-days from
a district's preschools within the students' median travel distance; for an extra half-day,
the student's free half-days at the preschool they are placed at. The gains reported are the
re-solves' own figures, so they are exact whenever the re-solve is OPTIMAL (the status says).
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from matching.models import Student
from matching.placement.problem import PlacementInstance, build_placement_instance
from matching.placement.rules import Site, first_broken_placement_rule, placement_score_parts
from matching.reference import distance_km
from solver.placement.answer import PlacementSolution
from solver.placement.problem import PlacementProblem
from solver.placement.problem import Student as SolverStudent
from solver.placement.solve import solve_placement

NEW_STUDENT_ID = "new-student"


class StudentChange(StrEnum):
    """What a student option adds to the placement."""

    NEW_STUDENT = "new_student"
    EXTRA_HALF_DAY = "extra_half_day"


@dataclass(frozen=True)
class StudentOption:
    """One change to the placement and what its re-solve fills beyond the base answer."""

    change: StudentChange
    district: str  # the new student's home district, or the district of the student's preschool
    half_days: tuple[str, ...]  # the new student's half-days, or the extra one offered
    student_id: int | None  # the existing student giving one more half-day
    reach: int  # open priority places (weighted) the change could reach: the ranking
    priority_places: int  # more group half-days of priority > 0 filled
    priority_coverage: int  # more of the placement's tier-1 value (places × priority)
    status: str  # the re-solve's status: OPTIMAL means the gain is exact


@dataclass(frozen=True)
class StudentGains:
    """The base placement's priority places, and the options re-solved, best first."""

    as_of: date
    priority_places: int
    open_priority_places: int
    options: tuple[StudentOption, ...]
    wall_s: float


def student_gains(session: Session, as_of: date, per_kind: int = 2, seed: int = 0) -> StudentGains:
    """Re-solve the `per_kind` best new-student and extra-half-day options at `as_of`."""
    started = time.perf_counter()
    instance = build_placement_instance(session, as_of, seed, time_limit_s=30.0)
    base = solve_placement(instance.problem)
    open_places = _open_priority(instance.problem, base)
    candidates = _new_students(instance, open_places, per_kind) + _extra_half_days(
        instance, base, open_places, per_kind
    )
    options = [_resolved(instance.problem, base, *candidate) for candidate in candidates]
    options.sort(key=lambda o: (-o.priority_coverage, -o.priority_places, o.change, o.district))
    return StudentGains(
        as_of=as_of,
        priority_places=_priority_places(instance.problem, base),
        open_priority_places=sum(n for n, _ in open_places.values()),
        options=tuple(options),
        wall_s=time.perf_counter() - started,
    )


Place = tuple[str, str]  # (group id, half-day)


def _open_priority(
    problem: PlacementProblem, answer: PlacementSolution
) -> dict[Place, tuple[int, int]]:
    """Per priority group half-day still short: (places open, priority weight)."""
    filled = Counter((group, half_day) for _, _, group, half_day in answer.placements)
    found: dict[Place, tuple[int, int]] = {}
    for group in problem.groups:
        for half_day, wanted in group.runs().items():
            short = wanted - filled[(group.id, half_day)]
            if group.priority > 0 and short > 0:
                found[(group.id, half_day)] = (short, group.priority)
    return found


def _priority_places(problem: PlacementProblem, answer: PlacementSolution) -> int:
    """Group half-days of priority > 0 filled by the answer (one per student and half-day)."""
    priority = {g.id: g.priority for g in problem.groups}
    return sum(1 for _, _, group, _ in answer.placements if priority[group] > 0)


def _site_weights(site: Site, open_places: dict[Place, tuple[int, int]]) -> Counter[str]:
    """Per half-day: the weighted open priority places of the site's groups."""
    weights: Counter[str] = Counter()
    for group in site.groups:
        for half_day in group.sessions:
            short, weight = open_places.get((str(group.id), half_day), (0, 0))
            weights[half_day] += short * weight
    return weights


Candidate = tuple[StudentChange, str, tuple[str, ...], int | None, int, PlacementProblem]


def _new_students(
    instance: PlacementInstance, open_places: dict[Place, tuple[int, int]], limit: int
) -> list[Candidate]:
    """The `limit` districts whose new student could reach the most open priority places."""
    students = instance.students
    travel = statistics.median(s.max_travel_km for s in students) if students else 10.0
    need = int(statistics.median(s.sessions_required for s in students)) if students else 2
    ranked: list[tuple[int, str, tuple[str, ...], Student]] = []
    for district in sorted({site.preschool.district for site in instance.sites}):
        own = [s for s in instance.sites if s.preschool.district == district]
        lat = statistics.fmean(s.preschool.lat or 0.0 for s in own)
        lon = statistics.fmean(s.preschool.lon or 0.0 for s in own)
        weights: Counter[str] = Counter()
        for site in instance.sites:
            if (
                distance_km(lat, lon, site.preschool.lat or 0.0, site.preschool.lon or 0.0)
                <= travel
            ):
                weights.update(_site_weights(site, open_places))
        best = [h for h, w in sorted(weights.items(), key=lambda i: (-i[1], i[0])) if w > 0][:need]
        reach = sum(weights[h] for h in best)
        if reach and len(best) == need:
            values: dict[str, Any] = {
                "lat": lat, "lon": lon, "max_travel_km": travel, "availability": sorted(best),
                "sessions_required": need, "languages": [], "preferred_districts": [district],
                "preferred_preschools": [],
            }  # fmt: skip
            # Never stored: only the placement rules and score parts read it.
            student = Student.model_construct(**values)
            ranked.append((reach, district, tuple(sorted(best)), student))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return [
        (StudentChange.NEW_STUDENT, district, days, None, reach, _with_new(instance, student))
        for reach, district, days, student in ranked[:limit]
    ]


def _with_new(instance: PlacementInstance, student: Student) -> PlacementProblem:
    """The placement problem with one more student, its edges by the placement rules."""
    edges = [
        (NEW_STUDENT_ID, str(site.preschool.id), sum(placement_score_parts(student, site).values()))
        for site in instance.sites
        if first_broken_placement_rule(student, site) is None
    ]
    new = SolverStudent(NEW_STUDENT_ID, student.sessions_required, frozenset(student.availability))
    problem = instance.problem
    return replace(problem, students=(*problem.students, new), edges=(*problem.edges, *edges))


def _extra_half_days(
    instance: PlacementInstance,
    base: PlacementSolution,
    open_places: dict[Place, tuple[int, int]],
    limit: int,
) -> list[Candidate]:
    """The `limit` placed students whose one more half-day, where they are placed, could
    reach the most open priority places."""
    sites = {str(s.preschool.id): s for s in instance.sites}
    used: dict[str, set[str]] = {}
    where: dict[str, str] = {}
    for placed, location, _group, half_day in base.placements:
        used.setdefault(placed, set()).add(half_day)
        where[placed] = location
    ranked: list[tuple[int, int, str]] = []
    for student in instance.students:
        sid = str(student.id)
        if sid not in where:
            continue
        free = set(student.availability) - used[sid]
        weights = _site_weights(sites[where[sid]], open_places)
        best = max(free, key=lambda h: (weights[h], h), default=None)
        if best is not None and weights[best] > 0:
            ranked.append((weights[best], int(sid), best))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return [
        (
            StudentChange.EXTRA_HALF_DAY,
            sites[where[str(sid)]].preschool.district,
            (half_day,),
            sid,
            reach,
            _with_extra(instance.problem, str(sid)),
        )
        for reach, sid, half_day in ranked[:limit]
    ]


def _with_extra(problem: PlacementProblem, student_id: str) -> PlacementProblem:
    """The placement problem with this student asking one more half-day a week."""
    students = tuple(
        replace(s, sessions_required=s.sessions_required + 1) if s.id == student_id else s
        for s in problem.students
    )
    return replace(problem, students=students)


def _resolved(
    problem: PlacementProblem,
    base: PlacementSolution,
    change: StudentChange,
    district: str,
    half_days: tuple[str, ...],
    student_id: int | None,
    reach: int,
    changed: PlacementProblem,
) -> StudentOption:
    """Re-solve with the change and measure what it fills beyond the base answer."""
    answer = solve_placement(changed)
    return StudentOption(
        change=change,
        district=district,
        half_days=half_days,
        student_id=student_id,
        reach=reach,
        priority_places=_priority_places(changed, answer) - _priority_places(problem, base),
        priority_coverage=answer.objective["priority_coverage"]
        - base.objective["priority_coverage"],
        status=answer.status,
    )
