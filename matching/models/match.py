"""Matches (trajectories) between a volunteer and a family, and their check-ins."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from matching.models.common import utcnow
from matching.people.validation import check_dates_in_order
from matching.vocab import MatchStatus


class Match(SQLModel, table=True):
    """A running or ended trajectory; only an approved proposal becomes one."""

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id")
    volunteer_id: int = Field(foreign_key="volunteer.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    status: str = Field(default=MatchStatus.ACTIVE, max_length=10, index=True)
    start_date: date
    expected_end: date | None = None
    ended_on: date | None = None
    end_code: str | None = Field(default=None, max_length=20)  # an EndReason
    end_note: str | None = Field(default=None, max_length=200)
    broken_rule: str | None = Field(default=None, max_length=40)
    created_at: datetime = Field(default_factory=utcnow)

    def check_dates(self) -> None:
        """The expected and actual end come after the start."""
        check_dates_in_order(self.start_date, self.expected_end, "expected_end")
        check_dates_in_order(self.start_date, self.ended_on, "ended_on")


class CheckIn(SQLModel, table=True):
    """A dated note on how a trajectory is going."""

    __tablename__ = "check_in"

    id: int | None = Field(default=None, primary_key=True)
    match_id: int = Field(foreign_key="match.id", index=True)
    on: date
    note: str = Field(min_length=1, max_length=2000)
    author_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
