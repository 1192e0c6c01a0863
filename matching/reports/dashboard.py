"""The coordinator's overview: who waits, who is free and who is active, per district."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from matching import reference
from matching.models import Family, Match, Student, Volunteer
from matching.vocab import FamilyStatus, MatchStatus


@dataclass(frozen=True)
class DistrictCounts:
    """The counts of one district (or of all, for the totals row)."""

    code: str
    name: str
    waiting_families: int
    free_volunteers: int
    active_students: int


@dataclass(frozen=True)
class DistrictTable:
    """One row per district in CBS order, and the totals over them."""

    rows: tuple[DistrictCounts, ...]
    total: DistrictCounts


def _by_district(session: Session, statement: Select[str, int]) -> dict[str, int]:
    """Run a ``(district, count)`` query and return the counts by district code."""
    return {district: count for district, count in session.exec(statement)}


def waiting_families_by_district(session: Session) -> dict[str, int]:
    """Families whose status is waiting, per district."""
    statement = (
        select(Family.district, func.count(col(Family.id)))
        .where(Family.status == FamilyStatus.WAITING)
        .group_by(col(Family.district))
    )
    return _by_district(session, statement)


def free_volunteers_by_district(session: Session) -> dict[str, int]:
    """Active volunteers with fewer active matches than their capacity, per district."""
    load = (
        select(col(Match.volunteer_id), func.count(col(Match.id)).label("active_matches"))
        .where(Match.status == MatchStatus.ACTIVE)
        .group_by(col(Match.volunteer_id))
        .subquery()
    )
    statement = (
        select(Volunteer.district, func.count(col(Volunteer.id)))
        .outerjoin(load, load.c.volunteer_id == Volunteer.id)
        .where(col(Volunteer.active).is_(True))
        .where(func.coalesce(load.c.active_matches, 0) < Volunteer.capacity)
        .group_by(col(Volunteer.district))
    )
    return _by_district(session, statement)


def active_students_by_district(session: Session) -> dict[str, int]:
    """Active students, per district of their home address."""
    statement = (
        select(Student.district, func.count(col(Student.id)))
        .where(col(Student.active).is_(True))
        .group_by(col(Student.district))
    )
    return _by_district(session, statement)


def district_table(session: Session) -> DistrictTable:
    """All ten districts with their counts (zero where none), and a totals row."""
    waiting = waiting_families_by_district(session)
    free = free_volunteers_by_district(session)
    students = active_students_by_district(session)
    rows = tuple(
        DistrictCounts(
            code=code,
            name=district.name,
            waiting_families=waiting.get(code, 0),
            free_volunteers=free.get(code, 0),
            active_students=students.get(code, 0),
        )
        for code, district in reference.districts().items()
    )
    total = DistrictCounts(
        code="",
        name="",
        waiting_families=sum(row.waiting_families for row in rows),
        free_volunteers=sum(row.free_volunteers for row in rows),
        active_students=sum(row.active_students for row in rows),
    )
    return DistrictTable(rows=rows, total=total)
