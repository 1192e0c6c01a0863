"""API tokens and the stored answers of idempotent API writes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from matching.models.common import utcnow


class ApiToken(SQLModel, table=True):
    """A token for the JSON API: only its sha256 is kept; scoped to one organisation."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(min_length=1, max_length=80)
    # sha256 of the token in hex: the token itself is shown once and never stored.
    token_hash: str = Field(max_length=64, unique=True, index=True)
    # The first characters of the token, so a coordinator can tell tokens apart in the list.
    prefix: str = Field(max_length=12)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    scope: str = Field(max_length=12)
    owner_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None
    # Fixed-window rate limit, kept in the row so every gunicorn worker counts the same.
    window_start: datetime | None = None
    window_count: int = 0


class ApiIdempotency(SQLModel, table=True):
    """The first answer to a write sent with an Idempotency-Key, replayed on a retry."""

    __tablename__ = "api_idempotency"
    __table_args__ = (UniqueConstraint("token_id", "key", name="uq_api_idempotency_token_key"),)

    id: int | None = Field(default=None, primary_key=True)
    token_id: int = Field(foreign_key="api_token.id", index=True)
    key: str = Field(max_length=200)
    request_hash: str = Field(max_length=64)
    status_code: int
    body: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class ApiExternalReference(SQLModel, table=True):
    """The id a person has in the system that sent them (a volunteer platform, a JGZ system).

    Purpose: never register the same person twice when that system sends them again.
    Retention: as long as the record it points to (it holds no more than an identifier)."""

    __tablename__ = "api_external_reference"
    __table_args__ = (
        UniqueConstraint(
            "organisation_id", "entity", "reference", name="uq_api_external_reference"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    entity: str = Field(max_length=30)
    reference: str = Field(min_length=1, max_length=100)
    row_id: int
    created_at: datetime = Field(default_factory=utcnow)
