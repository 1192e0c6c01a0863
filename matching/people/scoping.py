"""What an organisation may see: only its own volunteers, families and matches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select

from matching.models import Family, Match, Volunteer
from matching.models.common import require_id
from matching.privacy.visible import not_erased
from matching.vocab import MatchStatus

Owned = TypeVar("Owned", Volunteer, Family, Match)


class NotOwned(LookupError):
    """The record does not exist, or it belongs to another organisation."""

    def __init__(self, table: type, row_id: int | None) -> None:
        self.table = table
        self.row_id = row_id
        super().__init__(f"no {table.__name__} {row_id} in this organisation")


@dataclass(frozen=True)
class ActiveMatch:
    """A running trajectory with the names an organisation user reads it by."""

    id: int
    volunteer_id: int
    volunteer_name: str
    family_id: int
    family_reference: str
    start_date: date
    expected_end: date | None


def owned_by(table: type[Owned], organisation_id: int) -> ColumnElement[bool]:
    """The one condition that scopes a table to an organisation's own rows."""
    return col(table.organisation_id) == organisation_id


def volunteers_of(session: Session, *, organisation_id: int) -> list[Volunteer]:
    """The organisation's volunteers, active or not, by name."""
    statement = (
        select(Volunteer)
        .where(owned_by(Volunteer, organisation_id), not_erased(Volunteer))
        .order_by(col(Volunteer.name), col(Volunteer.id))
    )
    return list(session.exec(statement))


def families_of(session: Session, *, organisation_id: int) -> list[Family]:
    """The organisation's families, whatever their status, by reference."""
    statement = (
        select(Family)
        .where(owned_by(Family, organisation_id), not_erased(Family))
        .order_by(col(Family.reference), col(Family.id))
    )
    return list(session.exec(statement))


def active_matches_of(
    session: Session, *, organisation_id: int, family_id: int | None = None
) -> list[ActiveMatch]:
    """The organisation's running trajectories (of one family if given), oldest first."""
    statement = (
        select(Match, Volunteer.name, Family.reference)
        .join(Volunteer, col(Volunteer.id) == col(Match.volunteer_id))
        .join(Family, col(Family.id) == col(Match.family_id))
        .where(owned_by(Match, organisation_id))
        .where(owned_by(Volunteer, organisation_id))
        .where(owned_by(Family, organisation_id))
        .where(Match.status == MatchStatus.ACTIVE)
        .order_by(col(Match.start_date), col(Match.id))
    )
    if family_id is not None:
        statement = statement.where(Match.family_id == family_id)
    return [
        ActiveMatch(
            id=require_id(match),
            volunteer_id=match.volunteer_id,
            volunteer_name=volunteer_name,
            family_id=match.family_id,
            family_reference=family_reference,
            start_date=match.start_date,
            expected_end=match.expected_end,
        )
        for match, volunteer_name, family_reference in session.exec(statement)
    ]


def active_match_counts(session: Session, *, organisation_id: int) -> dict[int, int]:
    """How many running trajectories each of the organisation's volunteers has."""
    statement = (
        select(Match.volunteer_id, func.count(col(Match.id)))
        .where(owned_by(Match, organisation_id))
        .where(Match.status == MatchStatus.ACTIVE)
        .group_by(col(Match.volunteer_id))
    )
    return {volunteer_id: count for volunteer_id, count in session.exec(statement)}


def get_owned(session: Session, *, table: type[Owned], row_id: int, organisation_id: int) -> Owned:
    """The row with this id if the organisation owns it; else raise NotOwned."""
    statement = (
        select(table)
        .where(col(table.id) == row_id, not_erased(table))
        .where(owned_by(table, organisation_id))
    )
    row = session.exec(statement).first()
    if row is None:
        raise NotOwned(table, row_id)
    return row
