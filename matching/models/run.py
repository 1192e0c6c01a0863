"""Matching runs: requested → running → succeeded | failed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from matching.models.common import utcnow
from matching.vocab import RunStatus, RunTrigger


class MatchingRun(SQLModel, table=True):
    """One run of the optimiser, who or what started it, and what it found."""

    __tablename__ = "matching_run"

    id: int | None = Field(default=None, primary_key=True)
    status: str = Field(default=RunStatus.REQUESTED, max_length=12, index=True)
    trigger: str = Field(default=RunTrigger.USER, max_length=12)
    requested_by_id: int | None = Field(default=None, foreign_key="user.id")
    requested_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    heartbeat_at: datetime | None = None
    as_of: date
    seed: int = 0
    solver_status: str | None = Field(default=None, max_length=20)
    objective: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    bound: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    stats: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    wall_s: float | None = None
    proposals_made: int = 0
    progress: str | None = Field(default=None, max_length=200)
    error: str | None = None
    # Set for a "fill now" repair of one family's gap: only that family gets a proposal, and
    # the run's figures are not the whole city's (reports read full runs only).
    family_id: int | None = Field(default=None, foreign_key="family.id")
