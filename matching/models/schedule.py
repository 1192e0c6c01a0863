"""The weekly schedule as the coordinator set it; the scheduler applies it within a minute."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from matching.models.common import utcnow


class ScheduleSetting(SQLModel, table=True):
    """One row: the cron expression (Europe/Amsterdam) and whether the schedule is paused."""

    __tablename__ = "schedule_setting"

    id: int | None = Field(default=None, primary_key=True)
    cron: str = Field(max_length=100)
    paused: bool = False
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")
