"""Placements of students at a preschool's group half-days for a period."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from matching.models.common import utcnow
from matching.vocab import PlacementAnswer, PlacementStatus


class Placement(SQLModel, table=True):
    """A student's placement: one preschool, the group half-days, the period."""

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id")
    student_id: int = Field(foreign_key="student.id", index=True)
    preschool_id: int = Field(foreign_key="preschool.id", index=True)
    slots: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    period_start: date
    period_end: date
    status: str = Field(default=PlacementStatus.ACTIVE, max_length=10, index=True)
    confirmed: bool = False
    ended_on: date | None = None
    end_code: str | None = Field(default=None, max_length=20)  # an EndReason
    end_note: str | None = Field(default=None, max_length=200)
    broken_rule: str | None = Field(default=None, max_length=40)
    # The student's answer once a coordinator approved it (rows made otherwise: confirmed).
    answer: str = Field(default=PlacementAnswer.CONFIRMED, max_length=10, index=True)
    answer_due: datetime | None = None  # when a pending answer lapses
    answered_at: datetime | None = None
    answer_reason: str | None = Field(default=None, max_length=20)  # PlacementDeclineReason
    answer_note: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
