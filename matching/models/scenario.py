"""What-if scenarios: a copy of a run's input with typed changes, and what solving it gave."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from matching.models.common import utcnow
from matching.vocab import ScenarioStatus


class Scenario(SQLModel, table=True):
    """A scenario: its changes (a JSON list of typed changes), its state and its results."""

    __tablename__ = "scenario"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(min_length=1, max_length=120)
    author_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    base_run_id: int = Field(foreign_key="matching_run.id", index=True)
    changes: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    status: str = Field(default=ScenarioStatus.DRAFT, max_length=12, index=True)
    requested_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    heartbeat_at: datetime | None = None
    results: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    error: str | None = None
