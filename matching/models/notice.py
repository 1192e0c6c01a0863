"""Notices mailed by the scheduler: one row per (kind, event, recipient), so each goes once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from matching.models.common import utcnow


class Notice(SQLModel, table=True):
    """A reminder or notice that was mailed; the unique key makes a second mailing impossible."""

    __table_args__ = (
        UniqueConstraint("kind", "event_key", "recipient_id", name="uq_notice_event_recipient"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)  # a NoticeKind
    event_key: str = Field(max_length=100)  # e.g. "placement:12:2027-02-01"
    recipient_id: int = Field(foreign_key="user.id", index=True)
    mail_id: int | None = Field(default=None, foreign_key="outbox_mail.id")
    created_at: datetime = Field(default_factory=utcnow, index=True)
