"""A partner organisation's trajectories: assigning a buddy, check-ins, and ending one.

Assigning makes a buddy proposal and approves it at once by the organisation's user
(``lifecycle.approve_proposal``), so the audit trail reads as for a coordinator's approval;
the expected end is the start plus the organisation's ``trajectory_days``.

Check-in rule (a choice, see the organisation's trajectory page): the first check-in is due
four weeks after the start, each next one thirteen weeks (a quarter) after the previous one;
a trajectory past that date is *overdue*.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col

from matching.audit.trail import record_event
from matching.buddies.suggestions import Suggestion, suggest_buddies
from matching.decisions.lifecycle import LifecycleError, approve_proposal, end_match
from matching.errors import LifecycleProblem, TrajectoryProblem
from matching.models import CheckIn, Match, Proposal, User
from matching.models.common import require_id, utcnow
from matching.models.queries import active_matches, open_proposals
from matching.offers.making import OfferSettings
from matching.people.records import validated
from matching.people.scoping import get_owned
from matching.vocab import (
    AuditAction,
    AuditEntity,
    EndReason,
    FamilyStatus,
    MatchStatus,
    ProposalKind,
    ProposalStatus,
)

FIRST_CHECK_IN_AFTER = timedelta(weeks=4)
CHECK_IN_EVERY = timedelta(weeks=13)
ASSIGN_WINDOW = timedelta(weeks=13)  # a start may lie this far before or after today
# Why a trajectory ends, and whether the family then waits for a new buddy or is closed.
END_REASONS: dict[EndReason, FamilyStatus] = {
    EndReason.COMPLETED: FamilyStatus.CLOSED,  # the birth and the agreed period are behind them
    EndReason.MOVED: FamilyStatus.CLOSED,
    EndReason.FAMILY_STOPPED: FamilyStatus.CLOSED,
    EndReason.BUDDY_STOPPED: FamilyStatus.WAITING,
    EndReason.NO_CLICK: FamilyStatus.WAITING,
    EndReason.OTHER: FamilyStatus.CLOSED,
}


class TrajectoryError(LifecycleError):
    """An action on a trajectory that is not allowed; ``code`` says which rule refused it."""

    def __init__(self, code: TrajectoryProblem, message: str) -> None:
        super().__init__(code, message)


def assign_buddy(
    session: Session,
    *,
    organisation_id: int,
    family_id: int,
    volunteer_id: int,
    user: User,
    start: date,
    today: date,
    offer: OfferSettings | None = None,
) -> Match:
    """Start a trajectory with one of the family's current suggestions (checked again now);
    it is offered to the volunteer like a coordinator's approval."""
    if abs(start - today) > ASSIGN_WINDOW:
        raise TrajectoryError(
            TrajectoryProblem.START_OUT_OF_RANGE, f"start {start} is too far from {today}"
        )
    found = suggest_buddies(
        session, organisation_id=organisation_id, family_id=family_id, as_of=today
    )
    if found.family.status != FamilyStatus.WAITING:
        raise TrajectoryError(
            TrajectoryProblem.FAMILY_NOT_WAITING, f"family {family_id} is {found.family.status}"
        )
    chosen = next((s for s in found.ranked if s.volunteer_id == volunteer_id), None)
    if chosen is None:
        raise TrajectoryError(
            TrajectoryProblem.NOT_SUGGESTED, f"volunteer {volunteer_id} is not a suggestion"
        )
    if _running_match(session, family_id) is not None:
        raise TrajectoryError(
            TrajectoryProblem.FAMILY_MATCHED, f"family {family_id} has a running trajectory"
        )
    proposal = _proposal(session, family_id, chosen)
    match = approve_proposal(
        session,
        proposal_id=require_id(proposal),
        user=user,
        today=start,
        organisation_id=organisation_id,
        offer=offer,
    )
    if not isinstance(match, Match):
        raise LifecycleError(LifecycleProblem.PEOPLE_GONE, "a buddy proposal must become a match")
    return match


