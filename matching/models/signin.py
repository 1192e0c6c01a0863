"""Tables of signing in safely: throttling, server-side sessions, reset tokens, two-factor.

Personal data here, with purpose and retention: ``login_throttle.key`` holds an e-mail
address or a client address (purpose: stop password guessing; kept until the counter's
window has passed, at most a day); ``user_session`` holds a hash of the session id and the
times it was used (purpose: sign-out and expiry on the server; deleted at sign-out or once
expired); reset tokens (deleted once expired, at the next reset request) and recovery
codes (kept until two-factor is turned off) are stored only as hashes; the TOTP secret is
kept while two-factor sign-in is on.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from matching.models.common import utcnow


class LoginThrottle(SQLModel, table=True):
    """Failed sign-ins counted for one account or one client address, shared by all workers."""

    __tablename__ = "login_throttle"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=260, unique=True)
    failures: int = 0
    first_failure_at: datetime = Field(default_factory=utcnow)
    last_failure_at: datetime = Field(default_factory=utcnow)
    blocked_until: datetime | None = Field(default=None, index=True)


class UserSession(SQLModel, table=True):
    """A signed-in session; the cookie holds its random id, the table only a hash of it."""

    __tablename__ = "user_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)


class PasswordReset(SQLModel, table=True):
    """A single-use password-reset token, stored as a hash, valid for a short time."""

    __tablename__ = "password_reset"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None


class TwoFactor(SQLModel, table=True):
    """A user's authenticator-app secret (RFC 6238); in use once ``enabled_at`` is set."""

    __tablename__ = "two_factor"

    user_id: int = Field(foreign_key="user.id", primary_key=True)
    secret: str = Field(max_length=64)
    enabled_at: datetime | None = None
    last_step: int = 0  # the newest time step used: a code is never accepted twice


class RecoveryCode(SQLModel, table=True):
    """A single-use recovery code for two-factor sign-in, stored as a hash."""

    __tablename__ = "recovery_code"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    code_hash: str = Field(max_length=64)
    used_at: datetime | None = None
