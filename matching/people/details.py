"""What a list page shows beside each row: names of organisations, loads, priorities."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from matching.buddies.priority import priority
from matching.models import (
    Family,
    Group,
    Match,
    Organisation,
    Placement,
    Preschool,
    Student,
    Volunteer,
)
from matching.vocab import MatchStatus, PlacementStatus


@dataclass(frozen=True)
class RowDetails:
    """Look-ups for the rows of one page, by row id (or organisation id)."""

    organisations: dict[int, str] = field(default_factory=dict)
    load: dict[int, int] = field(default_factory=dict)
    priority: dict[int, int] = field(default_factory=dict)
    preschools: dict[int, str] = field(default_factory=dict)
    placed: frozenset[int] = frozenset()


def organisation_names(session: Session) -> dict[int, str]:
    """Every organisation's name by id."""
    rows = session.exec(select(Organisation.id, Organisation.name)).all()
    return {org_id: name for org_id, name in rows if org_id is not None}


def organisations_of_kinds(session: Session, kinds: Iterable[str]) -> list[Organisation]:
    """The organisations of these kinds, by name."""
    statement = (
        select(Organisation)
        .where(col(Organisation.kind).in_(list(kinds)))
        .order_by(col(Organisation.name), col(Organisation.id))
    )
    return list(session.exec(statement).all())


def active_loads(session: Session, volunteer_ids: Sequence[int]) -> dict[int, int]:
    """Running trajectories of each of these volunteers."""
    if not volunteer_ids:
        return {}
    statement = (
        select(Match.volunteer_id, func.count(col(Match.id)))
        .where(col(Match.volunteer_id).in_(volunteer_ids), Match.status == MatchStatus.ACTIVE)
        .group_by(col(Match.volunteer_id))
    )
    return {volunteer_id: count for volunteer_id, count in session.exec(statement).all()}


def placed_students(session: Session, student_ids: Sequence[int]) -> frozenset[int]:
    """Which of these students have an active placement."""
    if not student_ids:
        return frozenset()
    statement = select(Placement.student_id).where(
        col(Placement.student_id).in_(student_ids), Placement.status == PlacementStatus.ACTIVE
    )
    return frozenset(session.exec(statement).all())


def preschool_names(session: Session, preschool_ids: Iterable[int]) -> dict[int, str]:
    """The names of these preschools by id."""
    wanted = sorted(set(preschool_ids))
    if not wanted:
        return {}
    rows = session.exec(
        select(Preschool.id, Preschool.name).where(col(Preschool.id).in_(wanted))
    ).all()
    return {preschool_id: name for preschool_id, name in rows if preschool_id is not None}


def row_details(session: Session, table: type, rows: Sequence[Any], as_of: date) -> RowDetails:
    """The look-ups one page of rows of this table needs."""
    ids = [row.id for row in rows]
    organisations = organisation_names(session)
    if table is Family:
        return RowDetails(organisations, priority={f.id: priority(f, as_of) for f in rows})
    if table is Group:
        return RowDetails(organisations, preschools=preschool_names(session, _groups(rows)))
    if table is Volunteer:
        return RowDetails(organisations, load=active_loads(session, ids))
    if table is Student:
        return RowDetails(organisations, placed=placed_students(session, ids))
    return RowDetails(organisations)


def _groups(rows: Sequence[Any]) -> list[int]:
    """The preschool ids of group rows."""
    return [group.preschool_id for group in rows if isinstance(group, Group)]


def preschool_choices(session: Session) -> list[tuple[int, str]]:
    """Every preschool as (id, 'name (postcode)'), by name."""
    rows = session.exec(
        select(Preschool.id, Preschool.name, Preschool.postcode).order_by(
            col(Preschool.name), col(Preschool.id)
        )
    ).all()
    return [(pid, f"{name} ({postcode})") for pid, name, postcode in rows if pid is not None]
