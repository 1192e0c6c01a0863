"""Registering, changing and deactivating people and places, each change in the audit trail."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from matching.audit.trail import record_event
from matching.models import Family, User, Volunteer
from matching.models.common import require_id
from matching.people.lists import KINDS
from matching.people.records import create_record, update_record
from matching.people.scoping import NotOwned
from matching.vocab import AuditAction, FamilyStatus


@dataclass(frozen=True)
class Saved:
    """The saved row and what happened to it: created, updated or unchanged."""

    row: Any
    action: AuditAction


def _actor(user: User) -> str:
    """How the audit trail names a user."""
    return f"user:{user.id}"


def get_person(session: Session, kind_name: str, row_id: int) -> Any:
    """The row of this kind with this id (an expert only under experts), else NotOwned."""
    kind = KINDS[kind_name]
    row = session.get(kind.table, row_id)
    if (
        row is None
        or getattr(row, "erased_at", None) is not None
        or any(getattr(row, name) != value for name, value in kind.fixed.items())
    ):
        raise NotOwned(kind.table, row_id)
    return row


def save_person(
    session: Session,
    *,
    kind_name: str,
    data: Mapping[str, Any],
    user: User,
    row: Any = None,
    source: str = "form",
) -> Saved:
    """Create a row (``row`` None) or change one; raises InvalidRecord naming each bad field."""
    kind = KINDS[kind_name]
    saved: Any
    if row is None:
        saved = create_record(session, table=kind.table, data={**data, **kind.fixed})
        action, changed = AuditAction.CREATED, sorted(data)
    else:
        before = row.model_dump()
        saved = update_record(session, row=row, changes=data)
        after = saved.model_dump()
        changed = sorted(name for name, value in after.items() if before.get(name) != value)
        if not changed:
            return Saved(saved, AuditAction.UNCHANGED)
        action = AuditAction.UPDATED
    record_event(
        session,
        actor=_actor(user),
        actor_user_id=user.id,
        entity=kind.entity,
        entity_id=require_id(saved),
        action=action,
        detail={"fields": changed, "source": source},
    )
    return Saved(saved, action)


def deactivate_person(
    session: Session, *, kind_name: str, row: Any, user: User, today: date | None = None
) -> Any:
    """Take a row out of matching: inactive, or for a family closed (retention counts from
    the day, kept in ``closed_on``)."""
    kind = KINDS[kind_name]
    changes = {"status": FamilyStatus.CLOSED} if isinstance(row, Family) else {"active": False}
    update_record(session, row=row, changes=changes)
    if isinstance(row, Family | Volunteer):
        row.closed_on = today or date.today()
        session.add(row)
    record_event(
        session,
        actor=_actor(user),
        actor_user_id=user.id,
        entity=kind.entity,
        entity_id=require_id(row),
        action=AuditAction.DEACTIVATED,
    )
    return row
