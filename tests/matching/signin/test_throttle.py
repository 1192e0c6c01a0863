"""Throttling: free failures, a growing wait, then a lock; forgotten after the window."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from matching.models import AuditEvent, LoginThrottle
from matching.signin import throttle
from matching.signin.policy import SigninPolicy
from tests.matching.signin.conftest import NOW

POLICY = SigninPolicy(max_failures=6, lock_minutes=15, max_delay_s=60)
KEY = throttle.account_key(" Carla@Utrecht.example.nl ")


def fail(session, times, at=NOW, limit=POLICY.max_failures):
    row = None
    for _ in range(times):
        row = throttle.record_failure(session, key=KEY, limit=limit, policy=POLICY, now=at)
    session.commit()
    return row


def test_the_key_is_the_normalised_address():
    assert KEY == "account:carla@utrecht.example.nl"
    assert throttle.address_key("10.0.0.7") == "address:10.0.0.7"


def test_waits_grow_after_half_the_limit_then_a_lock():
    waits = [throttle.wait_after(n, 6, POLICY) for n in range(1, 7)]
    assert waits[:3] == [None, None, None]
    assert waits[3:5] == [timedelta(seconds=1), timedelta(seconds=2)]
    assert waits[5] == timedelta(minutes=15)
    assert throttle.wait_after(40, 100, POLICY) is None
    assert throttle.wait_after(99, 100, POLICY) == timedelta(seconds=60)  # capped


def test_free_failures_do_not_block(session):
    fail(session, 3)
    assert throttle.blocked_until(session, [KEY], NOW) is None


def test_a_failure_past_the_free_ones_makes_the_next_try_wait(session):
    fail(session, 4)
    assert throttle.blocked_until(session, [KEY], NOW) == NOW + timedelta(seconds=1)
    assert throttle.blocked_until(session, [KEY], NOW + timedelta(seconds=1)) is None


def test_the_limit_locks_for_the_lock_time(session):
    row = fail(session, 6)
    assert row.failures == 6
    until = NOW + timedelta(minutes=15)
    assert throttle.blocked_until(session, [KEY, "address:x"], NOW + timedelta(minutes=14)) == until
    assert throttle.blocked_until(session, [KEY], until) is None


def test_clear_forgets_the_failures(session):
    fail(session, 6)
    throttle.clear(session, key=KEY)
    session.commit()
    assert throttle.blocked_until(session, [KEY], NOW) is None
    assert session.exec(select(LoginThrottle)).all() == []


def test_failures_older_than_the_window_are_forgotten(session):
    fail(session, 5)
    later = NOW + timedelta(minutes=16)
    row = fail(session, 1, at=later)
    assert row.failures == 1
    assert throttle.blocked_until(session, [KEY], later) is None


def test_purge_keeps_live_counters_and_locks(session):
    fail(session, 6)
    other = throttle.address_key("10.0.0.9")
    throttle.record_failure(session, key=other, limit=50, policy=POLICY, now=NOW)
    session.commit()
    throttle.purge(session, policy=POLICY, now=NOW + timedelta(minutes=10))
    assert len(session.exec(select(LoginThrottle)).all()) == 2
    throttle.purge(session, policy=POLICY, now=NOW + timedelta(minutes=16))
    session.commit()
    assert session.exec(select(LoginThrottle)).all() == []


def test_current_blocks_and_lift_with_an_audit_event(session, user):
    fail(session, 6)
    blocks = throttle.current_blocks(session, now=NOW)
    assert [row.key for row in blocks] == [KEY]
    lifted = throttle.lift(session, throttle_id=blocks[0].id, user=user)
    session.commit()
    assert lifted is not None
    assert throttle.current_blocks(session, now=NOW) == []
    event = session.exec(select(AuditEvent)).one()
    assert (event.entity, event.action, event.actor_user_id) == (
        "login_throttle",
        "lock_lifted",
        user.id,
    )
    assert event.detail["key"] == KEY
    assert throttle.lift(session, throttle_id=blocks[0].id, user=user) is None