def _proposal(session: Session, family_id: int, chosen: Suggestion) -> Proposal:
    """The buddy proposal of the chosen suggestion, stored; other open ones give way."""
    proposal = Proposal(
        kind=ProposalKind.BUDDY,
        volunteer_id=chosen.volunteer_id,
        family_id=family_id,
        score=chosen.score,
        score_parts=chosen.details,
    )
    session.add(proposal)
    session.flush()
    _supersede_others(session, family_id, keep=require_id(proposal))
    return proposal


def _running_match(session: Session, family_id: int) -> Match | None:
    """The family's active trajectory, if any."""
    statement = active_matches().where(Match.family_id == family_id)
    return session.exec(statement).first()


def _supersede_others(session: Session, family_id: int, *, keep: int) -> None:
    """Open run proposals for the family give way to the organisation's own choice."""
    statement = open_proposals(ProposalKind.BUDDY).where(
        Proposal.family_id == family_id, col(Proposal.id) != keep
    )
    for proposal in session.exec(statement).all():
        proposal.status, proposal.decided_at = ProposalStatus.SUPERSEDED, utcnow()
        proposal.reason = "the organisation assigned a buddy itself"
        session.add(proposal)


def add_check_in(
    session: Session,
    *,
    organisation_id: int,
    match_id: int,
    user: User,
    on: date,
    note: str,
    today: date,
) -> CheckIn:
    """Note how a running trajectory goes; not before its start, not after today."""
    match = get_owned(session, table=Match, row_id=match_id, organisation_id=organisation_id)
    if match.status != MatchStatus.ACTIVE:
        raise TrajectoryError(TrajectoryProblem.ENDED, f"match {match_id} has ended")
    if on < match.start_date or on > today:
        raise TrajectoryError(
            TrajectoryProblem.DATE_OUT_OF_RANGE, f"check-in date {on} is outside the trajectory"
        )
    check_in = validated(
        CheckIn, {"match_id": match_id, "on": on, "note": note.strip(), "author_id": user.id}
    )
    session.add(check_in)
    session.flush()
    record_event(
        session,
        actor=f"user:{user.id}",
        actor_user_id=user.id,
        entity=AuditEntity.CHECK_IN,
        entity_id=require_id(check_in),
        action=AuditAction.CREATED,
        detail={"match_id": match_id},
    )
    return check_in


def end_trajectory(
    session: Session,
    *,
    organisation_id: int,
    match_id: int,
    user: User,
    on: date,
    reason: str,
    today: date,
    note: str = "",
) -> Match:
    """End a running trajectory with a reason, on a day up to today; the buddy is free again."""
    if reason not in END_REASONS:
        raise TrajectoryError(TrajectoryProblem.UNKNOWN_REASON, f"unknown reason {reason!r}")
    if reason == EndReason.OTHER and not note.strip():
        raise TrajectoryError(
            TrajectoryProblem.NOTE_REQUIRED, "ending for another reason needs a note"
        )
    match = get_owned(session, table=Match, row_id=match_id, organisation_id=organisation_id)
    if match.status != MatchStatus.ACTIVE:
        raise TrajectoryError(TrajectoryProblem.ENDED, f"match {match_id} has ended")
    if on < match.start_date or on > today:
        raise TrajectoryError(
            TrajectoryProblem.DATE_OUT_OF_RANGE, f"end date {on} is outside the trajectory"
        )
    return end_match(
        session,
        match=match,
        user=user,
        on=on,
        reason=EndReason(reason),
        note=note,
        family_status=END_REASONS[EndReason(reason)],
    )


def next_check_in_due(start: date, last_check_in: date | None) -> date:
    """When the next check-in is due by the rule in this module's docstring."""
    if last_check_in is None:
        return start + FIRST_CHECK_IN_AFTER
    return last_check_in + CHECK_IN_EVERY


def is_overdue(start: date, last_check_in: date | None, today: date) -> bool:
    """True when the next check-in's due date has passed."""
    return today > next_check_in_due(start, last_check_in)
