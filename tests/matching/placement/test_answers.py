"""The student's answer to an approved placement: confirm, decline (forbidding the pair in
later runs, showing the gap), or let it lapse after the offer days."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from matching.decisions.lifecycle import LifecycleError
from matching.errors import LifecycleProblem
from matching.models import AuditEvent, OutboxMail, Placement, Proposal
from matching.placement.answers import (
    confirm_placement,
    decline_placement,
    expire_placement_answers,
    placement_gaps,
)
from matching.placement.problem import build_placement_instance
from matching.vocab import PlacementAnswer, PlacementStatus, ProposalStatus
from tests.matching.notices.world import NOW, TODAY, World, build


@pytest.fixture
def world(session: Session) -> World:
    return build(session)


def _pair(p: Placement) -> tuple[int, int]:
    return (p.student_id, p.preschool_id)


def _allowed(session: Session) -> set[tuple[int, int]]:
    """The (student, preschool) pairs the next run may propose."""
    return set(build_placement_instance(session, TODAY, 0, 5.0).parts)


def test_approval_makes_a_pending_placement_and_asks_the_student(session, world) -> None:
    assert world.placement.answer == PlacementAnswer.PENDING
    assert world.placement.status == PlacementStatus.ACTIVE and world.placement.confirmed
    asked = session.exec(
        select(OutboxMail).where(OutboxMail.recipient == "sanne@student.example.nl")
    ).one()
    assert asked.subject == "Kansrijk Match: bevestig je stageplek"
    assert "binnen 7 dagen" in asked.body and "De Regenboog" in asked.body
    # While she decides, the next run keeps her seat (the pair is allowed and stays pinned).
    assert _pair(world.placement) in _allowed(session)


def test_confirming_keeps_the_placement(session, world) -> None:
    sanne = world.sanne
    confirm_placement(
        session,
        student_id=sanne.student_id,
        user=sanne,
        now=NOW + timedelta(days=1),
    )
    session.commit()
    placement = session.get(Placement, world.placement.id)
    assert (placement.answer, placement.status) == (PlacementAnswer.CONFIRMED, "active")
    assert placement_gaps(session) == []
    with pytest.raises(LifecycleError) as again:
        confirm_placement(session, student_id=sanne.student_id, user=sanne, now=NOW)
    assert again.value.code == LifecycleProblem.ANSWERED


def test_declining_forbids_the_pair_in_the_next_run_and_shows_the_gap(session, world) -> None:
    sanne = world.sanne
    assert _pair(world.placement) in _allowed(session)
    decline_placement(
        session,
        student_id=sanne.student_id,
        user=sanne,
        reason="too_far",
        note="  two buses  ",
        now=NOW + timedelta(days=1),
    )
    session.commit()
    placement = session.get(Placement, world.placement.id)
    assert (placement.answer, placement.status) == (PlacementAnswer.DECLINED, "ended")
    assert (placement.answer_reason, placement.answer_note) == ("too_far", "two buses")
    assert session.get(Proposal, placement.proposal_id).status == ProposalStatus.DECLINED
    assert _pair(placement) not in _allowed(session)
    (gap,) = placement_gaps(session)
    assert (gap.student_name, gap.preschool_name, gap.reason) == (
        "Sanne de Vries",
        "De Regenboog",
        "too_far",
    )
    events = session.exec(select(AuditEvent.action).where(AuditEvent.entity == "placement")).all()
    assert "declined" in events


def test_a_decline_needs_a_known_reason_and_another_reason_a_note(session, world) -> None:
    sanne = world.sanne
    for reason, note in (("bored", "x"), ("other", "  ")):
        with pytest.raises(LifecycleError) as refused:
            decline_placement(
                session,
                student_id=sanne.student_id,
                user=sanne,
                reason=reason,
                note=note,
                now=NOW,
            )
        assert refused.value.code == LifecycleProblem.REASON_REQUIRED
    assert session.get(Placement, world.placement.id).answer == PlacementAnswer.PENDING


def test_only_ones_own_placement_can_be_answered(session, world) -> None:
    with pytest.raises(LifecycleError):
        confirm_placement(
            session,
            student_id=world.sanne.student_id + 100,
            user=world.sanne,
            now=NOW,
        )
    with pytest.raises(LifecycleError):
        decline_placement(
            session,
            student_id=None,
            user=world.coordinator,
            reason="too_far",
            note="",
            now=NOW,
        )
    assert session.get(Placement, world.placement.id).answer == PlacementAnswer.PENDING


def test_an_unanswered_placement_lapses_after_the_offer_days(session, world) -> None:
    assert expire_placement_answers(session, now=NOW + timedelta(days=7, seconds=-1)) == []
    lapsed = expire_placement_answers(session, now=NOW + timedelta(days=7))
    session.commit()
    assert lapsed == [world.placement.id]
    placement = session.get(Placement, world.placement.id)
    assert (placement.answer, placement.status) == (PlacementAnswer.EXPIRED, "ended")
    assert placement.ended_on == (NOW + timedelta(days=7)).date()
    assert _pair(placement) not in _allowed(session)
    assert [g.answer for g in placement_gaps(session)] == [PlacementAnswer.EXPIRED]
    with pytest.raises(LifecycleError):
        confirm_placement(
            session,
            student_id=world.sanne.student_id,
            user=world.sanne,
            now=NOW + timedelta(days=8),
        )
