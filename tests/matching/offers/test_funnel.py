"""The funnel's counts and median days come from the stored timestamps."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from matching.models import Proposal
from matching.offers.answers import accept_offer, decline_offer
from matching.offers.funnel import funnel
from matching.offers.started import confirm_met
from matching.vocab import ProposalStatus
from tests.matching.offers.world import NOW, World, offered, propose, world


def test_the_funnel_counts_each_step_and_the_median_days(session: Session) -> None:
    w = world(session)
    # Anna: proposed 2 days before approval, accepted after 1 day, met 4 days later.
    offer, _ = offered(session, w, w.anna)
    proposal = session.get(Proposal, offer.proposal_id)
    assert proposal is not None
    proposal.created_at = NOW - timedelta(days=2)
    accept_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW + timedelta(days=1))
    confirm_met(session, offer_id=offer.id or 0, user=w.coordinator,
                met_on=(NOW + timedelta(days=5)).date(), now=NOW + timedelta(days=6))  # fmt: skip
    session.commit()
    # A second approval of Bert for another family, declined: approved, not accepted.
    other = offered_for_other_family(session, w)
    decline_offer(session, offer_id=other, user=w.coordinator, now=NOW, reason="no_time")
    # One open proposal and one superseded (which does not count).
    propose(session, w.bert, w.family)
    gone = propose(session, w.anna, w.family)
    gone.status = ProposalStatus.SUPERSEDED
    session.commit()
    found = funnel(session)
    assert (found.proposed, found.approved, found.accepted, found.started) == (3, 2, 1, 1)
    assert found.days_to_accept == 1.0 and found.days_to_start == 4.0
    assert found.days_to_approve is not None and found.days_to_approve >= 2.0
    assert funnel(session, organisation_id=(w.city.id or 0) + 1).proposed == 0


def offered_for_other_family(session: Session, w: World) -> int:
    """Bert offered to a second family of the city; the offer's id."""
    from tests.matching import stored as make

    w.family = make.family(session, w.city, "GZ-0002", "overvecht")
    offer, _ = offered(session, w, w.bert)
    return offer.id or 0
