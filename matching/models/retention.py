"""Retention runs: when the daily retention job ran and what it did."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from matching.models.common import utcnow
from matching.vocab import RunTrigger


class RetentionRun(SQLModel, table=True):
    """One run of the retention job: its actions (kinds and record ids, never personal data)."""

    __tablename__ = "retention_run"

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: datetime | None = None
    trigger: str = Field(default=RunTrigger.SCHEDULE, max_length=12)
    counts: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    actions: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
