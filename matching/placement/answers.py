"""The student's answer to an approved placement: confirm, decline (with a reason) or let it expire.

A coordinator's approval makes the ``Placement`` at once (active, ``answer`` pending until
``answer_due``), so the next run keeps the student's seat while they decide. Confirming only
records the answer. Declining, or no answer by ``answer_due``, ends the placement (end code
``other`` with a note) and forbids that student–preschool pair in later runs, like a
coordinator's rejection; the student is free again and the coordinator sees the gap
(``placement_gaps``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from matching import clock
from matching.audit.trail import record_event, user_event
from matching.decisions.lifecycle import LifecycleError
from matching.errors import LifecycleProblem
from matching.models import Placement, Preschool, Proposal, Student, User
from matching.models.common import require_id, required_id
from matching.models.queries import active_placements
from matching.outbox.queue import enqueue_mail
from matching.outbox.texts import MailTemplate, mail_language, render_mail
from matching.vocab import (
    AuditAction,
    AuditEntity,
    EndReason,
    PlacementAnswer,
    PlacementDeclineReason,
    PlacementStatus,
    ProposalStatus,
)

CLOSED_ANSWERS = (PlacementAnswer.DECLINED, PlacementAnswer.EXPIRED)
NOTE_MAX = 500


def own_pending(session: Session, *, student_id: int | None) -> Placement:
    """The student's placement waiting for their answer (at most one: a newer approval ends
    the older placement); LifecycleError when there is none to answer."""
    placement = None
    if student_id is not None:
        placement = session.exec(
            active_placements()
            .where(Placement.student_id == student_id)
            .where(Placement.answer == PlacementAnswer.PENDING)
            .order_by(col(Placement.id).desc())
        ).first()
    if placement is None:
        raise LifecycleError(LifecycleProblem.ANSWERED, "no placement waits for an answer")
    return placement


def confirm_placement(
    session: Session, *, student_id: int | None, user: User, now: datetime
) -> Placement:
    """The student confirms: the placement stands as approved."""
    placement = own_pending(session, student_id=student_id)
    placement_id = require_id(placement)
    placement.answer, placement.answered_at = PlacementAnswer.CONFIRMED, now
    session.add(placement)
    user_event(session, user, AuditEntity.PLACEMENT, placement_id, AuditAction.CONFIRMED)
    student = session.get(Student, placement.student_id)
    if student is not None:
        text = render_mail(
            MailTemplate.PLACEMENT_CONFIRMED, mail_language(student.languages), name=student.name
        )
        enqueue_mail(session, recipient=student.email, subject=text.subject, body=text.body)
    return placement


def decline_placement(
    session: Session,
    *,
    student_id: int | None,
    user: User,
    reason: str,
    note: str,
    now: datetime,
) -> Placement:
    """The student declines with a reason: the placement ends and the pair is not proposed again."""
    if reason not in set(PlacementDeclineReason):
        raise LifecycleError(LifecycleProblem.REASON_REQUIRED, f"reason: unknown {reason!r}")
    if reason == PlacementDeclineReason.OTHER and not note.strip():
        raise LifecycleError(LifecycleProblem.REASON_REQUIRED, "note: say why")
    placement = own_pending(session, student_id=student_id)
    placement_id = require_id(placement)
    _close(session, placement, PlacementAnswer.DECLINED, now)
    placement.answer_reason = PlacementDeclineReason(reason)
    placement.answer_note = note.strip()[:NOTE_MAX] or None
    session.add(placement)
    detail = {"reason": placement.answer_reason}
    user_event(session, user, AuditEntity.PLACEMENT, placement_id, AuditAction.DECLINED, detail)
    return placement


def expire_placement_answers(session: Session, *, now: datetime) -> list[int]:
    """End every placement whose answer time ran out unanswered; return their ids."""
    waiting = session.exec(
        active_placements()
        .where(Placement.answer == PlacementAnswer.PENDING, col(Placement.answer_due) <= now)
        .order_by(col(Placement.id))
    ).all()
    for placement in waiting:
        _close(session, placement, PlacementAnswer.EXPIRED, now)
        session.add(placement)
        record_event(
            session,
            actor="scheduler",
            entity=AuditEntity.PLACEMENT,
            entity_id=require_id(placement),
            action=AuditAction.EXPIRED,
        )
    return [require_id(p) for p in waiting]


def _close(session: Session, placement: Placement, answer: PlacementAnswer, now: datetime) -> None:
    """End a placement the student did not take, with the answer that ended it; its proposal
    is marked declined or expired, which forbids the pair like a rejection."""
    proposal = session.get(Proposal, placement.proposal_id) if placement.proposal_id else None
    if proposal is not None:
        proposal.status = ProposalStatus(answer)
        session.add(proposal)
    placement.answer, placement.answered_at = answer, now
    placement.status, placement.ended_on = PlacementStatus.ENDED, clock.today(now)
    placement.end_code, placement.end_note = EndReason.OTHER, f"student: {answer}"


def declined_pairs(session: Session) -> set[tuple[int, int]]:
    """(student, preschool) pairs a student declined or let expire: never proposed again."""
    rows = session.exec(
        select(Placement.student_id, Placement.preschool_id).where(
            col(Placement.answer).in_(CLOSED_ANSWERS)
        )
    ).all()
    return {(required_id(s, "student_id"), required_id(p, "preschool_id")) for s, p in rows}


@dataclass(frozen=True)
class PlacementGap:
    """A student left without a placement because they declined or did not answer."""

    placement_id: int
    student_id: int
    student_name: str
    preschool_name: str
    answer: str
    reason: str | None
    note: str | None
    answered_at: datetime | None


def placement_gaps(session: Session) -> list[PlacementGap]:
    """Declined or expired placements whose student has no running placement now."""
    placed = set(
        session.exec(
            select(Placement.student_id).where(Placement.status == PlacementStatus.ACTIVE)
        ).all()
    )
    rows = session.exec(
        select(Placement, Student, Preschool)
        .join(Student, col(Student.id) == Placement.student_id)
        .join(Preschool, col(Preschool.id) == Placement.preschool_id)
        .where(col(Placement.answer).in_(CLOSED_ANSWERS), col(Student.active))
        .order_by(col(Placement.answered_at).desc(), col(Placement.id).desc())
    ).all()
    gaps: dict[int, PlacementGap] = {}
    for placement, student, school in rows:
        if placement.student_id in placed or placement.student_id in gaps:
            continue
        gaps[placement.student_id] = PlacementGap(
            require_id(placement),
            placement.student_id,
            student.name,
            school.name,
            placement.answer,
            placement.answer_reason,
            placement.answer_note,
            placement.answered_at,
        )
    return list(gaps.values())
