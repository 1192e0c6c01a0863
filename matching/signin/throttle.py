"""Login throttling with its state in the database, so every gunicorn worker sees it.

Failures are counted per account (the typed e-mail address, whether or not it exists) and
per client address. The first half of the allowed failures cost nothing; after that each
failure makes the next try wait longer (1, 2, 4 … seconds, at most ``max_delay_s``); at the
limit the key is locked for ``lock_minutes``. A try is checked *before* any password hash is
computed, so a refused try is cheap. A success clears the account's counter.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from matching.audit.trail import record_event
from matching.models import LoginThrottle, User
from matching.signin.events import SigninAction, SigninEntity
from matching.signin.policy import SigninPolicy, aware

ACCOUNT_PREFIX = "account:"
ADDRESS_PREFIX = "address:"


def account_key(email: str) -> str:
    """The throttle key of a typed e-mail address (normalised as accounts are)."""
    return ACCOUNT_PREFIX + email.strip().lower()[:200]


def address_key(address: str | None) -> str:
    """The throttle key of a client address."""
    return ADDRESS_PREFIX + (address or "unknown")[:45]


def blocked_until(session: Session, keys: list[str], now: datetime) -> datetime | None:
    """Until when a try for any of these keys must wait, or None when it may go ahead."""
    rows = session.exec(
        select(LoginThrottle).where(
            col(LoginThrottle.key).in_(keys), col(LoginThrottle.blocked_until).is_not(None)
        )
    ).all()
    until = [aware(row.blocked_until) for row in rows if row.blocked_until is not None]
    later = [moment for moment in until if moment > now]
    return max(later) if later else None


def wait_after(failures: int, limit: int, policy: SigninPolicy) -> timedelta | None:
    """How long the next try must wait after this many failures (None: not at all)."""
    if failures >= limit:
        return policy.lock
    free = max(limit // 2, 1)
    if failures <= free:
        return None
    return timedelta(seconds=min(2 ** (failures - free - 1), policy.max_delay_s))


def record_failure(
    session: Session, *, key: str, limit: int, policy: SigninPolicy, now: datetime
) -> LoginThrottle:
    """Count one failure for the key, atomically across processes; set its wait or lock."""
    forgotten = now - policy.lock
    increment = (
        update(LoginThrottle)
        .where(col(LoginThrottle.key) == key)
        .values(
            failures=case(
                (col(LoginThrottle.last_failure_at) < forgotten, 1),
                else_=col(LoginThrottle.failures) + 1,
            ),
            first_failure_at=case(
                (col(LoginThrottle.last_failure_at) < forgotten, now),
                else_=col(LoginThrottle.first_failure_at),
            ),
            last_failure_at=now,
        )
    )
    if session.exec(increment).rowcount == 0:
        try:
            with session.begin_nested():
                session.add(
                    LoginThrottle(key=key, failures=1, first_failure_at=now, last_failure_at=now)
                )
        except IntegrityError:  # another worker inserted it first: count on its row
            session.exec(increment)
    row = session.exec(select(LoginThrottle).where(LoginThrottle.key == key)).one()
    session.refresh(row)
    wait = wait_after(row.failures, limit, policy)
    row.blocked_until = now + wait if wait else None
    session.add(row)
    session.flush()
    return row


def clear(session: Session, *, key: str) -> None:
    """Forget the failures of a key (after a successful sign-in)."""
    session.exec(delete(LoginThrottle).where(col(LoginThrottle.key) == key))


def purge(session: Session, *, policy: SigninPolicy, now: datetime) -> None:
    """Delete counters whose failures are forgotten and whose lock has passed."""
    forgotten = now - policy.lock
    session.exec(
        delete(LoginThrottle).where(
            col(LoginThrottle.last_failure_at) < forgotten,
            (col(LoginThrottle.blocked_until).is_(None)) | (col(LoginThrottle.blocked_until) < now),
        )
    )


def current_blocks(session: Session, *, now: datetime) -> list[LoginThrottle]:
    """Every account and address that must wait or is locked now, longest first."""
    statement = (
        select(LoginThrottle)
        .where(col(LoginThrottle.blocked_until) > now)
        .order_by(col(LoginThrottle.blocked_until).desc())
    )
    return list(session.exec(statement).all())


def lift(session: Session, *, throttle_id: int, user: User) -> LoginThrottle | None:
    """Lift one lock (forget its failures) with an audit event; None if it is gone."""
    row = session.get(LoginThrottle, throttle_id)
    if row is None:
        return None
    record_event(
        session,
        actor=f"user:{user.id}",
        actor_user_id=user.id,
        entity=SigninEntity.LOGIN_THROTTLE,
        entity_id=throttle_id,
        action=SigninAction.LOCK_LIFTED,
        detail={"key": row.key, "failures": row.failures},
    )
    session.delete(row)
    session.flush()
    return row
