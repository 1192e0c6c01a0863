"""API tokens: 256 random bits shown once, only the sha256 stored, expiry and revocation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from matching.api_tokens import ratelimit
from matching.api_tokens.idempotency import (
    KEEP_FOR,
    KeyReused,
    StoredAnswer,
    purge_answers,
    request_hash,
    store_answer,
    stored_answer,
)
from matching.api_tokens.ratelimit import count_request
from matching.api_tokens.tokens import (
    TokenInvalid,
    TokenProblem,
    TokenRefused,
    authenticate,
    issue_token,
    revoke_token,
    token_hash,
)
from matching.models import ApiIdempotency, ApiToken, AuditEvent
from tests.matching import stored as make


@pytest.fixture
def owner(session):
    city = make.organisation(session, "gemeente-utrecht", "Gemeente Utrecht", "municipality")
    user = make.user(session, city, "carla@utrecht.example.nl", "coordinator", "secret-pass-1")
    session.commit()
    return user


def test_a_token_is_stored_only_as_its_hash(session, owner):
    org = owner.organisation_id
    issued = issue_token(session, owner=owner, name="platform", organisation_id=org, scope="read",
                         days=30)  # fmt: skip
    session.commit()
    stored = session.exec(select(ApiToken)).one()
    assert issued.secret.startswith("kmt_") and len(issued.secret) >= 4 + 43  # 256 bits
    assert stored.token_hash == token_hash(issued.secret) != issued.secret
    assert issued.secret not in str(stored.model_dump())[len(stored.prefix) :]
    assert authenticate(session, issued.secret).id == stored.id
    event = session.exec(select(AuditEvent).where(AuditEvent.entity == "api_token")).one()
    assert event.action == "created" and issued.secret not in str(event.detail)


def test_expired_revoked_and_unknown_tokens_are_refused(session, owner):
    org = owner.organisation_id
    old = issue_token(session, owner=owner, name="old", organisation_id=org, scope="read", days=1)
    old.row.expires_at = old.row.created_at - timedelta(minutes=1)
    gone = issue_token(session, owner=owner, name="gone", organisation_id=org, scope="read", days=1)
    revoke_token(session, token_id=gone.row.id, user=owner)
    session.commit()
    for secret, code in (
        (old.secret, TokenProblem.EXPIRED),
        (gone.secret, TokenProblem.REVOKED),
        ("kmt_made-up", TokenProblem.UNKNOWN),
        (None, TokenProblem.MISSING),
    ):
        with pytest.raises(TokenRefused) as refused:
            authenticate(session, secret)
        assert refused.value.code == code


@pytest.mark.parametrize(
    ("name", "scope", "days", "field"),
    [("", "read", 30, "name"), ("x", "admin", 30, "scope"), ("x", "read", 0, "days"),
     ("x", "read", 400, "days")],
)  # fmt: skip
def test_a_token_needs_a_name_a_scope_and_a_sensible_expiry(
    session, owner, name, scope, days, field
):
    with pytest.raises(TokenInvalid) as refused:
        issue_token(session, owner=owner, name=name, organisation_id=owner.organisation_id,
                    scope=scope, days=days)  # fmt: skip
    assert refused.value.field == field


def test_the_rate_limit_counts_per_token_in_the_database(engine, session, owner, monkeypatch):
    issued = issue_token(session, owner=owner, name="p", organisation_id=owner.organisation_id,
                         scope="read", days=1)  # fmt: skip
    session.commit()
    moment = datetime(2026, 11, 26, 9, 30, 15, tzinfo=UTC)
    monkeypatch.setattr(ratelimit, "utcnow", lambda: moment)
    decisions = [count_request(engine, token_id=issued.row.id, limit=3) for _ in range(5)]
    assert [d.allowed for d in decisions] == [True, True, True, False, False]
    assert decisions[-1].retry_after == 46  # the rest of the minute, rounded up
    moment += timedelta(minutes=1)
    assert count_request(engine, token_id=issued.row.id, limit=3).allowed  # a new minute
    session.expire_all()
    assert session.get(ApiToken, issued.row.id).last_used_at is not None


def test_stored_answers_are_replayed_and_deleted_after_a_day(session, owner):
    issued = issue_token(session, owner=owner, name="p", organisation_id=owner.organisation_id,
                         scope="read_write", days=1)  # fmt: skip
    answer = StoredAnswer(201, {"id": 7, "name": "Yara"})
    fingerprint = request_hash("POST", "/api/v1/volunteers", {"name": "Yara"})
    store_answer(session, token_id=issued.row.id, key="k1", fingerprint=fingerprint, answer=answer)
    session.commit()
    assert (
        stored_answer(session, token_id=issued.row.id, key="k1", fingerprint=fingerprint) == answer
    )
    with pytest.raises(KeyReused):
        stored_answer(session, token_id=issued.row.id, key="k1", fingerprint="other")
    later = datetime.now(UTC) + KEEP_FOR + timedelta(minutes=1)
    assert purge_answers(session, now=later) == 1
    session.commit()
    assert session.exec(select(ApiIdempotency)).all() == []
