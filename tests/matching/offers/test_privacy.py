"""Offers in access requests and erasure: a volunteer's answers and account are theirs."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from matching.models import Offer
from matching.offers.answers import decline_offer
from matching.privacy.access import person_data
from matching.privacy.codes import PersonKind
from tests.matching import stored as make
from tests.matching.offers.world import NOW, offered, world


def test_an_access_request_lists_the_offers_and_the_account(session: Session) -> None:
    w = world(session)
    offer, _ = offered(session, w, w.anna)
    decline_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW,
                  reason="personal", note="verhuis binnenkort")  # fmt: skip
    make.user(session, w.city, "anna@example.nl", "volunteer", "x" * 14, volunteer_id=w.anna.id)
    session.commit()
    now = datetime(2026, 12, 2, tzinfo=UTC)
    mine = person_data(session, kind=PersonKind.VOLUNTEER, person_id=w.anna.id or 0, now=now)
    assert [o["decline_note"] for o in mine["offers"]] == ["verhuis binnenkort"]
    assert [a["email"] for a in mine["accounts"]] == ["anna@example.nl"]
    assert "password_hash" not in mine["accounts"][0]
    theirs = person_data(session, kind=PersonKind.FAMILY, person_id=w.family.id or 0, now=now)
    assert [o["id"] for o in theirs["offers"]] == [offer.id]
    assert any(e["entity"] == "offer" for e in mine["audit_events"])
    assert session.get(Offer, offer.id) is not None


def test_erasing_a_volunteer_forgets_their_note_and_account(session: Session) -> None:
    from datetime import date

    from matching.models import User
    from matching.privacy.erasure import Actor, erase_person

    w = world(session)
    offer, _ = offered(session, w, w.anna)
    decline_offer(session, offer_id=offer.id or 0, user=w.coordinator, now=NOW,
                  reason="personal", note="Anna verhuist naar Zeist")  # fmt: skip
    account = make.user(session, w.city, "anna@example.nl", "volunteer", "x" * 14,
                        volunteer_id=w.anna.id)  # fmt: skip
    session.commit()
    erase_person(session, kind=PersonKind.VOLUNTEER, person_id=w.anna.id or 0,
                 actor=Actor("test", w.coordinator.id), today=date(2026, 12, 3),
                 now=datetime(2026, 12, 3, tzinfo=UTC))  # fmt: skip
    session.commit()
    kept = session.get(Offer, offer.id)
    assert kept is not None and kept.decline_note is None and kept.decline_code == "personal"
    gone = session.get(User, account.id)
    assert gone is not None and not gone.active and "anna" not in gone.email
