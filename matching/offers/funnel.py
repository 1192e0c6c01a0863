"""The funnel proposed → approved → accepted → started, with the median days between steps,
computed from the stored timestamps of buddy proposals and their offers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import median

from sqlalchemy import select as sa_select
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
    when given). Proposals approved before offers existed count as proposed and approved.
    Only the timestamps are read (the dashboard shows it), never whole rows."""
    statement = (
        sa_select(
            col(Proposal.status),
            col(Proposal.created_at),
            col(Proposal.decided_at),
            col(Offer.status),
            col(Offer.offered_at),
            col(Offer.answered_at),
            col(Offer.met_on),
        )
        .outerjoin(Offer, col(Offer.proposal_id) == col(Proposal.id))
        .where(
            col(Proposal.kind) == ProposalKind.BUDDY,
            col(Proposal.status) != ProposalStatus.SUPERSEDED,
        )
    )
    if organisation_id is not None:
        families = select(Family.id).where(Family.organisation_id == organisation_id)
        statement = statement.where(col(Proposal.family_id).in_(families))
    rows = session.execute(statement).all()
    approved = [row for row in rows if row[0] in APPROVED_STATUSES]
    accepted = [row for row in approved if row[3] == OfferStatus.ACCEPTED]
    started = [row for row in accepted if row[6] is not None]
    return Funnel(
        proposed=len(rows),
        approved=len(approved),
        accepted=len(accepted),
        started=len(started),
        days_to_approve=_median([_days(row[1], row[2]) for row in approved if row[2]]),
        days_to_accept=_median([_days(row[4], row[5]) for row in accepted if row[5]]),
        days_to_start=_median(
            [float((row[6] - aware(row[5]).date()).days) for row in started if row[5]]
        ),
    )
