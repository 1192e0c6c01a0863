"""Who looked: reads of a person's record, exports and downloads go into the audit trail."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from matching.audit.trail import user_event
from matching.models import AuditEvent, User
from matching.privacy.codes import PrivacyAction
from matching.vocab import AuditEntity

EXPORT_ENTITY = AuditEntity.EXPORT


def record_look(
    session: Session,
    *,
    user: User,
    entity: str,
    entity_id: int,
    action: PrivacyAction = PrivacyAction.VIEWED,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """An event that this user opened (or downloaded) this record, in the caller's transaction."""
    return user_event(session, user, entity, entity_id, action, detail)


def record_export(session: Session, *, user: User, what: str, **detail: Any) -> AuditEvent:
    """An event that this user exported a list (named by ``what``; filters, never values)."""
    return record_look(
        session,
        user=user,
        entity=EXPORT_ENTITY,
        entity_id=0,
        action=PrivacyAction.EXPORTED,
        detail={"what": what, **detail},
    )
