"""The audit trail: every change to a match, placement or proposal, with who and when."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from matching.models import AuditEvent, Match, Placement, User
from matching.models.common import require_id
from matching.vocab import AuditAction, AuditEntity


def record_event(
    session: Session,
    *,
    actor: str,
    entity: str,
    entity_id: int,
    action: str,
    actor_user_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event in the caller's transaction."""
    event = AuditEvent(
        actor=actor,
        actor_user_id=actor_user_id,
        entity=entity,
        entity_id=entity_id,
        action=action,
        detail=detail or {},
    )
    session.add(event)
    return event


def flag_broken(
    session: Session, *, entity: AuditEntity, broken: Iterable[tuple[Match | Placement, str]]
) -> None:
    """Flag each running match or placement with the rule it broke (it stays active until a
    coordinator approves a repair), with an audit event when the flag changes."""
    for row, rule in broken:
        if row.broken_rule != rule:
            row.broken_rule = rule
            session.add(row)
            record_event(
                session,
                actor="matching run",
                entity=entity,
                entity_id=require_id(row),
                action=AuditAction.FLAGGED,
                detail={"broken_rule": rule},
            )


def user_event(
    session: Session,
    user: User,
    entity: AuditEntity | str,
    entity_id: int,
    action: AuditAction | str,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """An audit event for a user's action; the trail names the user by id only. Entities and
    actions are the trail's enums or another package's (sign-in, privacy)."""
    return record_event(
        session,
        actor=f"user:{user.id}",
        actor_user_id=user.id,
        entity=entity,
        entity_id=entity_id,
        action=action,
        detail=detail,
    )
