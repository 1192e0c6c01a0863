"""The one-run-at-a-time lock: a single row every lease-taker updates first."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class RunLock(SQLModel, table=True):
    """Updating this row takes a row lock on PostgreSQL and the write lock on SQLite."""

    __tablename__ = "run_lock"

    id: int | None = Field(default=None, primary_key=True)
    taken_at: datetime | None = None
    holder: str | None = Field(default=None, max_length=100)
