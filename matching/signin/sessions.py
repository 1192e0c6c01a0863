"""Sessions kept on the server: the signed cookie holds a random id, the table its hash.

Ending a session deletes its row, so a copied cookie stops working everywhere. A session
also ends when unused for ``session_idle`` or ``session_max`` after sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete
from sqlmodel import Session, col, select

from matching.models import TwoFactor, User, UserSession
from matching.signin.policy import SigninPolicy, aware
from matching.signin.tokens import new_token, token_hash

# Writing "last seen" on every request would make every page a write: once a minute is enough.
TOUCH_EVERY = timedelta(minutes=1)
# The session, its user and two-factor state: built once, as it runs on every request.
_FIND = (
    select(UserSession, User, TwoFactor.enabled_at)
    .join(User, col(User.id) == col(UserSession.user_id))
    .outerjoin(TwoFactor, col(TwoFactor.user_id) == col(User.id))
    .where(col(UserSession.token_hash) == bindparam("token_hash"))
)


@dataclass(frozen=True)
class LiveSession:
    """A session that is still valid: its row, its user and whether the user has two-factor on."""

    row: UserSession
    user: User
    two_factor: bool = False


def start_session(session: Session, *, user: User, now: datetime) -> str:
    """Store a new session for the user; return its id (for the cookie only)."""
    if user.id is None:
        raise ValueError("a user must be stored before a session starts")
    token = new_token()
    session.add(
        UserSession(token_hash=token_hash(token), user_id=user.id, created_at=now, last_seen_at=now)
    )
    session.flush()
    return token


def _expired(row: UserSession, policy: SigninPolicy, now: datetime) -> bool:
    """Whether the session was idle too long or is older than the absolute lifetime."""
    return (
        aware(row.last_seen_at) + policy.session_idle <= now
        or aware(row.created_at) + policy.session_max <= now
    )


def find_session(
    session: Session, *, token: str, policy: SigninPolicy, now: datetime
) -> LiveSession | None:
    """The live session with this id and its active user, noting its use; else None.

    An expired session is deleted on the way. One query reads the session, its user and
    whether two-factor sign-in is on: it runs on every request."""
    found = session.exec(_FIND, params={"token_hash": token_hash(token)}).first()
    if found is None:
        return None
    row, user, two_factor_since = found
    if _expired(row, policy, now):
        session.delete(row)
        session.flush()
        return None
    if not user.active:
        return None
    if aware(row.last_seen_at) + TOUCH_EVERY <= now:
        row.last_seen_at = now
        session.add(row)
        session.flush()
    return LiveSession(row, user, two_factor=two_factor_since is not None)


def end_session(session: Session, *, token: str) -> None:
    """End one session (sign-out): its cookie no longer works anywhere."""
    session.exec(delete(UserSession).where(col(UserSession.token_hash) == token_hash(token)))


def end_all_sessions(session: Session, *, user_id: int, keep_token: str | None = None) -> int:
    """End every session of a user, but the one to keep; return how many ended."""
    statement = delete(UserSession).where(col(UserSession.user_id) == user_id)
    if keep_token is not None:
        statement = statement.where(col(UserSession.token_hash) != token_hash(keep_token))
    result = session.exec(statement)
    return int(result.rowcount or 0)


def purge_expired(session: Session, *, policy: SigninPolicy, now: datetime) -> None:
    """Delete every session that is past its idle timeout or its absolute lifetime."""
    session.exec(
        delete(UserSession).where(
            (col(UserSession.last_seen_at) <= now - policy.session_idle)
            | (col(UserSession.created_at) <= now - policy.session_max)
        )
    )
