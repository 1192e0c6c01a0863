"""A partner's yearly capacity, its waiting list, and its own records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from matching.people.partner import register_family, register_volunteer, update_family
from matching.people.scoping import NotOwned
from matching.people.validation import InvalidRecord
from matching.trajectories.actions import (
    end_trajectory,
)
from matching.trajectories.capacity import waiting_list, year_capacity
from tests.matching.partner_world import TODAY, partner, started


def test_capacity_counts_trajectories_started_this_calendar_year(session: Session) -> None:
    """Started this year (running or ended) use a place; last year's and repairs do not."""
    p = partner(session)
    assert year_capacity(session, organisation_id=p.org.id, today=TODAY).started == 0
    match = started(session, p)
    capacity = year_capacity(session, organisation_id=p.org.id, today=TODAY)
    assert (capacity.capacity, capacity.started, capacity.left, capacity.full) == (2, 1, 1, False)
    end_trajectory(
        session,
        organisation_id=p.org.id,
        match_id=match.id,
        user=p.user,
        on=TODAY,
        reason="buddy_stopped",
        today=TODAY,
    )
    session.commit()
    assert year_capacity(session, organisation_id=p.org.id, today=TODAY).started == 1
    next_year = year_capacity(session, organisation_id=p.org.id, today=date(2027, 1, 2))
    assert (next_year.started, next_year.left) == (0, 2)


def test_waiting_list_by_priority_then_due_date(session: Session) -> None:
    """Higher priority first; within a priority, the earliest due date; no due date last."""
    p = partner(session)

    def register(reference: str, **extra: object) -> None:
        """Register a mother in Overvecht, waiting for ten days."""
        register_family(
            session,
            organisation_id=p.org.id,
            today=TODAY - timedelta(days=10),
            data={"reference": reference, "postcode": "3562", "languages": ["ar"], **extra},
        )

    register("AA-020", due_date=TODAY + timedelta(days=200))
    register("AA-021", due_date=TODAY + timedelta(days=150))
    register("AA-022")
    register("AA-023", urgent=True, due_date=TODAY + timedelta(days=300))
    session.commit()
    order = [
        w.family.reference for w in waiting_list(session, organisation_id=p.org.id, as_of=TODAY)
    ]
    # AA-010 is due within 12 weeks (priority 1) and waiting since 2025 (+1): 2; AA-023 urgent: 2.
    assert order == ["AA-010", "AA-023", "AA-021", "AA-020", "AA-022"]
    assert "TDM-1" not in order and "AA-011" not in order


def test_partner_records_are_forced_to_the_own_organisation(session: Session) -> None:
    """Registering sets the organisation; fields beyond the form's are refused."""
    p = partner(session)
    buddy = register_volunteer(
        session,
        organisation_id=p.org.id,
        data={"name": "Yara", "postcode": "3562 AB", "languages": ["ar"]},
    )
    assert buddy.organisation_id == p.org.id and buddy.district == "overvecht"
    with pytest.raises(ValueError, match="cannot be set"):
        register_volunteer(
            session,
            organisation_id=p.org.id,
            data={"name": "X", "postcode": "3562", "languages": ["ar"], "organisation_id": 1},
        )
    with pytest.raises(InvalidRecord) as refused:
        register_family(
            session,
            organisation_id=p.org.id,
            today=TODAY,
            data={"reference": "AA-9", "postcode": "9999", "languages": []},
        )
    assert set(refused.value.fields) == {"postcode", "languages"}
    with pytest.raises(NotOwned):
        update_family(
            session, organisation_id=p.org.id, family_id=p.other_family.id, changes={"urgent": True}
        )
