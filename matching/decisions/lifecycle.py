"""The proposal → match → ended lifecycle, each change with an audit event (and mail).

Only an approved proposal becomes a match or placement. Passing ``organisation_id`` scopes an
action to that organisation's own people (partner users); coordinators pass None.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session, func, select

from matching.audit.trail import record_event, user_event
from matching.errors import DomainError, LifecycleProblem
from matching.models import (
    Family,
    Match,
    Organisation,
    Placement,
    Preschool,
    Proposal,
    Student,
    User,
    Volunteer,
)
from matching.models.common import require_id, utcnow
from matching.models.queries import active_matches
from matching.offers.making import OfferSettings, announce_offer, make_offer
from matching.outbox.queue import enqueue_mail
from matching.outbox.texts import MailTemplate, mail_language, render_mail
from matching.people.scoping import NotOwned
from matching.vocab import (
    AuditAction,
    AuditEntity,
    EndReason,
    FamilyStatus,
    MatchStatus,
    PlacementAnswer,
    PlacementStatus,
    ProposalKind,
    ProposalStatus,
)

SYSTEM_ACTOR = "system"


class LifecycleError(DomainError):
    """An action that the record's state does not allow; ``code`` says why."""


def get_proposal(
    session: Session, proposal_id: int, organisation_id: int | None = None
) -> Proposal:
    """An open or decided proposal, scoped to the organisation when one is given."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None:
        raise NotOwned(Proposal, proposal_id)
    if organisation_id is not None:
        family = session.get(Family, proposal.family_id) if proposal.family_id else None
        if family is None or family.organisation_id != organisation_id:
            raise NotOwned(Proposal, proposal_id)
    return proposal


def _require_open(proposal: Proposal) -> None:
    """Only a proposal still proposed can be decided."""
    if proposal.status != ProposalStatus.PROPOSED:
        raise LifecycleError(
            LifecycleProblem.NOT_OPEN,
            f"proposal {proposal.id} is {proposal.status}, not open",
            status=proposal.status,
        )


def _decide(
    session: Session, proposal: Proposal, user: User, status: ProposalStatus, reason: str | None
) -> None:
    """Record the decision on the proposal and in the audit trail."""
    proposal.status, proposal.decided_by_id, proposal.decided_at = status, user.id, utcnow()
    proposal.reason = reason
    session.add(proposal)
    user_event(
        session,
        user,
        AuditEntity.PROPOSAL,
        require_id(proposal),
        AuditAction(status),
        {"reason": reason} if reason else {},
    )


def reject_proposal(
    session: Session,
    *,
    proposal_id: int,
    user: User,
    reason: str,
    organisation_id: int | None = None,
) -> Proposal:
    """Reject with a reason; the pair is never proposed again."""
    if not reason.strip():
        raise LifecycleError(LifecycleProblem.REASON_REQUIRED, "reason: a rejection needs a reason")
    proposal = get_proposal(session, proposal_id, organisation_id)
    _require_open(proposal)
    _decide(session, proposal, user, ProposalStatus.REJECTED, reason.strip()[:500])
    return proposal


def pin_proposal(
    session: Session,
    *,
    proposal_id: int,
    user: User,
    pinned: bool = True,
    organisation_id: int | None = None,
) -> Proposal:
    """Pin (or unpin) an open proposal: the next runs keep it while the pair stays allowed."""
    proposal = get_proposal(session, proposal_id, organisation_id)
    _require_open(proposal)
    proposal.pinned = pinned
    session.add(proposal)
    user_event(
        session,
        user,
        AuditEntity.PROPOSAL,
        require_id(proposal),
        AuditAction.PINNED if pinned else AuditAction.UNPINNED,
    )
    return proposal


def active_match_count(session: Session, volunteer_id: int) -> int:
    """How many running trajectories a volunteer has."""
    query = select(func.count()).where(
        Match.volunteer_id == volunteer_id, Match.status == MatchStatus.ACTIVE
    )
    return int(session.exec(query).one())


def approve_proposal(
    session: Session,
    *,
    proposal_id: int,
    user: User,
    today: date,
    organisation_id: int | None = None,
    offer: OfferSettings | None = None,
    now: datetime | None = None,
) -> Match | Placement:
    """Approve: a buddy proposal becomes a match offered to the volunteer, a placement
    proposal a placement."""
    proposal = get_proposal(session, proposal_id, organisation_id)
    _require_open(proposal)
    _decide(session, proposal, user, ProposalStatus.APPROVED, None)
    if proposal.kind == ProposalKind.BUDDY:
        return _start_match(session, proposal, user, today, offer or OfferSettings(), now)
    return _start_placement(session, proposal, user, today, offer or OfferSettings(), now)


def _start_match(
    session: Session,
    proposal: Proposal,
    user: User,
    today: date,
    settings: OfferSettings,
    now: datetime | None,
) -> Match:
    """Start the trajectory and offer it to the volunteer; a repaired match ends with the
    rule that broke."""
    volunteer = session.get(Volunteer, proposal.volunteer_id)
    family = session.get(Family, proposal.family_id)
    if volunteer is None or family is None:
        raise LifecycleError(
            LifecycleProblem.PEOPLE_GONE, "the proposal's volunteer or family is gone"
        )
    if proposal.repairs_match_id:
        old = session.get(Match, proposal.repairs_match_id)
        if old is not None and old.status == MatchStatus.ACTIVE:
            end_match(
                session,
                match=old,
                user=user,
                on=today,
                reason=EndReason.REPAIRED,
                note=old.broken_rule or "rule broken",
                family_status=FamilyStatus.MATCHED,
            )
    _check_free(session, volunteer, family)
    org = session.get(Organisation, family.organisation_id)
    days = org.trajectory_days if org is not None else 913
    match = Match(
        proposal_id=proposal.id,
        volunteer_id=require_id(volunteer),
        family_id=require_id(family),
        organisation_id=family.organisation_id,
        start_date=today,
        expected_end=today + timedelta(days=days),
    )
    family.status = FamilyStatus.MATCHED
    volunteer.profile_changed = False  # the coordinator approved a match with the new profile
    session.add_all([match, family, volunteer])
    session.flush()
    user_event(
        session,
        user,
        AuditEntity.MATCH,
        require_id(match),
        AuditAction.CREATED,
        {"proposal_id": proposal.id},
    )
    offer = make_offer(session, match=match, proposal=proposal, now=now, settings=settings)
    announce_offer(
        session,
        volunteer=volunteer,
        family=family,
        offer=offer,
        start=today,
        portal_url=settings.portal_url,
    )
    return match


def _check_free(session: Session, volunteer: Volunteer, family: Family) -> None:
    """The family has no running match and the volunteer has room left."""
    running = session.exec(active_matches().where(Match.family_id == family.id)).first()
    if running is not None:
        raise LifecycleError(
            LifecycleProblem.FAMILY_HAS_MATCH,
            f"family {family.reference} already has a running trajectory",
            reference=family.reference,
        )
    if active_match_count(session, require_id(volunteer)) >= volunteer.capacity:
        raise LifecycleError(
            LifecycleProblem.NO_CAPACITY,
            f"volunteer {volunteer.name} has no capacity left",
            name=volunteer.name,
        )


def _start_placement(
    session: Session,
    proposal: Proposal,
    user: User,
    today: date,
    settings: OfferSettings,
    now: datetime | None,
) -> Placement:
    """Make the placement, waiting for the student's answer within ``settings.days``; a
    repaired placement ends."""
    student = session.get(Student, proposal.student_id)
    if student is None or proposal.preschool_id is None:
        raise LifecycleError(
            LifecycleProblem.PEOPLE_GONE, "the proposal's student or preschool is gone"
        )
    for old in session.exec(
        select(Placement).where(
            Placement.student_id == student.id, Placement.status == PlacementStatus.ACTIVE
        )
    ).all():
        old.status, old.ended_on = PlacementStatus.ENDED, today
        old.end_code, old.end_note = EndReason.REPLACED, old.broken_rule or "new placement"
        session.add(old)
        detail = {"reason": old.end_code, "note": old.end_note}
        user_event(session, user, AuditEntity.PLACEMENT, require_id(old), AuditAction.ENDED, detail)
    placement = Placement(
        proposal_id=proposal.id,
        student_id=require_id(student),
        preschool_id=proposal.preschool_id,
        slots=proposal.slots,
        period_start=max(student.period_start, today),
        period_end=student.period_end,
        confirmed=True,
        answer=PlacementAnswer.PENDING,  # the student confirms or declines (placement/answers)
        answer_due=(now or utcnow()) + timedelta(days=settings.days),
    )
    student.availability_changed = False
    session.add_all([placement, student])
    session.flush()
    user_event(
        session,
        user,
        AuditEntity.PLACEMENT,
        require_id(placement),
        AuditAction.CREATED,
        {"proposal_id": proposal.id},
    )
    school = session.get(Preschool, proposal.preschool_id)
    text = render_mail(
        MailTemplate.PLACEMENT_APPROVED,
        mail_language(student.languages),
        name=student.name,
        preschool=school.name if school is not None else "",
        start=placement.period_start.isoformat(),
        days=settings.days,
    )
    enqueue_mail(session, recipient=student.email, subject=text.subject, body=text.body)
    return placement


def end_match(
    session: Session,
    *,
    match: Match,
    user: User | None,
    on: date,
    reason: EndReason,
    note: str = "",
    family_status: FamilyStatus = FamilyStatus.WAITING,
) -> Match:
    """End a trajectory with a reason code and a note; the family waits again or is closed.
    ``user`` None: the system ended it (an offer that expired)."""
    if match.status != MatchStatus.ACTIVE:
        raise LifecycleError(LifecycleProblem.MATCH_ENDED, f"match {match.id} has ended already")
    if reason not in set(EndReason):
        raise LifecycleError(LifecycleProblem.REASON_REQUIRED, f"reason: unknown {reason!r}")
    if on < match.start_date:
        raise LifecycleError(
            LifecycleProblem.END_BEFORE_START,
            f"ended_on: {on.isoformat()} is before the start",
            on=on.isoformat(),
        )
    match.status, match.ended_on = MatchStatus.ENDED, on
    match.end_code, match.end_note = EndReason(reason), note.strip()[:200] or None
    family = session.get(Family, match.family_id)
    if family is not None:
        family.status = family_status
        if family_status == FamilyStatus.CLOSED:
            family.closed_on = on  # retention counts from here
        session.add(family)
    session.add(match)
    detail = {"reason": match.end_code, "note": match.end_note}
    if user is None:
        record_event(
            session,
            actor=SYSTEM_ACTOR,
            entity=AuditEntity.MATCH,
            entity_id=require_id(match),
            action=AuditAction.ENDED,
            detail=detail,
        )
    else:
        user_event(session, user, AuditEntity.MATCH, require_id(match), AuditAction.ENDED, detail)
    return match
