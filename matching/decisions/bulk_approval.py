"""Approving many proposals at once: each in its own transaction, so one refusal keeps the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from matching.decisions.lifecycle import LifecycleError, approve_proposal
from matching.models import User
from matching.offers.making import OfferSettings
from matching.people.scoping import NotOwned


@dataclass(frozen=True)
class BulkApproval:
    """The proposals a bulk approval approved, and why each of the others was refused."""

    approved: list[int]
    refused: list[tuple[int, LifecycleError | NotOwned]]


def approve_selected(
    session: Session,
    *,
    proposal_ids: list[int],
    user: User,
    today: date,
    offer: OfferSettings | None = None,
    now: datetime | None = None,
) -> BulkApproval:
    """Approve each selected proposal in its own transaction: one refusal keeps the others.

    Unlike the lifecycle's single actions this one commits (or rolls back) the session after
    each proposal, since an approval refused half-way must not take the others with it.
    """
    approved: list[int] = []
    refused: list[tuple[int, LifecycleError | NotOwned]] = []
    for proposal_id in dict.fromkeys(proposal_ids):
        try:
            approve_proposal(
                session, proposal_id=proposal_id, user=user, today=today, offer=offer, now=now
            )
            session.commit()
            approved.append(proposal_id)
        except (LifecycleError, NotOwned) as exc:
            session.rollback()
            refused.append((proposal_id, exc))
    return BulkApproval(approved, refused)
