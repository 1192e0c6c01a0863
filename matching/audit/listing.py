"""The audit trail as the coordinator reads it: newest first, with the names of who acted."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from matching.models import AuditEvent, User
from matching.paging import Page, clamp_page

PER_PAGE = 50


@dataclass(frozen=True)
class AuditRow:
    """One event and the name of the user behind it (None for the scheduler or a run)."""

    event: AuditEvent
    user_name: str | None


def entities(session: Session) -> list[str]:
    """The kinds of record the trail has events for."""
    statement = select(AuditEvent.entity).distinct().order_by(col(AuditEvent.entity))
    return list(session.exec(statement).all())


def actors(session: Session) -> list[tuple[int, str]]:
    """The users the trail has events of, as (id, name), by name."""
    statement = (
        select(User.id, User.name)
        .where(col(User.id).in_(select(AuditEvent.actor_user_id).distinct()))
        .order_by(col(User.name), col(User.id))
    )
    return [(user_id, name) for user_id, name in session.exec(statement).all() if user_id]


def audit_page(
    session: Session,
    *,
    entity: str = "",
    entity_id: int | None = None,
    user_id: int | None = None,
    action: str = "",
    page: int = 1,
) -> Page:
    """One page of events, newest first, optionally of one kind of record (or one record), of
    one user, or of one action (e.g. who viewed a family)."""
    conditions = []
    if user_id is not None:
        conditions.append(col(AuditEvent.actor_user_id) == user_id)
    if action:
        conditions.append(col(AuditEvent.action) == action)
    if entity:
        conditions.append(col(AuditEvent.entity) == entity)
    if entity_id is not None:
        conditions.append(col(AuditEvent.entity_id) == entity_id)
    total = int(session.exec(select(func.count(col(AuditEvent.id))).where(*conditions)).one())
    page = clamp_page(page, total, PER_PAGE)
    statement = (
        select(AuditEvent, User.name)
        .outerjoin(User, col(User.id) == col(AuditEvent.actor_user_id))
        .where(*conditions)
        .order_by(col(AuditEvent.id).desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    rows = [AuditRow(event, name) for event, name in session.exec(statement).all()]
    return Page(rows, total, page, PER_PAGE)
