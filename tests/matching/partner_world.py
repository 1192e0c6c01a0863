"""A partner organisation with buddies near a waiting mother, for the portal tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from matching.buddies.suggestions import Suggestion, suggest_buddies
from matching.models import Family, Match, Organisation, User
from matching.trajectories.actions import (
    assign_buddy,
)
from tests.matching import stored as make

TODAY = date(2026, 11, 26)
VOG = date(2028, 1, 1)


@dataclass
class Partner:
    """Al Amal with buddies near one waiting mother, and another partner."""

    org: Organisation
    user: User
    mother: Family
    other: Organisation
    other_family: Family


def partner(session: Session) -> Partner:
    """Three Al Amal buddies: a near Arabic speaker, a farther one, a busy one; and a stranger."""
    org = make.organisation(session, "al-amal", "Stichting Al Amal", "partner")
    org.yearly_capacity = 2
    other = make.organisation(session, "tdm", "Taal Doet Meer", "partner")
    week = ["mon_am", "tue_am", "wed_am"]
    near = dict(languages=["ar", "nl"], availability=week, vog_valid_until=VOG, gender="female")
    make.volunteer(session, org, "Fatima", "overvecht", **near)
    make.volunteer(session, org, "Hanna", "noordoost", max_travel_km=8.0, **near)
    busy = make.volunteer(session, org, "Samira", "overvecht", **near)
    make.volunteer(session, org, "Noor", "overvecht", **{**near, "vog_valid_until": None})
    make.volunteer(session, other, "Joke", "overvecht", **near)  # another organisation's
    mother = make.family(
        session,
        org,
        "AA-010",
        "overvecht",
        languages=["ar"],
        availability=week,
        due_date=TODAY + timedelta(days=40),
    )
    taken = make.family(session, org, "AA-011", "overvecht", status="matched")
    make.match(session, busy, taken)
    user = make.user(session, org, "amina@alamal.example.nl", "organisation", "secret-123-kansrijk")
    other_family = make.family(session, other, "TDM-1", "overvecht", languages=["ar"])
    session.commit()
    return Partner(org, user, mother, other, other_family)


def best_buddy(session: Session, p: Partner) -> Suggestion:
    """The first suggestion for the waiting mother today: Fatima."""
    return suggest_buddies(
        session, organisation_id=p.org.id, family_id=p.mother.id, as_of=TODAY
    ).ranked[0]


def started(session: Session, p: Partner, buddy: Suggestion | None = None) -> Match:
    """The buddy (Fatima unless given) assigned to the mother today, committed."""
    match = assign_buddy(
        session,
        organisation_id=p.org.id,
        family_id=p.mother.id,
        volunteer_id=(buddy or best_buddy(session, p)).volunteer_id,
        user=p.user,
        start=TODAY,
        today=TODAY,
    )
    session.commit()
    return match
