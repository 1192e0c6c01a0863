"""The audit trail: every change to a match, placement or proposal, with who and when."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from matching.models import AuditEvent


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
