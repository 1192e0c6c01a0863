"""Ending a student's placement: once, never before it started, with a code, a note and an
audit event."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from matching.decisions.ending import end_placement
from matching.decisions.lifecycle import LifecycleError
from matching.errors import LifecycleProblem
from matching.models import AuditEvent, Placement, User
from matching.vocab import AuditAction, AuditEntity, EndReason, PlacementStatus
from tests.matching import placements as place
from tests.matching import stored as make


def _placed(session: Session) -> tuple[Placement, User]:
    """A student's running placement (from 1 September 2026) and a coordinator."""
    city = make.organisation(session, "gemeente-utrecht", "Gemeente Utrecht", "municipality")
    hu = make.organisation(session, "hu", "Hogeschool Utrecht", "university")
    provider = make.organisation(session, "spelenderwijs", "Spelenderwijs", "preschool_provider")
    student = make.student(session, hu, "Lotte Visser", "overvecht",
                           period_start=date(2026, 9, 1), period_end=date(2027, 7, 15))  # fmt: skip
    school = place.preschool(session, provider, "De Regenboog", "overvecht")
    group = place.group(session, school, "Vlinders", ["mon_am"])
    placement = place.placement(session, student, school, place.slots((group, "mon_am")))
    coordinator = make.user(session, city, "carla@utrecht.nl", "coordinator", "x" * 14)
    session.commit()
    return placement, coordinator


def test_a_placement_ends_with_its_reason_and_an_audit_event(session: Session) -> None:
    placement, user = _placed(session)
    end_placement(session, placement=placement, user=user, on=date(2026, 12, 1),
                  reason=EndReason.MOVED, note=" moved to Amersfoort ")  # fmt: skip
    session.commit()
    session.refresh(placement)
    assert placement.status == PlacementStatus.ENDED and placement.ended_on == date(2026, 12, 1)
    assert (placement.end_code, placement.end_note) == ("moved", "moved to Amersfoort")
    (event,) = session.exec(select(AuditEvent)).all()
    assert (event.entity, event.entity_id, event.action) == (
        AuditEntity.PLACEMENT,
        placement.id,
        AuditAction.ENDED,
    )
    assert event.actor_user_id == user.id


def test_an_ended_placement_cannot_end_again(session: Session) -> None:
    placement, user = _placed(session)
    end_placement(session, placement=placement, user=user, on=date(2026, 12, 1),
                  reason=EndReason.COMPLETED)  # fmt: skip
    with pytest.raises(LifecycleError) as refused:
        end_placement(session, placement=placement, user=user, on=date(2026, 12, 2),
                      reason=EndReason.OTHER)  # fmt: skip
    assert refused.value.code == LifecycleProblem.PLACEMENT_ENDED
    assert placement.end_code == EndReason.COMPLETED


def test_a_placement_cannot_end_before_it_started(session: Session) -> None:
    placement, user = _placed(session)
    with pytest.raises(LifecycleError) as refused:
        end_placement(session, placement=placement, user=user, on=date(2026, 8, 31),
                      reason=EndReason.OTHER)  # fmt: skip
    assert refused.value.code == LifecycleProblem.END_BEFORE_START
    assert placement.status == PlacementStatus.ACTIVE and placement.end_code is None
