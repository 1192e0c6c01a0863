"""Ending a student's running placement with a reason, in the audit trail."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from matching.audit.trail import user_event
from matching.decisions.lifecycle import LifecycleError
from matching.errors import LifecycleProblem
from matching.models import Placement, User
from matching.models.common import require_id
from matching.vocab import AuditAction, AuditEntity, EndReason, PlacementStatus


def end_placement(
    session: Session,
    *,
    placement: Placement,
    user: User,
    on: date,
    reason: EndReason,
    note: str = "",
) -> Placement:
    """End a running placement on a day from its start, with a reason code and a note."""
    if placement.status != PlacementStatus.ACTIVE:
        raise LifecycleError(
            LifecycleProblem.PLACEMENT_ENDED, f"placement {placement.id} has ended already"
        )
    if on < placement.period_start:
        raise LifecycleError(
            LifecycleProblem.END_BEFORE_START,
            f"ended_on: {on.isoformat()} is before the start",
            on=on.isoformat(),
        )
    placement.status, placement.ended_on = PlacementStatus.ENDED, on
    placement.end_code, placement.end_note = EndReason(reason), note.strip()[:200] or None
    session.add(placement)
    detail = {"reason": placement.end_code, "note": placement.end_note}
    user_event(
        session, user, AuditEntity.PLACEMENT, require_id(placement), AuditAction.ENDED, detail
    )
    return placement
