"""Issuing, checking and revoking API tokens: shown once, stored as their sha256 only."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlmodel import Session, col, select

from matching.audit.trail import record_event
from matching.models import ApiToken, Organisation, User
from matching.models.common import require_id, utcnow
from matching.signin.tokens import token_hash

TOKEN_PREFIX = "kmt_"  # makes a leaked token recognisable to secret scanners
MAX_DAYS = 366


class ApiScope(StrEnum):
    """What a token may do: read only, or read and write."""

    READ = "read"
    READ_WRITE = "read_write"


class TokenProblem(StrEnum):
    """Why a token was refused (all answered 401)."""

    MISSING = "token_missing"
    UNKNOWN = "token_unknown"
    EXPIRED = "token_expired"
    REVOKED = "token_revoked"


class TokenRefused(PermissionError):
    """The request's token is missing, unknown, expired or revoked; ``code`` says which."""

    def __init__(self, code: TokenProblem) -> None:
        self.code = code
        super().__init__(str(code))


class TokenInvalid(ValueError):
    """A token could not be issued; ``field`` and ``code`` say why."""

    def __init__(self, field: str, code: str) -> None:
        self.field = field
        self.code = code
        super().__init__(f"{field}: {code}")


@dataclass(frozen=True)
class Issued:
    """A new token: the row, and the secret shown once to the coordinator."""

    row: ApiToken
    secret: str


def _aware(moment: datetime) -> datetime:
    """A stored time as aware UTC (SQLite gives it back naive)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def issue_token(
    session: Session,
    *,
    owner: User,
    name: str,
    organisation_id: int,
    scope: str,
    days: int,
) -> Issued:
    """Make a token of 256 random bits for an organisation; only its hash is stored."""
    name = name.strip()
    if not 1 <= len(name) <= 80:
        raise TokenInvalid("name", "length")
    if scope not in set(ApiScope):
        raise TokenInvalid("scope", "unknown_scope")
    if not 1 <= days <= MAX_DAYS:
        raise TokenInvalid("days", "out_of_range")
    if session.get(Organisation, organisation_id) is None:
        raise TokenInvalid("organisation_id", "unknown_organisation")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        name=name,
        token_hash=token_hash(secret),
        prefix=secret[:12],
        organisation_id=organisation_id,
        scope=scope,
        owner_id=require_id(owner),
        expires_at=utcnow() + timedelta(days=days),
    )
    session.add(row)
    session.flush()
    _audit(session, owner, row, "created")
    return Issued(row, secret)


def revoke_token(session: Session, *, token_id: int, user: User) -> ApiToken | None:
    """Revoke a token at once; None when there is no such token."""
    row = session.get(ApiToken, token_id)
    if row is None:
        return None
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.add(row)
        _audit(session, user, row, "revoked")
    return row


def _audit(session: Session, user: User, row: ApiToken, action: str) -> None:
    """An audit event for a change to a token (never the token itself)."""
    record_event(
        session,
        actor=f"user:{user.id}",
        actor_user_id=user.id,
        entity="api_token",
        entity_id=require_id(row),
        action=action,
        detail={"organisation_id": row.organisation_id, "scope": row.scope},
    )


def list_tokens(session: Session) -> list[tuple[ApiToken, str]]:
    """Every token with its organisation's name, newest first."""
    statement = (
        select(ApiToken, Organisation.name)
        .join(Organisation, col(Organisation.id) == col(ApiToken.organisation_id))
        .order_by(col(ApiToken.id).desc())
    )
    return [(row, name) for row, name in session.exec(statement).all()]


def token_state(row: ApiToken, now: datetime | None = None) -> TokenProblem | None:
    """Why the token cannot be used now, or None when it can."""
    if row.revoked_at is not None:
        return TokenProblem.REVOKED
    if _aware(row.expires_at) <= (now or utcnow()):
        return TokenProblem.EXPIRED
    return None


def authenticate(session: Session, secret: str | None) -> ApiToken:
    """The live token for a secret from an Authorization header; else TokenRefused."""
    if not secret:
        raise TokenRefused(TokenProblem.MISSING)
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == token_hash(secret))).first()
    if row is None:
        raise TokenRefused(TokenProblem.UNKNOWN)
    problem = token_state(row)
    if problem is not None:
        raise TokenRefused(problem)
    return row
