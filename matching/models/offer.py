"""Offers: an approved buddy proposal put to the volunteer, who accepts or declines it.

The match is made at approval (it holds the volunteer's room and the family for the next
run); the offer beside it records the volunteer's answer and the first meeting. A match
without an offer (made before offers existed) counts as accepted and started.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from matching.models.common import utcnow
from matching.vocab import OfferStatus


class Offer(SQLModel, table=True):
    """One offer of a family to a volunteer: open → accepted | declined | expired."""

    id: int | None = Field(default=None, primary_key=True)
    match_id: int = Field(foreign_key="match.id", unique=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    volunteer_id: int = Field(foreign_key="volunteer.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    status: str = Field(default=OfferStatus.OPEN, max_length=10, index=True)
    offered_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(index=True)
    answered_at: datetime | None = None
    answered_by_id: int | None = Field(default=None, foreign_key="user.id")
    decline_code: str | None = Field(default=None, max_length=20)  # a DeclineReason
    decline_note: str | None = Field(default=None, max_length=500)
    met_on: date | None = None  # the first meeting, as confirmed
    start_reported_at: datetime | None = None  # when "met" or "did not start" was reported
    gap_filled_at: datetime | None = None  # when a "fill now" repair was requested for it
