"""Idempotent writes: the first answer to a key is stored and replayed on every retry."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, delete
from sqlmodel import Session, col, select

from matching.models import ApiIdempotency
from matching.models.common import utcnow

MAX_KEY_LENGTH = 200
# A stored answer holds the created record (personal data): kept only as long as a client
# can reasonably retry, then deleted by the next write that stores an answer.
KEEP_FOR = timedelta(hours=24)


class KeyReused(ValueError):
    """The key was used before with a different request."""


@dataclass(frozen=True)
class StoredAnswer:
    """The answer given the first time."""

    status_code: int
    body: dict[str, Any]


def request_hash(method: str, path: str, body: Any) -> str:
    """The sha256 of a request's method, path and JSON body in a canonical form."""
    canonical = json.dumps([method.upper(), path, body], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def stored_answer(
    session: Session, *, token_id: int, key: str, fingerprint: str
) -> StoredAnswer | None:
    """The first answer to this key of this token; KeyReused when the request differs."""
    row = session.exec(
        select(ApiIdempotency).where(ApiIdempotency.token_id == token_id, ApiIdempotency.key == key)
    ).first()
    if row is None or _aware(row.created_at) < utcnow() - KEEP_FOR:
        return None
    if row.request_hash != fingerprint:
        raise KeyReused(key)
    return StoredAnswer(row.status_code, row.body)


def store_answer(
    session: Session,
    *,
    token_id: int,
    key: str,
    fingerprint: str,
    answer: StoredAnswer,
) -> None:
    """Keep the answer in the caller's transaction, so it commits with the write it answers.

    A concurrent retry with the same key fails on the unique key (IntegrityError, here or at
    commit) and its write is rolled back with it: no duplicate either way."""
    purge_answers(session)
    session.add(
        ApiIdempotency(
            token_id=token_id,
            key=key,
            request_hash=fingerprint,
            status_code=answer.status_code,
            body=answer.body,
        )
    )
    session.flush()


def _aware(moment: datetime) -> datetime:
    """A stored time as aware UTC (SQLite gives it back naive)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def purge_answers(session: Session, now: datetime | None = None) -> int:
    """Delete the stored answers older than KEEP_FOR (and their keys); returns how many."""
    cutoff = (now or utcnow()) - KEEP_FOR
    old = delete(ApiIdempotency).where(col(ApiIdempotency.created_at) < cutoff)
    result: CursorResult[Any] = session.execute(old)  # type: ignore[assignment]
    return int(result.rowcount or 0)
