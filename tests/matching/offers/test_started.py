"""After acceptance: "we have met", "did not start", and the list of unconfirmed starts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from matching.errors import OfferProblem
from matching.models import Family, Match
from matching.offers.answers import OfferError, accept_offer
from matching.offers.started import confirm_met, report_not_started, unconfirmed_starts
from matching.vocab import EndReason, FamilyStatus, MatchStatus
from tests.matching.offers.world import NOW, offered, world


def test_we_have_met_marks_the_start_once(session: Session) -> None:
    w = world(session)
    offer, match = offered(session, w, w.anna)
    accept_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW)
    later = NOW + timedelta(days=10)
    confirm_met(
        session, offer_id=offer.id or 0, user=w.coordinator, met_on=date(2026, 12, 8), now=later
    )
    assert offer.met_on == date(2026, 12, 8) and offer.start_reported_at == later
    assert match.status == MatchStatus.ACTIVE
    with pytest.raises(OfferError) as again:
        report_not_started(session, offer_id=offer.id or 0, user=w.coordinator, now=later)
    assert again.value.code == OfferProblem.ALREADY_REPORTED


def test_a_meeting_date_must_lie_between_the_offer_and_today(session: Session) -> None:
    w = world(session)
    offer, _ = offered(session, w, w.anna)
    with pytest.raises(OfferError) as unanswered:
        confirm_met(session, offer_id=offer.id or 0, user=w.coordinator, met_on=NOW.date(), now=NOW)
    assert unanswered.value.code == OfferProblem.NOT_ACCEPTED
    accept_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW)
    for day, code in [
        (NOW.date() - timedelta(days=1), OfferProblem.MET_BEFORE_ACCEPT),
        (NOW.date() + timedelta(days=4), OfferProblem.MET_IN_FUTURE),
    ]:
        with pytest.raises(OfferError) as refused:
            confirm_met(session, offer_id=offer.id or 0, user=w.coordinator, met_on=day,
                        now=NOW + timedelta(days=3))  # fmt: skip
        assert refused.value.code == code
    assert offer.met_on is None


def test_did_not_start_ends_the_match_and_the_family_waits(session: Session) -> None:
    w = world(session)
    offer, match = offered(session, w, w.anna)
    accept_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW)
    report_not_started(session, offer_id=offer.id or 0, user=w.coordinator,
                       now=NOW + timedelta(days=20), note="nooit bereikt")  # fmt: skip
    session.commit()
    ended = session.get(Match, match.id)
    assert ended is not None and ended.status == MatchStatus.ENDED
    assert (ended.end_code, ended.end_note) == (EndReason.NOT_STARTED, "nooit bereikt")
    assert session.get(Family, w.family.id).status == FamilyStatus.WAITING  # type: ignore[union-attr]


def test_unconfirmed_starts_show_after_the_setting(session: Session) -> None:
    w = world(session)
    offer, _ = offered(session, w, w.anna)
    accept_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW)
    session.commit()
    assert unconfirmed_starts(session, now=NOW + timedelta(days=20), days=21) == []
    (late,) = unconfirmed_starts(session, now=NOW + timedelta(days=21), days=21)
    assert late.offer.id == offer.id and late.days_waiting == 21
    assert unconfirmed_starts(session, now=NOW + timedelta(days=30), days=21,
                              organisation_id=(w.city.id or 0) + 1) == []  # fmt: skip
    confirm_met(session, offer_id=offer.id or 0, user=w.coordinator, met_on=NOW.date(),
                now=NOW + timedelta(days=22))  # fmt: skip
    assert unconfirmed_starts(session, now=NOW + timedelta(days=30), days=21) == []
