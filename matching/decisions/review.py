"""Proposals to review: buddy proposals grouped by family, placements grouped by preschool."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from matching.buddies.priority import priority
from matching.buddies.priority_sql import priority_expression
from matching.models import Family, Group, Preschool, Proposal, Student, Volunteer
from matching.paging import Page, clamp_page
from matching.vocab import ProposalKind, ProposalStatus

PER_PAGE = 40


@dataclass(frozen=True)
class ReviewFilter:
    """Which proposals to show: kind, status, district, organisation, page."""

    kind: str = ProposalKind.BUDDY
    status: str = ProposalStatus.PROPOSED
    district: str = ""
    organisation_id: int | None = None
    page: int = 1


@dataclass
class BuddyGroup:
    """One family and the volunteers proposed for it."""

    family: Family
    priority: int
    proposals: list[tuple[Proposal, Volunteer]] = field(default_factory=list)


@dataclass
class PlacementGroup:
    """One preschool and the students proposed for it."""

    preschool: Preschool
    proposals: list[tuple[Proposal, Student]] = field(default_factory=list)


def _status(wanted: ReviewFilter) -> str:
    """The status asked for, if it is one; else open proposals."""
    return wanted.status if wanted.status in set(ProposalStatus) else ProposalStatus.PROPOSED


def _paged(session: Session, statement: Any, page: int) -> tuple[list[Any], int, int]:
    """One page of the statement's rows, the total and the page number used."""
    total = int(session.exec(select(func.count()).select_from(statement.subquery())).one())
    page = clamp_page(page, total, PER_PAGE)
    rows = session.exec(statement.offset((page - 1) * PER_PAGE).limit(PER_PAGE)).all()
    return list(rows), total, page


def buddy_review(session: Session, wanted: ReviewFilter, as_of: date) -> Page:
    """Buddy proposals with their family and volunteer, most urgent families first."""
    statement = (
        select(Proposal, Family, Volunteer)
        .join(Family, col(Family.id) == col(Proposal.family_id))
        .join(Volunteer, col(Volunteer.id) == col(Proposal.volunteer_id))
        .where(Proposal.kind == ProposalKind.BUDDY, Proposal.status == _status(wanted))
        .order_by(
            priority_expression(as_of).desc(),
            col(Family.reference),
            col(Proposal.score).desc(),
            col(Proposal.id),
        )
    )
    if wanted.district:
        statement = statement.where(Family.district == wanted.district)
    if wanted.organisation_id is not None:
        statement = statement.where(Family.organisation_id == wanted.organisation_id)
    rows, total, page = _paged(session, statement, wanted.page)
    groups: dict[int, BuddyGroup] = {}
    for proposal, family, volunteer in rows:
        group = groups.setdefault(family.id, BuddyGroup(family, priority(family, as_of)))
        group.proposals.append((proposal, volunteer))
    return Page(list(groups.values()), total, page, PER_PAGE)


def placement_review(session: Session, wanted: ReviewFilter) -> Page:
    """Placement proposals with their student, grouped by preschool."""
    statement = (
        select(Proposal, Preschool, Student)
        .join(Preschool, col(Preschool.id) == col(Proposal.preschool_id))
        .join(Student, col(Student.id) == col(Proposal.student_id))
        .where(Proposal.kind == ProposalKind.PLACEMENT, Proposal.status == _status(wanted))
        .order_by(col(Preschool.name), col(Preschool.id), col(Student.name), col(Proposal.id))
    )
    if wanted.district:
        statement = statement.where(Preschool.district == wanted.district)
    rows, total, page = _paged(session, statement, wanted.page)
    groups: dict[int, PlacementGroup] = {}
    for proposal, preschool, student in rows:
        groups.setdefault(preschool.id, PlacementGroup(preschool)).proposals.append(
            (proposal, student)
        )
    return Page(list(groups.values()), total, page, PER_PAGE)


def group_names(session: Session, proposals: list[Proposal]) -> dict[int, str]:
    """The names of the groups that placement proposals' slots name."""
    ids = {int(slot["group_id"]) for p in proposals for slot in p.slots}
    if not ids:
        return {}
    rows = session.exec(select(Group.id, Group.name).where(col(Group.id).in_(sorted(ids)))).all()
    return {group_id: name for group_id, name in rows if group_id is not None}


def open_counts(session: Session) -> dict[str, int]:
    """Open proposals per kind."""
    statement = (
        select(Proposal.kind, func.count(col(Proposal.id)))
        .where(Proposal.status == ProposalStatus.PROPOSED)
        .group_by(col(Proposal.kind))
    )
    return {kind: int(count) for kind, count in session.exec(statement).all()}
