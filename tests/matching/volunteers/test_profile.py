"""A volunteer's own profile: saved, and flagged to the coordinator during a match."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from matching.models import AuditEvent
from matching.people.validation import InvalidRecord
from matching.vocab import AuditAction
from matching.volunteers.profile import flagged_volunteers, update_volunteer_profile
from tests.matching.offers.world import offered, world


def test_a_change_without_a_match_is_saved_unflagged(session: Session) -> None:
    w = world(session)
    change = update_volunteer_profile(session, volunteer=w.anna, user=w.coordinator,
                                      changes={"max_travel_km": 8.0})  # fmt: skip
    assert change.changed == ("max_travel_km",) and not change.flagged
    assert w.anna.max_travel_km == 8.0 and flagged_volunteers(session) == []


def test_a_change_during_a_match_is_flagged_with_an_audit_event(session: Session) -> None:
    w = world(session)
    _, match = offered(session, w, w.anna)
    change = update_volunteer_profile(session, volunteer=w.anna, user=w.coordinator,
                                      changes={"availability": ["fri_pm"],
                                               "vog_valid_until": date(2029, 1, 1)})  # fmt: skip
    session.commit()
    assert change.flagged and w.anna.profile_changed
    assert [v.id for v in flagged_volunteers(session)] == [w.anna.id]
    event = session.exec(
        select(AuditEvent).where(AuditEvent.action == AuditAction.VOLUNTEER_CHANGED)
    ).one()
    assert event.entity_id == match.id
    assert event.detail["after"]["vog_valid_until"] == "2029-01-01"


def test_a_bad_value_names_its_field_and_changes_nothing(session: Session) -> None:
    w = world(session)
    with pytest.raises(InvalidRecord) as refused:
        update_volunteer_profile(session, volunteer=w.anna, user=w.coordinator,
                                 changes={"availability": ["sun_am"]})  # fmt: skip
    assert "availability" in str(refused.value)
    session.rollback()
    session.refresh(w.anna)
    assert w.anna.availability == ["mon_am", "wed_pm"]
    with pytest.raises(ValueError):
        update_volunteer_profile(session, volunteer=w.anna, user=w.coordinator,
                                 changes={"capacity": 3})  # fmt: skip
