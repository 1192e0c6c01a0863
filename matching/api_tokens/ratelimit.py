"""Requests per token per minute, counted in the token's row so all workers share the count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, update
from sqlalchemy.engine import Engine
from sqlmodel import col

from matching.models import ApiToken
from matching.models.common import utcnow

WINDOW = timedelta(minutes=1)


@dataclass(frozen=True)
class RateDecision:
    """Whether a request may go on, and if not how many seconds until it may."""

    allowed: bool
    count: int
    retry_after: int


def window_of(moment: datetime) -> datetime:
    """The start of the minute a moment falls in."""
    return moment.replace(second=0, microsecond=0)


def count_request(engine: Engine, *, token_id: int, limit: int) -> RateDecision:
    """Count one request of a token in this minute, in its own committed transaction.

    One UPDATE increments the counter or restarts it for a new minute: a row lock on
    PostgreSQL and the write lock on SQLite make concurrent requests count one by one."""
    now = utcnow()
    window = window_of(now)
    same_window = col(ApiToken.window_start) == window
    statement = (
        update(ApiToken)
        .where(col(ApiToken.id) == token_id)
        .values(
            window_count=case((same_window, col(ApiToken.window_count) + 1), else_=1),
            window_start=window,
            last_used_at=now,
        )
        .returning(col(ApiToken.window_count))
    )
    with engine.begin() as conn:
        count = int(conn.execute(statement).scalar_one())
    if count <= limit:
        return RateDecision(True, count, 0)
    retry = int((window + WINDOW - now).total_seconds()) + 1
    return RateDecision(False, count, max(1, retry))
