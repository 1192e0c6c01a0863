"""The gap after a decline, and "fill now": a repair run through the executor for one family."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.errors import OfferProblem
from matching.models import MatchingRun, Proposal
from matching.offers.answers import OfferError, decline_offer, expire_offers
from matching.offers.fill import open_gaps, request_fill
from matching.runs.execution import execute_run
from matching.runs.requests import RunBusy, request_user_run
from matching.vocab import ProposalStatus, RunStatus
from tests.matching.offers.world import NOW, TODAY, offered, propose, world


def test_fill_now_proposes_another_buddy_never_the_declined_pair(engine: Engine) -> None:
    with Session(engine) as session:
        w = world(session)
        offer, _ = offered(session, w, w.anna)
        decline_offer(
            session, offer_id=offer.id or 0, user=w.coordinator, now=NOW, reason="no_time"
        )
        session.commit()
        (gap,) = open_gaps(session)
        assert (gap.family.id, gap.volunteer.id, gap.repair_requested) == (
            w.family.id,
            w.anna.id,
            False,
        )
        run = request_fill(session, family_id=w.family.id or 0, user=w.coordinator, as_of=TODAY)
        session.commit()
        run_id, family_id, bert_id = run.id or 0, w.family.id, w.bert.id
        assert open_gaps(session)[0].repair_requested
    done = execute_run(engine, run_id)
    assert done.status == RunStatus.SUCCEEDED and done.proposals_made == 1
    with Session(engine) as session:
        (made,) = session.exec(select(Proposal).where(Proposal.run_id == run_id)).all()
        assert (made.volunteer_id, made.family_id) == (bert_id, family_id)
        assert made.status == ProposalStatus.PROPOSED and made.score_parts["points"]


def test_fill_now_leaves_a_buddy_alone_whose_room_is_proposed_elsewhere(engine: Engine) -> None:
    from tests.matching import stored as make

    with Session(engine) as session:
        w = world(session)
        other = make.family(session, w.city, "GZ-0002", "overvecht", availability=["mon_am"])
        propose(session, w.bert, other)  # Bert's one place is proposed for another family
        offer, _ = offered(session, w, w.anna)
        decline_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW, reason="other")
        run_id = request_fill(session, family_id=w.family.id or 0, user=w.coordinator,
                              as_of=TODAY).id or 0  # fmt: skip
        session.commit()
    done = execute_run(engine, run_id)
    assert done.status == RunStatus.SUCCEEDED and done.proposals_made == 0
    with Session(engine) as session:
        assert session.exec(select(Proposal).where(Proposal.run_id == run_id)).all() == []
        assert (
            len(
                session.exec(
                    select(Proposal).where(Proposal.status == ProposalStatus.PROPOSED)
                ).all()
            )
            == 1
        )


def test_fill_now_waits_its_turn_and_needs_a_gap(engine: Engine) -> None:
    with Session(engine) as session:
        w = world(session)
        with pytest.raises(OfferError) as no_gap:
            request_fill(session, family_id=w.family.id or 0, user=w.coordinator, as_of=TODAY)
        assert no_gap.value.code == OfferProblem.NOT_A_GAP
        offered(session, w, w.anna, days=1)
        expire_offers(session, NOW.replace(day=3))
        request_user_run(session, user=w.coordinator, as_of=TODAY)
        session.commit()
        with pytest.raises(RunBusy):
            request_fill(session, family_id=w.family.id or 0, user=w.coordinator, as_of=TODAY)
        assert (
            session.exec(select(MatchingRun).where(MatchingRun.family_id == w.family.id)).all()
            == []
        )
