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


@dataclass(eq=False)
class PlacementInputs:
    """What a placement run reads from the database; a scenario changes a copy, not the rows."""

    students: list[Student]
    preschools: list[Preschool]
    groups: list[Group]  # the active groups
    placements: list[Placement]  # the active placements
    rejected: set[tuple[int, int]]  # (student id, preschool id)
    previous: tuple[tuple[str, str, str], ...]  # open proposals: (student, group, half-day)


def read_placement_inputs(session: Session, as_of: date) -> PlacementInputs:
    """Active students whose period has not ended, active preschools and groups, decisions."""
    students = session.exec(
        select(Student)
        .where(col(Student.active), Student.period_end >= as_of, not_erased(Student))
        .order_by(col(Student.id))
    ).all()
    schools = session.exec(
        select(Preschool).where(col(Preschool.active)).order_by(col(Preschool.id))
    ).all()
    groups = session.exec(select(Group).where(col(Group.active)).order_by(col(Group.id))).all()
    return PlacementInputs(
        students=list(students),
        preschools=list(schools),
        groups=list(groups),
        placements=list(session.exec(active_placements()).all()),
        rejected=_rejected(session),
        previous=_open_triples(session),
    )


def _split_placements(
    placements: list[Placement], students: list[Student], sites: dict[int, Site]
) -> tuple[list[Placement], dict[int, tuple[Placement, str]]]:
    """Active placements still allowed (kept) and those that broke a rule, by student."""
    by_id = {s.id: s for s in students}
    groups = {g.id for site in sites.values() for g in site.groups}
    kept: list[Placement] = []
    broken: dict[int, tuple[Placement, str]] = {}
    for placement in placements:
        student, site = by_id.get(placement.student_id), sites.get(placement.preschool_id)
        if student is None or site is None:
            broken[placement.student_id] = (placement, "inactive")
            continue
        if not all(slot["group_id"] in groups for slot in placement.slots):
            broken[placement.student_id] = (placement, "inactive")  # its group closed
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
    return assemble_placement(read_placement_inputs(session, as_of), seed, time_limit_s)


def assemble_placement(
    inputs: PlacementInputs, seed: int, time_limit_s: float
) -> PlacementInstance:
    """Build the problem from what was read; it reads nothing more and changes no row."""
    students, site_list = inputs.students, sites_of(inputs.preschools, inputs.groups)
    sites = {require_id(s.preschool): s for s in site_list}
    kept, broken = _split_placements(inputs.placements, students, sites)
    # Every active student takes part: kept placements are pinned, broken ones get a repair.
    waiting = students
    forbidden = inputs.rejected
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
        previous=inputs.previous,
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
