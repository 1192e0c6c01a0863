"""The schedule settings the coordinator keeps: read by the scheduler, written by the web."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from matching.audit.trail import record_event
from matching.models import ScheduleSetting, User
from matching.models.common import require_id, utcnow
from matching.vocab import AuditAction, AuditEntity


@dataclass(frozen=True)
class Schedule:
    """The weekly run's cron expression (Europe/Amsterdam) and whether it is paused."""

    cron: str
    paused: bool


def current_schedule(session: Session, *, default_cron: str) -> Schedule:
    """The stored schedule, or the configured default when none was stored."""
    row = session.exec(select(ScheduleSetting).order_by(col(ScheduleSetting.id))).first()
    return Schedule(row.cron, row.paused) if row else Schedule(default_cron, False)


def save_schedule(session: Session, *, cron: str, paused: bool, user: User) -> ScheduleSetting:
    """Store the schedule (the caller has checked the cron expression) with an audit event."""
    row = session.exec(select(ScheduleSetting).order_by(col(ScheduleSetting.id))).first()
    if row is None:
        row = ScheduleSetting(cron=cron, paused=paused)
    row.cron, row.paused, row.updated_at, row.updated_by_id = cron, paused, utcnow(), user.id
    session.add(row)
    session.flush()
    record_event(
        session,
        actor=f"user:{user.id}",
        actor_user_id=user.id,
        entity=AuditEntity.SCHEDULE,
        entity_id=require_id(row),
        action=AuditAction.PAUSED if paused else AuditAction.SAVED,
        detail={"cron": cron},
    )
    return row
