"""Who *may* help at which preschool: the placement rules, and how well a student fits one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from matching.models import Group, Preschool, Student
from matching.models.common import require_id
from matching.reference import distance_km, priority_districts

LANGUAGE_POINTS = 10
LANGUAGE_CAP = 2
DISTRICT_POINTS = 10
PRESCHOOL_POINTS = 15  # a preschool the student chose weighs more than a district
DISTANCE_POINTS = 20
REDUCED_WEIGHT = 2
PRIORITY_DISTRICT_WEIGHT = 1


@dataclass(frozen=True)
class Site:
    """A preschool with its active groups."""

    preschool: Preschool
    groups: tuple[Group, ...]

    @cached_property
    def sessions(self) -> frozenset[str]:
        """Every half-day at least one group here wants a student (asked once per student
        in every run, so worked out once)."""
        return frozenset(h for g in self.groups if g.students_wanted > 0 for h in g.sessions)

    def home_languages(self) -> set[str]:
        """The children's home languages over all groups here."""
        return {code for g in self.groups for code in g.home_languages}


def travel_km(student: Student, site: Site) -> float:
    """Home-to-preschool distance in km."""
    return distance_km(
        student.lat or 0.0, student.lon or 0.0, site.preschool.lat or 0.0, site.preschool.lon or 0.0
    )


def within_student_travel(student: Student, site: Site) -> bool:
    """The preschool is within the student's maximum travel distance."""
    return travel_km(student, site) <= student.max_travel_km


def enough_free_sessions(student: Student, site: Site) -> bool:
    """The student is free on at least as many of the preschool's half-days as required."""
    return len(site.sessions & set(student.availability)) >= student.sessions_required


PlacementRule = Callable[[Student, Site], bool]

PLACEMENT_RULES: tuple[tuple[str, PlacementRule], ...] = (
    ("distance", within_student_travel),
    ("half_days", enough_free_sessions),
)


def first_broken_placement_rule(student: Student, site: Site) -> str | None:
    """The first placement rule the pair breaks, or None."""
    for name, rule in PLACEMENT_RULES:
        if not rule(student, site):
            return name
    return None


def placement_score_parts(student: Student, site: Site) -> dict[str, int]:
    """Points for the children's home languages spoken, a preferred district, a preferred
    preschool, and closeness."""
    spoken = len(site.home_languages() & set(student.languages))
    share = 1.0 - travel_km(student, site) / student.max_travel_km
    return {
        "home_languages": min(spoken, LANGUAGE_CAP) * LANGUAGE_POINTS,
        "district": DISTRICT_POINTS
        if site.preschool.district in student.preferred_districts
        else 0,
        "preschool": PRESCHOOL_POINTS if site.preschool.id in student.preferred_preschools else 0,
        "distance": round(DISTANCE_POINTS * min(max(share, 0.0), 1.0)),
    }


def group_priority(group: Group, preschool: Preschool) -> int:
    """Reduced groups weigh 2 and groups in Overvecht or Zuidwest 1 more: they come first."""
    weight = REDUCED_WEIGHT if group.reduced else 0
    return weight + (PRIORITY_DISTRICT_WEIGHT if preschool.district in priority_districts() else 0)


def sites_of(preschools: Sequence[Preschool], groups: Sequence[Group]) -> list[Site]:
    """Preschools with their groups, in id order."""
    by_school: dict[int, list[Group]] = {}
    for group in groups:
        by_school.setdefault(group.preschool_id, []).append(group)
    return [Site(p, tuple(by_school.get(require_id(p), []))) for p in preschools]
