"""Offers: made at approval, accepted, declined (pair forbidden, family waits) or expired."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from sqlmodel import Session, select

from matching.buddies.problem import build_instance, rejected_keys
from matching.buddies.rules import pair_keys
from matching.errors import OfferProblem
from matching.models import AuditEvent, Family, Match, OutboxMail, Proposal
from matching.offers.answers import OfferError, accept_offer, decline_offer, expire_offers
from matching.people.scoping import NotOwned
from matching.vocab import (
    AuditAction,
    AuditEntity,
    EndReason,
    FamilyStatus,
    MatchStatus,
    OfferStatus,
    ProposalStatus,
)
from tests.matching.offers.world import NOW, TODAY, offered, world


def _forbidden(session: Session, volunteer_id: int, family_id: int) -> bool:
    key = pair_keys(np.array([volunteer_id]), np.array([family_id]))
    return bool(np.isin(key, rejected_keys(session)).all())


def test_approval_makes_an_open_offer_that_expires_after_the_setting(session: Session) -> None:
    w = world(session)
    offer, match = offered(session, w, w.anna, days=5)
    assert offer.status == OfferStatus.OPEN and match.status == MatchStatus.ACTIVE
    assert (offer.volunteer_id, offer.family_id) == (w.anna.id, w.family.id)
    assert offer.expires_at - offer.offered_at == timedelta(days=5)
    assert session.get(Family, w.family.id).status == FamilyStatus.MATCHED  # type: ignore[union-attr]


def test_accepting_keeps_the_match_and_records_who(session: Session) -> None:
    w = world(session)
    offer, match = offered(session, w, w.anna)
    accept_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW + timedelta(hours=2))
    session.commit()
    assert offer.status == OfferStatus.ACCEPTED and offer.answered_by_id == w.coordinator.id
    assert session.get(Match, match.id).status == MatchStatus.ACTIVE  # type: ignore[union-attr]
    event = session.exec(select(AuditEvent).where(AuditEvent.entity == AuditEntity.OFFER)).one()
    assert event.action == AuditAction.ACCEPTED
    assert event.detail == {"on_behalf_of_volunteer": w.anna.id}  # a coordinator answered


def test_declining_forbids_the_pair_ends_the_match_and_frees_the_family(session: Session) -> None:
    w = world(session)
    offer, match = offered(session, w, w.anna)
    assert not _forbidden(session, w.anna.id or 0, w.family.id or 0)
    decline_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW,
                  reason="too_far", note="  te ver fietsen  ")  # fmt: skip
    session.commit()
    assert (offer.status, offer.decline_code, offer.decline_note) == (
        OfferStatus.DECLINED, "too_far", "te ver fietsen")  # fmt: skip
    assert session.get(Proposal, offer.proposal_id).status == ProposalStatus.DECLINED  # type: ignore[union-attr]
    ended = session.get(Match, match.id)
    assert ended is not None and ended.status == MatchStatus.ENDED
    assert ended.end_code == EndReason.DECLINED and ended.ended_on == TODAY
    assert session.get(Family, w.family.id).status == FamilyStatus.WAITING  # type: ignore[union-attr]
    assert _forbidden(session, w.anna.id or 0, w.family.id or 0)
    assert not _forbidden(session, w.bert.id or 0, w.family.id or 0)


def test_the_next_run_never_proposes_a_declined_pair(session: Session) -> None:
    w = world(session)
    before = build_instance(session, TODAY, seed=1, time_limit_s=5)
    assert len(before.candidates.volunteer) == 2  # both buddies fit the family
    offer, _ = offered(session, w, w.anna)
    decline_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW, reason="no_time")
    session.commit()
    after = build_instance(session, TODAY, seed=1, time_limit_s=5)
    volunteers = {int(after.volunteers.ids[i]) for i in after.candidates.volunteer}
    assert volunteers == {w.bert.id}


def test_a_decline_needs_a_reason_from_the_list_and_a_short_note(session: Session) -> None:
    w = world(session)
    offer, _ = offered(session, w, w.anna)
    with pytest.raises(OfferError) as unknown:
        decline_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW, reason="bored")
    assert unknown.value.code == OfferProblem.UNKNOWN_REASON
    with pytest.raises(OfferError) as long:
        decline_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW,
                      reason="other", note="x" * 501)  # fmt: skip
    assert long.value.code == OfferProblem.NOTE_TOO_LONG
    assert offer.status == OfferStatus.OPEN


def test_an_answered_offer_cannot_be_answered_again(session: Session) -> None:
    w = world(session)
    offer, _ = offered(session, w, w.anna)
    accept_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW)
    with pytest.raises(OfferError) as refused:
        decline_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW, reason="other")
    assert refused.value.code == OfferProblem.NOT_OPEN and refused.value.params == {
        "status": "accepted"
    }


def test_another_volunteers_offer_is_not_found(session: Session) -> None:
    w = world(session)
    offer, _ = offered(session, w, w.anna)
    with pytest.raises(NotOwned):
        accept_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW,
                     volunteer_id=w.bert.id)  # fmt: skip
    with pytest.raises(NotOwned):
        accept_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW,
                     organisation_id=(w.city.id or 0) + 1)  # fmt: skip
    assert offer.status == OfferStatus.OPEN


def test_offers_expire_once_their_time_ran_out_and_not_before(session: Session) -> None:
    w = world(session)
    offer, match = offered(session, w, w.anna, days=7)
    assert expire_offers(session, NOW + timedelta(days=7) - timedelta(seconds=1)) == []
    with pytest.raises(OfferError):  # too late to accept, even before the job ran
        accept_offer(
            session, offer_id=offer.id or 0, user=w.coordinator, now=NOW + timedelta(days=8)
        )
    expired = expire_offers(session, NOW + timedelta(days=7))
    session.commit()
    assert [o.id for o in expired] == [offer.id] and offer.status == OfferStatus.EXPIRED
    assert expire_offers(session, NOW + timedelta(days=9)) == []  # once per offer
    assert session.get(Match, match.id).end_code == EndReason.OFFER_EXPIRED  # type: ignore[union-attr]
    assert session.get(Proposal, offer.proposal_id).status == ProposalStatus.EXPIRED  # type: ignore[union-attr]
    assert session.get(Family, w.family.id).status == FamilyStatus.WAITING  # type: ignore[union-attr]
    assert _forbidden(session, w.anna.id or 0, w.family.id or 0)
    actors = {
        e.actor for e in session.exec(select(AuditEvent)).all() if e.action in ("expired", "ended")
    }
    assert actors == {"offer expiry", "system"}


def test_a_volunteer_without_an_account_is_told_the_coordinator_calls(session: Session) -> None:
    w = world(session)
    offered(session, w, w.anna)
    (mail,) = session.exec(select(OutboxMail)).all()
    assert mail.recipient == "anna@example.nl" and "nieuw traject" in mail.subject
