"""The funnel proposed → approved → accepted → started, with the median days between steps,
computed from the stored timestamps of buddy proposals and their offers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import median

from sqlmodel import Session, col, select

from matching.models import Family, Offer, Proposal
from matching.signin.policy import aware
from matching.vocab import OfferStatus, ProposalKind, ProposalStatus

# Proposals a coordinator (or organisation) approved, whatever the volunteer answered later.
APPROVED_STATUSES = (ProposalStatus.APPROVED, ProposalStatus.DECLINED, ProposalStatus.EXPIRED)


@dataclass(frozen=True)
class Funnel:
    """How many buddy proposals reached each step, and the median days from the step before
    (None while no pair made that step)."""

    proposed: int
    approved: int
    accepted: int
    started: int
    days_to_approve: float | None
    days_to_accept: float | None
    days_to_start: float | None


def _days(start: datetime, end: datetime) -> float:
    """Days between two stored times, to a tenth."""
    return round((aware(end) - aware(start)).total_seconds() / 86400, 1)


def _median(values: list[float]) -> float | None:
    """The median, or None for no values."""
    return round(float(median(values)), 1) if values else None


def funnel(session: Session, organisation_id: int | None = None) -> Funnel:
    """The funnel of every buddy proposal not replaced by a later run (an organisation's own
    when given). Proposals approved before offers existed count as proposed and approved."""
    statement = (
        select(Proposal, Offer)
        .outerjoin(Offer, col(Offer.proposal_id) == col(Proposal.id))
        .where(Proposal.kind == ProposalKind.BUDDY, Proposal.status != ProposalStatus.SUPERSEDED)
    )
    if organisation_id is not None:
        families = select(Family.id).where(Family.organisation_id == organisation_id)
        statement = statement.where(col(Proposal.family_id).in_(families))
    rows = session.exec(statement).all()
    approved = [(p, o) for p, o in rows if p.status in APPROVED_STATUSES]
    accepted = [o for _, o in approved if o is not None and o.status == OfferStatus.ACCEPTED]
    started = [o for o in accepted if o.met_on is not None]
    return Funnel(
        proposed=len(rows),
        approved=len(approved),
        accepted=len(accepted),
        started=len(started),
        days_to_approve=_median(
            [_days(p.created_at, p.decided_at) for p, _ in approved if p.decided_at]
        ),
        days_to_accept=_median(
            [_days(o.offered_at, o.answered_at) for o in accepted if o.answered_at]
        ),
        days_to_start=_median(
            [
                float((o.met_on - aware(o.answered_at).date()).days)
                for o in started
                if o.met_on and o.answered_at
            ]
        ),
    )
