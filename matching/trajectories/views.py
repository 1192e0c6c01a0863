"""What a partner organisation reads of its trajectories: running ones with their check-in
state (overdue first), recently ended ones, and one trajectory with its check-ins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from matching.models import CheckIn, Family, Match, Volunteer
from matching.models.common import require_id, required_id
from matching.people.scoping import NotOwned, owned_by
from matching.trajectories.actions import is_overdue, next_check_in_due
from matching.vocab import MatchStatus

ENDED_SHOWN = 20


@dataclass(frozen=True)
class TrajectoryRow:
    """A trajectory with the names it is read by and its check-in state."""

    id: int
    volunteer_id: int
    volunteer_name: str
    family_id: int
    family_reference: str
    status: str
    start_date: date
    expected_end: date | None
    ended_on: date | None
    end_code: str | None
    end_note: str | None
    broken_rule: str | None
    last_check_in: date | None
    next_due: date
    overdue: bool


@dataclass(frozen=True)
class TrajectoryDetail:
    """One trajectory and its check-ins, newest first."""

    row: TrajectoryRow
    check_ins: tuple[CheckIn, ...]


def _rows(session: Session, organisation_id: int) -> SelectOfScalar[Match]:
    """The organisation's matches joined to its own volunteers and families."""
    return (
        select(Match)
        .join(Volunteer, col(Volunteer.id) == col(Match.volunteer_id))
        .join(Family, col(Family.id) == col(Match.family_id))
        .where(owned_by(Match, organisation_id))
        .where(owned_by(Volunteer, organisation_id))
        .where(owned_by(Family, organisation_id))
    )


def last_check_ins(session: Session, match_ids: Sequence[int]) -> dict[int, date]:
    """The date of each match's latest check-in (matches without one are absent)."""
    if not match_ids:
        return {}
    statement = (
        select(CheckIn.match_id, func.max(CheckIn.on))
        .where(col(CheckIn.match_id).in_(match_ids))
        .group_by(col(CheckIn.match_id))
    )
    return {match_id: last for match_id, last in session.exec(statement)}


def _trajectory_rows(
    session: Session, matches: Sequence[Match], today: date
) -> list[TrajectoryRow]:
    """Rows for these matches, with names and check-in state."""
    ids = [require_id(m) for m in matches]
    last = last_check_ins(session, ids)
    volunteers = _names(session, Volunteer, [m.volunteer_id for m in matches])
    families = _names(session, Family, [m.family_id for m in matches])
    rows = []
    for m in matches:
        latest = last.get(require_id(m))
        rows.append(
            TrajectoryRow(
                id=require_id(m),
                volunteer_id=m.volunteer_id,
                volunteer_name=volunteers.get(m.volunteer_id, ""),
                family_id=m.family_id,
                family_reference=families.get(m.family_id, ""),
                status=m.status,
                start_date=m.start_date,
                expected_end=m.expected_end,
                ended_on=m.ended_on,
                end_code=m.end_code,
                end_note=m.end_note,
                broken_rule=m.broken_rule,
                last_check_in=latest,
                next_due=next_check_in_due(m.start_date, latest),
                overdue=m.status == MatchStatus.ACTIVE and is_overdue(m.start_date, latest, today),
            )
        )
    return rows


def _names(
    session: Session, table: type[Volunteer] | type[Family], ids: Sequence[int]
) -> dict[int, str]:
    """Volunteer names or family references by id."""
    if not ids:
        return {}
    label = Volunteer.name if table is Volunteer else Family.reference
    statement = select(table.id, label).where(col(table.id).in_(set(ids)))
    return {required_id(row_id, "row_id"): text for row_id, text in session.exec(statement)}


def running_trajectories(
    session: Session, *, organisation_id: int, today: date
) -> list[TrajectoryRow]:
    """The organisation's running trajectories: overdue first, then by the next due date."""
    matches = session.exec(
        _rows(session, organisation_id).where(Match.status == MatchStatus.ACTIVE)
    ).all()
    rows = _trajectory_rows(session, matches, today)
    return sorted(rows, key=lambda r: (not r.overdue, r.next_due, r.start_date, r.id))


def ended_trajectories(
    session: Session, *, organisation_id: int, today: date
) -> list[TrajectoryRow]:
    """The organisation's most recently ended trajectories, newest first."""
    statement = (
        _rows(session, organisation_id)
        .where(Match.status == MatchStatus.ENDED)
        .order_by(col(Match.ended_on).desc(), col(Match.id).desc())
        .limit(ENDED_SHOWN)
    )
    return _trajectory_rows(session, session.exec(statement).all(), today)


def trajectory_detail(
    session: Session, *, organisation_id: int, match_id: int, today: date
) -> TrajectoryDetail:
    """One of the organisation's trajectories with its check-ins; else NotOwned."""
    match = session.exec(_rows(session, organisation_id).where(col(Match.id) == match_id)).first()
    if match is None:
        raise NotOwned(Match, match_id)
    check_ins = session.exec(
        select(CheckIn)
        .where(CheckIn.match_id == match_id)
        .order_by(col(CheckIn.on).desc(), col(CheckIn.id).desc())
    ).all()
    return TrajectoryDetail(_trajectory_rows(session, [match], today)[0], tuple(check_ins))
