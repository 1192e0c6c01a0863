"""The mail outbox: written in the same transaction as the change that causes the mail."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from matching.models.common import utcnow
from matching.vocab import OutboxStatus


class OutboxMail(SQLModel, table=True):
    """One message to send; the executor sends it and retries failures."""

    __tablename__ = "outbox_mail"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    recipient: str = Field(max_length=200)
    subject: str = Field(max_length=200)
    body: str
    status: str = Field(default=OutboxStatus.QUEUED, max_length=10, index=True)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=500)
    next_attempt_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
