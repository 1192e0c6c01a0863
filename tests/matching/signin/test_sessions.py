"""Server-side sessions: found while live, gone after sign-out, idle time or lifetime."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from matching.models import TwoFactor, UserSession
from matching.signin import sessions
from matching.signin.policy import SigninPolicy
from matching.signin.tokens import token_hash
from tests.matching.signin.conftest import NOW

POLICY = SigninPolicy(session_idle_minutes=120, session_max_hours=12)


def find(session, token, at):
    return sessions.find_session(session, token=token, policy=POLICY, now=at)


def test_only_a_hash_of_the_id_is_stored(session, user):
    token = sessions.start_session(session, user=user, now=NOW)
    row = session.exec(select(UserSession)).one()
    assert row.token_hash == token_hash(token) and token not in row.token_hash
    assert find(session, token, NOW).user.id == user.id
    assert find(session, token + "x", NOW) is None


def test_idle_timeout_and_use_keeps_it_alive(session, user):
    token = sessions.start_session(session, user=user, now=NOW)
    assert find(session, token, NOW + timedelta(minutes=119)) is not None
    assert find(session, token, NOW + timedelta(minutes=230)) is not None  # seen at 119
    assert find(session, token, NOW + timedelta(minutes=350)) is None
    assert session.exec(select(UserSession)).all() == []  # deleted on the way


def test_absolute_lifetime(session, user):
    token = sessions.start_session(session, user=user, now=NOW)
    for minutes in range(100, 12 * 60, 100):
        assert find(session, token, NOW + timedelta(minutes=minutes)) is not None
    assert find(session, token, NOW + timedelta(hours=12)) is None


def test_end_one_and_end_all_but_one(session, user):
    first, second, third = (sessions.start_session(session, user=user, now=NOW) for _ in "abc")
    sessions.end_session(session, token=first)
    assert find(session, first, NOW) is None
    assert sessions.end_all_sessions(session, user_id=user.id, keep_token=third) == 1
    assert find(session, second, NOW) is None
    assert find(session, third, NOW) is not None


def test_a_deactivated_user_has_no_live_session(session, user):
    token = sessions.start_session(session, user=user, now=NOW)
    user.active = False
    session.add(user)
    assert find(session, token, NOW) is None


def test_purge_expired(session, user):
    sessions.start_session(session, user=user, now=NOW)
    live = sessions.start_session(session, user=user, now=NOW + timedelta(hours=3))
    sessions.purge_expired(session, policy=POLICY, now=NOW + timedelta(hours=3))
    rows = session.exec(select(UserSession)).all()
    assert [row.token_hash for row in rows] == [token_hash(live)]


def test_last_seen_is_written_at_most_once_a_minute(session, user):
    token = sessions.start_session(session, user=user, now=NOW)
    row = session.exec(select(UserSession)).one()
    find(session, token, NOW + timedelta(seconds=59))
    assert row.last_seen_at == NOW  # a page a second writes nothing
    find(session, token, NOW + timedelta(seconds=60))
    assert row.last_seen_at == NOW + timedelta(seconds=60)


def test_the_same_query_tells_whether_two_factor_is_on(session, user):
    token = sessions.start_session(session, user=user, now=NOW)
    assert find(session, token, NOW).two_factor is False
    pending = TwoFactor(user_id=user.id, secret="JBSWY3DPEHPK3PXP")
    session.add(pending)
    session.flush()
    assert find(session, token, NOW).two_factor is False  # set up, not yet confirmed
    pending.enabled_at = NOW
    session.add(pending)
    session.flush()
    assert find(session, token, NOW).two_factor is True
