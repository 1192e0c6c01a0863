"""The secret of a student's calendar feed: issued, replaced, revoked and checked.

The token is ``secrets.token_urlsafe(32)`` (256 random bits); only its SHA-256 (hex) is
stored, in ``Student.calendar_token``, so a copy of the database opens no calendar. The row is
found by that digest (a look-up whose timing tells nothing about the token) and the digests
are compared with ``hmac.compare_digest``. An unknown, revoked or malformed token all give the
same answer: None. Migration 0008 replaced the tokens stored in clear by their digests, so
links made before keep working.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from sqlmodel import Session, select

from matching.audit.trail import record_event
from matching.models import Student, User
from matching.models.common import require_id
from matching.signin.tokens import token_hash
from matching.vocab import AuditAction, AuditEntity

TOKEN_BYTES = 32
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# Compared against when no row matches, so a miss costs the same comparison as a near-hit.
_DUMMY = hashlib.sha256(secrets.token_bytes(TOKEN_BYTES)).hexdigest()


def token_digest(token: str) -> str:
    """The SHA-256 of a token as 64 hex characters: what the database keeps."""
    return token_hash(token)


def new_token() -> str:
    """A fresh unguessable token (URL-safe text)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def issue_token(session: Session, *, student: Student, user: User) -> str:
    """Give the student a new feed token (returned once, stored hashed); the old one stops."""
    replaced = student.calendar_token is not None
    token = new_token()
    student.calendar_token = token_digest(token)
    session.add(student)
    _record(
        session,
        student,
        user,
        AuditAction.CALENDAR_RENEWED if replaced else AuditAction.CALENDAR_ISSUED,
    )
    return token


def revoke_token(session: Session, *, student: Student, user: User) -> None:
    """Stop the student's feed: the token is forgotten."""
    if student.calendar_token is None:
        return
    student.calendar_token = None
    session.add(student)
    _record(session, student, user, AuditAction.CALENDAR_REVOKED)


def student_by_token(session: Session, token: str) -> Student | None:
    """The active student whose feed token this is, else None (whatever the reason)."""
    if not TOKEN_RE.match(token):
        return None
    digest = token_digest(token)
    found = session.exec(select(Student).where(Student.calendar_token == digest)).first()
    stored = found.calendar_token if found is not None and found.calendar_token else _DUMMY
    if found is None or not hmac.compare_digest(stored.encode(), digest.encode()):
        return None
    return found if found.active else None


def _record(session: Session, student: Student, user: User, action: AuditAction) -> None:
    """An audit event for a change to the feed (never the token itself)."""
    record_event(
        session,
        actor=f"user:{user.id}",
        actor_user_id=user.id,
        entity=AuditEntity.STUDENT,
        entity_id=require_id(student),
        action=action,
    )
