"""The Idempotency-Key header: a retried write gets the first answer and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import request
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from matching.api_tokens.idempotency import (
    MAX_KEY_LENGTH,
    KeyReused,
    StoredAnswer,
    request_hash,
    store_answer,
    stored_answer,
)
from matching.models.common import require_id
from web.api.problems import ApiProblem, ProblemCode

if TYPE_CHECKING:
    from web.api.caller import Caller
    from web.api.operations import Answer

HEADER = "Idempotency-Key"


def _key() -> str | None:
    """The request's idempotency key, or None; 422 when it is empty or too long."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not 1 <= len(key.strip()) <= MAX_KEY_LENGTH:
        raise ApiProblem.field(HEADER, "out_of_range", f"1 to {MAX_KEY_LENGTH} characters")
    return key.strip()


def _replay(session: Session, token_id: int, key: str, fingerprint: str) -> StoredAnswer | None:
    """The stored answer for this key, or None; 422 when the key came with another request."""
    try:
        return stored_answer(session, token_id=token_id, key=key, fingerprint=fingerprint)
    except KeyReused:
        raise ApiProblem(
            422, ProblemCode.IDEMPOTENCY_KEY_REUSED, "This key was used for another request."
        ) from None


def replay_or_run(
    session: Session, caller: Caller, body: Any, run: Callable[[], Answer]
) -> tuple[int, dict[str, Any], bool]:
    """Run a write once per key: (status, body, whether it is a replay). Commits."""
    key = _key()
    if key is None:
        answer = run()
        session.commit()
        return answer.status, answer.body.model_dump(mode="json"), False
    token_id = require_id(caller.token)
    fingerprint = request_hash(request.method, request.path, body)
    stored = _replay(session, token_id, key, fingerprint)
    if stored is not None:
        return stored.status_code, stored.body, True
    answer = run()
    payload = answer.body.model_dump(mode="json")
    try:
        store_answer(
            session,
            token_id=token_id,
            key=key,
            fingerprint=fingerprint,
            answer=StoredAnswer(answer.status, payload),
        )
        session.commit()
    except IntegrityError:  # the same key at the same moment: the other request won
        session.rollback()
        stored = _replay(session, token_id, key, fingerprint)
        if stored is None:
            raise
        return stored.status_code, stored.body, True
    return answer.status, payload, False
