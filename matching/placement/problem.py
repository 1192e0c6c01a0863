"""Building the student placement problem from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from matching.models import Group, Placement, Preschool, Proposal, Student
from matching.models.common import require_id, required_id
from matching.models.queries import active_placements, open_proposals
from matching.placement.answers import declined_pairs
from matching.placement.rules import (
    Site,
    first_broken_placement_rule,
    group_priority,
    placement_score_parts,
    sites_of,
)
from matching.privacy.visible import not_erased
from matching.vocab import FORBIDDING_PROPOSAL_STATUSES, ProposalKind
from solver.placement.problem import Group as SolverGroup
from solver.placement.problem import PlacementProblem
from solver.placement.problem import Student as SolverStudent


@dataclass(frozen=True, eq=False)
class PlacementInstance:
    """Students, sites, the allowed pairs with their score parts, and the solver's problem."""

    students: tuple[Student, ...]
    sites: tuple[Site, ...]
    parts: dict[tuple[int, int], dict[str, int]]  # (student id, preschool id) -> points
    problem: PlacementProblem
    kept: tuple[Placement, ...]
    broken: dict[int, tuple[Placement, str]]  # student id -> (placement, broken rule)


def _people(session: Session, as_of: date) -> tuple[list[Student], list[Site]]:
    """Active students whose period has not ended, and active preschools with their groups."""
    students = session.exec(
        select(Student)
        .where(col(Student.active), Student.period_end >= as_of, not_erased(Student))
        .order_by(col(Student.id))
    ).all()
    schools = session.exec(
        select(Preschool).where(col(Preschool.active)).order_by(col(Preschool.id))
    ).all()
    groups = session.exec(select(Group).where(col(Group.active)).order_by(col(Group.id))).all()
    return list(students), sites_of(schools, groups)


def _split_placements(
    session: Session, students: list[Student], sites: dict[int, Site]
) -> tuple[list[Placement], dict[int, tuple[Placement, str]]]:
    """Active placements still allowed (kept) and those that broke a rule, by student."""
    by_id = {s.id: s for s in students}
    kept: list[Placement] = []
    broken: dict[int, tuple[Placement, str]] = {}
    rows = session.exec(active_placements()).all()
    for placement in rows:
        student, site = by_id.get(placement.student_id), sites.get(placement.preschool_id)
        if student is None or site is None:
            broken[placement.student_id] = (placement, "inactive")
            continue
        free = set(student.availability)
        rule = first_broken_placement_rule(student, site)
        if rule is None and not all(slot["half_day"] in free for slot in placement.slots):
            rule = "half_days"
        if rule is None:
            kept.append(placement)
        else:
            broken[placement.student_id] = (placement, rule)
    return kept, broken


def build_placement_instance(
    session: Session, as_of: date, seed: int, time_limit_s: float
) -> PlacementInstance:
    """Read the database and build the problem: valid placements pinned, rejections forbidden."""
    students, site_list = _people(session, as_of)
    sites = {require_id(s.preschool): s for s in site_list}
    kept, broken = _split_placements(session, students, sites)
    # Every active student takes part: kept placements are pinned, broken ones get a repair.
    waiting = students
    forbidden = _rejected(session)
    parts = {
        (require_id(s), pid): placement_score_parts(s, site)
        for s in waiting
        for pid, site in sites.items()
        if (require_id(s), pid) not in forbidden and first_broken_placement_rule(s, site) is None
    }
    problem = PlacementProblem(
        students=tuple(
            SolverStudent(str(s.id), s.sessions_required, frozenset(s.availability))
            for s in waiting
        ),
        locations=tuple(str(pid) for pid in sites),
        groups=tuple(_solver_group(g, site) for site in site_list for g in site.groups),
        edges=tuple((str(s), str(p), sum(points.values())) for (s, p), points in parts.items()),
        pinned=tuple(
            (str(p.student_id), str(slot["group_id"]), slot["half_day"])
            for p in kept
            for slot in p.slots
        ),
        previous=_open_triples(session),
        time_limit_s=time_limit_s,
        seed=seed,
    )
    return PlacementInstance(tuple(waiting), tuple(site_list), parts, problem, tuple(kept), broken)


def _solver_group(group: Group, site: Site) -> SolverGroup:
    """A group as the solver sees it: its location, priority weight and wanted hands."""
    return SolverGroup(
        id=str(group.id),
        location=str(site.preschool.id),
        priority=group_priority(group, site.preschool),
        wanted=tuple(sorted((h, group.students_wanted) for h in group.sessions)),
    )


def _rejected(session: Session) -> set[tuple[int, int]]:
    """(student, preschool) pairs a coordinator rejected before, or the student declined (or
    let expire) after approval."""
    rows = session.exec(
        select(Proposal.student_id, Proposal.preschool_id).where(
            Proposal.kind == ProposalKind.PLACEMENT,
            col(Proposal.status).in_(FORBIDDING_PROPOSAL_STATUSES),
        )
    ).all()
    rejected = {(required_id(s, "student_id"), required_id(p, "preschool_id")) for s, p in rows}
    return rejected | declined_pairs(session)


def _open_triples(session: Session) -> tuple[tuple[str, str, str], ...]:
    """(student, group, half-day) of the placement proposals not yet decided."""
    rows = session.exec(open_proposals(ProposalKind.PLACEMENT)).all()
    return tuple(
        (str(p.student_id), str(slot["group_id"]), slot["half_day"])
        for p in rows
        for slot in p.slots
    )
