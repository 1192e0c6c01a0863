"""The secret of a student's calendar feed: issued, replaced, revoked and checked.

The token is ``secrets.token_urlsafe(32)`` (256 random bits) stored in
``Student.calendar_token``. Its first ``SELECTOR_LENGTH`` characters pick the row (a look-up
whose timing may depend on them); the whole token is then compared with
``hmac.compare_digest``, so the time taken does not tell how much of a guess was right. An
unknown, revoked or malformed token all give the same answer: None.
"""

from __future__ import annotations

import hmac
import re
import secrets

from sqlalchemy import func
from sqlmodel import Session, col, select

from matching.audit.trail import record_event
from matching.models import Student, User
from matching.models.common import require_id
from matching.vocab import AuditAction, AuditEntity

TOKEN_BYTES = 32
SELECTOR_LENGTH = 12
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# Compared against when no row matches, so a miss costs the same comparison as a near-hit.
_DUMMY = secrets.token_urlsafe(TOKEN_BYTES)


def new_token() -> str:
    """A fresh unguessable token (URL-safe text)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def issue_token(session: Session, *, student: Student, user: User) -> str:
    """Give the student a new feed token; any earlier one stops working at once."""
    replaced = student.calendar_token is not None
    student.calendar_token = new_token()
    session.add(student)
    _record(
        session,
        student,
        user,
        AuditAction.CALENDAR_RENEWED if replaced else AuditAction.CALENDAR_ISSUED,
    )
    return student.calendar_token


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
    statement = select(Student).where(
        func.substr(col(Student.calendar_token), 1, SELECTOR_LENGTH) == token[:SELECTOR_LENGTH]
    )
    found = None
    for student in session.exec(statement).all():
        stored = student.calendar_token or _DUMMY
        if hmac.compare_digest(stored.encode(), token.encode()):
            found = student
    if found is None:
        hmac.compare_digest(_DUMMY.encode(), token.encode())
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
