"""The outbox as the coordinator sees it: what did not go out, and sending it again."""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from matching.audit.trail import record_event
from matching.models import OutboxMail, User
from matching.models.common import require_id, utcnow
from matching.vocab import AuditAction, AuditEntity, OutboxStatus

PER_PAGE = 50


def status_counts(session: Session) -> dict[str, int]:
    """Messages per status: queued, sent, failed."""
    statement = select(OutboxMail.status, func.count(col(OutboxMail.id))).group_by(
        col(OutboxMail.status)
    )
    return {status: int(count) for status, count in session.exec(statement).all()}


def problem_mails(session: Session, limit: int = PER_PAGE) -> list[OutboxMail]:
    """Messages that failed for good or wait for a retry after a failed attempt, newest first."""
    statement = (
        select(OutboxMail)
        .where(
            or_(
                col(OutboxMail.status) == OutboxStatus.FAILED,
                (col(OutboxMail.status) == OutboxStatus.QUEUED) & (col(OutboxMail.attempts) > 0),
            )
        )
        .order_by(col(OutboxMail.id).desc())
        .limit(limit)
    )
    return list(session.exec(statement).all())


def recent_mails(session: Session, limit: int = PER_PAGE) -> list[OutboxMail]:
    """The newest messages of any status."""
    statement = select(OutboxMail).order_by(col(OutboxMail.id).desc()).limit(limit)
    return list(session.exec(statement).all())


def retry_now(session: Session, *, user: User, mail_id: int | None = None) -> int:
    """Queue failed or waiting messages (or one) to be sent at the next round; return how many."""
    statement = select(OutboxMail).where(
        col(OutboxMail.status).in_((OutboxStatus.QUEUED, OutboxStatus.FAILED))
    )
    if mail_id is not None:
        statement = statement.where(col(OutboxMail.id) == mail_id)
    else:
        statement = statement.where(col(OutboxMail.attempts) > 0)
    mails = session.exec(statement).all()
    now = utcnow()
    for mail in mails:
        mail.status, mail.attempts, mail.next_attempt_at = OutboxStatus.QUEUED, 0, now
        session.add(mail)
        record_event(
            session,
            actor=f"user:{user.id}",
            actor_user_id=user.id,
            entity=AuditEntity.MAIL,
            entity_id=require_id(mail),
            action=AuditAction.RETRY,
        )
    return len(mails)
