"""Who and what stays uncovered, and why: families from the last run, group half-days now."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from matching.buddies.rules import RULE_NAMES
from matching.models import Family, Group, MatchingRun, Preschool, Student
from matching.models.common import require_id, required_id
from matching.models.queries import active_placements, full_runs, open_proposals
from matching.placement.rules import Site, within_student_travel
from matching.privacy.visible import not_erased
from matching.runs.stats import GapProfile, WaitingFamily
from matching.tabular.export import csv_lines
from matching.vocab import ProposalKind, RunStatus

SESSION_FUNNEL = ("students", "distance", "half_day", "taken")
KM_PER_DEGREE = 111.0  # a degree of latitude; longitude degrees are shorter by cos(latitude)
BOX_MARGIN = 1.05  # the box is only a pre-filter: leave room for the earth's curvature


@dataclass(frozen=True)
class UncoveredFamily:
    """A family the run left without a buddy: the run's row and the family as it is now."""

    row: WaitingFamily
    family: Family | None


@dataclass(frozen=True)
class OpenSession:
    """A group half-day still short of students, and how many students each rule left out."""

    preschool: Preschool
    group: Group
    half_day: str
    needed: int
    funnel: dict[str, int]


def last_succeeded_run(session: Session) -> MatchingRun | None:
    """The newest run that succeeded, with all its statistics."""
    statement = (
        select(MatchingRun)
        .where(MatchingRun.status == RunStatus.SUCCEEDED, full_runs())
        .order_by(col(MatchingRun.id).desc())
    )
    return session.exec(statement.limit(1)).first()


def uncovered_families(session: Session, rows: Sequence[WaitingFamily]) -> list[UncoveredFamily]:
    """The run's uncovered rows with their families (read in one query)."""
    ids = [row.family_id for row in rows]
    families = {f.id: f for f in session.exec(select(Family).where(col(Family.id).in_(ids))).all()}
    found = [UncoveredFamily(row, families.get(row.family_id)) for row in rows]
    # An erased family is left out of the list; the run's stored figures stay as they were.
    return [item for item in found if item.family is None or item.family.erased_at is None]


def student_names(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """The names of these students by id."""
    rows = session.exec(
        select(Student.id, Student.name).where(col(Student.id).in_(ids), not_erased(Student))
    ).all()
    return {student_id: name for student_id, name in rows if student_id is not None}


def _filled(session: Session) -> tuple[Counter[tuple[int, str]], set[int]]:
    """Students per group half-day (active placements and open proposals), and who they are."""
    filled: Counter[tuple[int, str]] = Counter()
    busy: set[int] = set()
    placements = session.exec(active_placements()).all()
    proposals = session.exec(open_proposals(ProposalKind.PLACEMENT)).all()
    taken: list[tuple[int | None, list[dict[str, Any]]]] = [
        *((p.student_id, p.slots) for p in placements),
        *((p.student_id, p.slots) for p in proposals),
    ]
    for student_id, slots in taken:
        busy.add(required_id(student_id, "student_id"))
        for slot in slots:
            filled[(int(slot["group_id"]), str(slot["half_day"]))] += 1
    return filled, busy


@dataclass(frozen=True)
class _Candidate:
    """A student's facts the funnel reads often, copied out of the row once."""

    student: Student
    lat: float
    lon: float
    km: float
    half_days: frozenset[str]
    busy: bool


def open_sessions(session: Session) -> list[OpenSession]:
    """Every half-day of an active group that wants more students than it has or is proposed."""
    filled, busy = _filled(session)
    students = session.exec(
        select(Student).where(col(Student.active).is_(True), not_erased(Student))
    ).all()
    candidates = [
        _Candidate(s, s.lat or 0.0, s.lon or 0.0, s.max_travel_km, frozenset(s.availability),
                   s.id in busy)
        for s in students
    ]  # fmt: skip
    statement = (
        select(Group, Preschool)
        .join(Preschool, col(Preschool.id) == col(Group.preschool_id))
        .where(col(Group.active).is_(True), col(Preschool.active).is_(True))
        .where(col(Group.students_wanted) > 0)
        .order_by(col(Group.reduced).desc(), col(Preschool.name), col(Group.name))
    )
    found: list[OpenSession] = []
    reach: dict[int, list[_Candidate]] = {}
    for group, preschool in session.exec(statement).all():
        if preschool.id not in reach:
            reach[require_id(preschool)] = _in_reach(candidates, Site(preschool, (group,)))
        for half_day in group.sessions:
            needed = group.students_wanted - filled[(require_id(group), half_day)]
            if needed > 0:
                funnel = _session_funnel(len(candidates), reach[require_id(preschool)], half_day)
                found.append(OpenSession(preschool, group, half_day, needed, funnel))
    return found


def _in_reach(candidates: list[_Candidate], site: Site) -> list[_Candidate]:
    """The students within their travel distance of the site (the placement rule decides;
    a box around the site first leaves out those clearly too far, cheaply)."""
    lat, lon = site.preschool.lat or 0.0, site.preschool.lon or 0.0
    shrink = KM_PER_DEGREE * math.cos(math.radians(lat)) / BOX_MARGIN
    near = [
        c for c in candidates
        if abs(c.lat - lat) * KM_PER_DEGREE <= c.km and abs(c.lon - lon) * shrink <= c.km
    ]  # fmt: skip
    return [c for c in near if within_student_travel(c.student, site)]


def _session_funnel(total: int, near: list[_Candidate], half_day: str) -> dict[str, int]:
    """Students in all; left out by distance; by the half-day; placed or proposed elsewhere."""
    free_then = [c for c in near if half_day in c.half_days]
    return {
        "students": total,
        "distance": total - len(near),
        "half_day": len(near) - len(free_then),
        "taken": sum(1 for c in free_then if c.busy),
    }


FAMILY_HEADER = ("family_id", "reference", "district", "priority", *RULE_NAMES, "eligible_taken")


def uncovered_families_csv(
    session: Session, rows: Sequence[WaitingFamily], reason: Callable[[WaitingFamily], str]
) -> Iterator[str]:
    """The run's uncovered families, one rule per column, and the reason in words."""

    def lines() -> Iterator[list[Any]]:
        """One row per family, its families read a thousand at a time."""
        for start in range(0, len(rows), 1000):
            for item in uncovered_families(session, rows[start : start + 1000]):
                row, family = item.row, item.family
                yield [
                    row.family_id,
                    family.reference if family else "",
                    row.district,
                    row.priority,
                    *(row.funnel.get(rule, 0) for rule in RULE_NAMES),
                    row.eligible_taken,
                    reason(row),
                ]

    return csv_lines([*FAMILY_HEADER, "reason"], lines())


def gap_csv(rows: Sequence[GapProfile]) -> Iterator[str]:
    """The recruitment gap: profiles ranked by the waiting families they would fit."""
    header = ("language", "district", "half_day", "families")
    return csv_lines(header, ([getattr(row, name) for name in header] for row in rows))


def sessions_csv(sessions: Sequence[OpenSession]) -> Iterator[str]:
    """Group half-days still short of students, with the funnel of each."""
    header = ("preschool", "preschool_postcode", "group", "reduced", "half_day", "needed")
    return csv_lines(
        [*header, *SESSION_FUNNEL],
        (
            [
                s.preschool.name,
                s.preschool.postcode,
                s.group.name,
                s.group.reduced,
                s.half_day,
                s.needed,
                *(s.funnel[name] for name in SESSION_FUNNEL),
            ]
            for s in sessions
        ),
    )
