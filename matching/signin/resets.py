"""Password change and reset by e-mail: single-use tokens stored as hashes, a short expiry,
and every other session ended once the password changes."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from matching.accounts import password_matches, set_password, user_by_email
from matching.audit.trail import record_event
from matching.models import PasswordReset, User
from matching.models.common import require_id, utcnow
from matching.signin import throttle
from matching.signin.events import SigninAction, SigninEntity
from matching.signin.passwords import PasswordProblem, PasswordRefused
from matching.signin.policy import SigninPolicy, aware
from matching.signin.sessions import end_all_sessions
from matching.signin.tokens import new_token, token_hash

# A second request for the same account within this time sends no second mail.
RESEND_AFTER = timedelta(minutes=1)


def _audit(session: Session, user: User, action: SigninAction) -> None:
    """An audit event on the user's account, by the user."""
    record_event(
        session,
        actor=f"user:{user.id}",
        actor_user_id=user.id,
        entity=SigninEntity.USER,
        entity_id=require_id(user),
        action=action,
    )


def change_password(
    session: Session, *, user: User, current: str, new: str, keep_token: str | None
) -> int:
    """Change a password (the current one required); end every other session; return how many."""
    if not password_matches(user, current):
        raise PasswordRefused(PasswordProblem.WRONG_CURRENT)
    set_password(session, user=user, password=new)
    _spend_all_tokens(session, user_id=require_id(user))
    ended = end_all_sessions(session, user_id=require_id(user), keep_token=keep_token)
    _audit(session, user, SigninAction.PASSWORD_CHANGED)
    return ended


def request_reset(
    session: Session, *, email: str, policy: SigninPolicy, now: datetime
) -> tuple[User, str] | None:
    """A new reset token for the active account with this address, or None (unknown,
    inactive, or one was sent within the last minute). The caller answers the same either way."""
    session.exec(delete(PasswordReset).where(col(PasswordReset.expires_at) < now))
    user = user_by_email(session, email=email)
    if user is None or not user.active or user.id is None:
        return None
    recent = session.exec(
        select(PasswordReset).where(
            PasswordReset.user_id == user.id,
            col(PasswordReset.created_at) > now - RESEND_AFTER,
        )
    ).first()
    if recent is not None:
        return None
    token = new_token()
    expires = now + timedelta(minutes=policy.reset_minutes)
    session.add(
        PasswordReset(
            token_hash=token_hash(token), user_id=user.id, created_at=now, expires_at=expires
        )
    )
    session.flush()
    return user, token


def valid_reset(session: Session, *, token: str, now: datetime) -> PasswordReset | None:
    """The unused, unexpired reset of an active user with this token, else None."""
    row = session.exec(
        select(PasswordReset).where(PasswordReset.token_hash == token_hash(token))
    ).first()
    if row is None or row.used_at is not None or aware(row.expires_at) <= now:
        return None
    user = session.get(User, row.user_id)
    return row if user is not None and user.active else None


def complete_reset(session: Session, *, token: str, new: str, now: datetime) -> User | None:
    """Set the new password with a valid token (then spent) and end every session of the
    user; None when the token is unknown, used or expired."""
    row = valid_reset(session, token=token, now=now)
    if row is None:
        return None
    spent = session.exec(
        update(PasswordReset)
        .where(col(PasswordReset.id) == row.id, col(PasswordReset.used_at).is_(None))
        .values(used_at=now)
    )
    if spent.rowcount != 1:  # another request spent it a moment ago
        return None
    user = session.get(User, row.user_id)
    assert user is not None  # valid_reset checked it
    set_password(session, user=user, password=new)
    _spend_all_tokens(session, user_id=row.user_id, now=now)
    end_all_sessions(session, user_id=row.user_id)
    throttle.clear(session, key=throttle.account_key(user.email))
    _audit(session, user, SigninAction.PASSWORD_RESET)
    return user


def _spend_all_tokens(session: Session, *, user_id: int, now: datetime | None = None) -> None:
    """Mark every unused reset token of the user as used: a changed password spends them."""
    session.exec(
        update(PasswordReset)
        .where(col(PasswordReset.user_id) == user_id, col(PasswordReset.used_at).is_(None))
        .values(used_at=now or utcnow())
    )
