"""The audit trail: one event for every change to a match, placement or proposal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from matching.models.common import utcnow


class AuditEvent(SQLModel, table=True):
    """Who (a user or the scheduler) did what to which record, and when."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="user.id")
    actor: str = Field(max_length=60)
    entity: str = Field(max_length=30, index=True)
    entity_id: int = Field(index=True)
    action: str = Field(max_length=30)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
