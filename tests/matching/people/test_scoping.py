"""An organisation sees only its own volunteers, families and matches."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import Session

from matching.models import Family, Match, Organisation, Volunteer
from matching.people.scoping import (
    NotOwned,
    active_match_counts,
    active_matches_of,
    families_of,
    get_owned,
    volunteers_of,
)
from tests.matching import stored as make


@dataclass
class Two:
    """Two partner organisations with a few people each."""

    a: Organisation
    b: Organisation
    a_buddy: Volunteer
    a_family: Family
    a_match: Match
    b_family: Family


def _two(session: Session) -> Two:
    """Build two organisations; A has an active and an ended match, B one active match."""
    a = make.organisation(session, "a", "Partner A", "partner")
    b = make.organisation(session, "b", "Partner B", "partner")
    a_buddy = make.volunteer(session, a, "Zara", "overvecht")
    make.volunteer(session, a, "Anouk", "zuid", active=False)
    b_buddy = make.volunteer(session, b, "Bram", "west")
    a_family = make.family(session, a, "A-2", "overvecht", status="matched")
    old = make.family(session, a, "A-1", "zuid", status="closed")
    b_family = make.family(session, b, "B-1", "west", status="matched")
    a_match = make.match(session, a_buddy, a_family)
    make.match(session, a_buddy, old, status="ended")
    make.match(session, b_buddy, b_family)
    session.commit()
    return Two(a, b, a_buddy, a_family, a_match, b_family)


def test_volunteers_of_lists_only_own_by_name(session: Session) -> None:
    """Own volunteers, inactive ones too, sorted by name; none of the other organisation."""
    two = _two(session)
    assert [v.name for v in volunteers_of(session, organisation_id=two.a.id)] == ["Anouk", "Zara"]
    assert [v.name for v in volunteers_of(session, organisation_id=two.b.id)] == ["Bram"]


def test_families_of_lists_only_own_by_reference(session: Session) -> None:
    """Own families of every status, by reference."""
    two = _two(session)
    assert [f.reference for f in families_of(session, organisation_id=two.a.id)] == ["A-1", "A-2"]


def test_active_matches_of_names_both_sides(session: Session) -> None:
    """Only running trajectories of the organisation, with buddy name and family reference."""
    two = _two(session)
    found = active_matches_of(session, organisation_id=two.a.id)
    assert [(m.volunteer_name, m.family_reference) for m in found] == [("Zara", "A-2")]
    assert found[0].id == two.a_match.id
    assert active_matches_of(session, organisation_id=two.a.id, family_id=two.b_family.id) == []


def test_mis_scoped_match_shows_no_other_names(session: Session) -> None:
    """A match filed under A but pointing at B's family never shows B's family to A."""
    two = _two(session)
    make.match(session, two.a_buddy, two.b_family)
    session.commit()
    found = active_matches_of(session, organisation_id=two.a.id)
    assert [m.family_reference for m in found] == ["A-2"]


def test_active_match_counts(session: Session) -> None:
    """Running trajectories per volunteer; ended ones do not count."""
    two = _two(session)
    assert active_match_counts(session, organisation_id=two.a.id) == {two.a_buddy.id: 1}


def test_get_owned_returns_own_row(session: Session) -> None:
    """A row of the organisation is returned."""
    two = _two(session)
    row = get_owned(session, table=Family, row_id=two.a_family.id, organisation_id=two.a.id)
    assert row.reference == "A-2"


@pytest.mark.parametrize("whose", ["other", "missing"])
def test_get_owned_refuses_others_and_missing(session: Session, whose: str) -> None:
    """Another organisation's row, or no row at all, raises NotOwned alike."""
    two = _two(session)
    row_id = two.b_family.id if whose == "other" else 9999
    with pytest.raises(NotOwned) as caught:
        get_owned(session, table=Family, row_id=row_id, organisation_id=two.a.id)
    assert caught.value.row_id == row_id
