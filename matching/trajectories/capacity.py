"""A partner organisation's yearly capacity and its waiting list.

Capacity "a year" is a calendar year (DESIGN, "Settled details"): a place is used by every
trajectory that *started* in the year, whether it still runs or has ended. A repair (a new
buddy approved to replace a match that broke a rule) continues a trajectory and uses no new
place; a new buddy after a trajectory ended does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from matching.buddies.priority import priority
from matching.models import Family, Match, Organisation, Proposal
from matching.models.common import require_id
from matching.people.scoping import owned_by
from matching.privacy.visible import not_erased
from matching.vocab import FamilyStatus


@dataclass(frozen=True)
class YearCapacity:
    """New trajectories a year: the limit, how many started this year, how many are left."""

    year: int
    capacity: int | None  # None: the organisation has no yearly limit
    started: int

    @property
    def left(self) -> int | None:
        """Places left this year (never below zero), or None without a limit."""
        return None if self.capacity is None else max(self.capacity - self.started, 0)

    @property
    def full(self) -> bool:
        """True when a limit is set and every place of the year is used."""
        return self.capacity is not None and self.started >= self.capacity


@dataclass(frozen=True)
class WaitingFamily:
    """A family on the waiting list with its priority on the day asked."""

    family: Family
    priority: int
    waiting_days: int


def started_in_year(session: Session, *, organisation_id: int, year: int) -> int:
    """Trajectories of the organisation that started in the calendar year (repairs not)."""
    statement = (
        select(func.count(col(Match.id)))
        .select_from(Match)
        .outerjoin(Proposal, col(Proposal.id) == col(Match.proposal_id))
        .where(owned_by(Match, organisation_id))
        .where(col(Match.start_date) >= date(year, 1, 1))
        .where(col(Match.start_date) <= date(year, 12, 31))
        .where(col(Proposal.repairs_match_id).is_(None))
    )
    return int(session.exec(statement).one())


def year_capacity(session: Session, *, organisation_id: int, today: date) -> YearCapacity:
    """The organisation's capacity for the calendar year of ``today``."""
    organisation = session.get(Organisation, organisation_id)
    limit = organisation.yearly_capacity if organisation is not None else None
    started = started_in_year(session, organisation_id=organisation_id, year=today.year)
    return YearCapacity(year=today.year, capacity=limit, started=started)


def waiting_list(session: Session, *, organisation_id: int, as_of: date) -> list[WaitingFamily]:
    """Waiting families: highest priority first, then the earliest due date, then longest wait."""
    families = session.exec(
        select(Family).where(
            owned_by(Family, organisation_id),
            Family.status == FamilyStatus.WAITING,
            not_erased(Family),
        )
    ).all()
    entries = [
        WaitingFamily(f, priority(f, as_of), max((as_of - f.registered_on).days, 0))
        for f in families
    ]
    return sorted(
        entries,
        key=lambda e: (
            -e.priority,
            e.family.due_date is None,
            e.family.due_date or date.max,
            e.family.registered_on,
            require_id(e.family),
        ),
    )
