"""A tiny stored world for the offer tests: two buddies, one family, a coordinator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from matching.decisions.lifecycle import approve_proposal
from matching.models import Family, Match, Offer, Organisation, Proposal, User, Volunteer
from matching.models.common import require_id
from matching.offers.making import OfferSettings
from matching.vocab import ProposalKind
from tests.matching import stored as make

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@dataclass
class World:
    """The stored people of an offer test."""

    city: Organisation
    anna: Volunteer
    bert: Volunteer
    family: Family
    coordinator: User


def world(session: Session) -> World:
    """Two buddies who both fit the family, and the municipality's coordinator."""
    city = make.organisation(session, "gemeente-utrecht", "Gemeente Utrecht", "municipality")
    vog = {"vog_valid_until": date(2028, 1, 1), "availability": ["mon_am", "wed_pm"]}
    anna = make.volunteer(session, city, "Anna de Wit", "overvecht", email="anna@example.nl", **vog)
    bert = make.volunteer(session, city, "Bert Bos", "overvecht", email="bert@example.nl", **vog)
    family = make.family(session, city, "GZ-0001", "overvecht", availability=["mon_am", "wed_pm"])
    coordinator = make.user(session, city, "carla@utrecht.nl", "coordinator", "x" * 14)
    session.commit()
    return World(city, anna, bert, family, coordinator)


def propose(session: Session, volunteer: Volunteer, family: Family) -> Proposal:
    """An open buddy proposal of the pair."""
    proposal = Proposal(
        kind=ProposalKind.BUDDY, volunteer_id=volunteer.id, family_id=family.id, score=10
    )
    session.add(proposal)
    session.flush()
    return proposal


def offered(
    session: Session, w: World, volunteer: Volunteer, *, days: int = 7, now: datetime = NOW
) -> tuple[Offer, Match]:
    """Approve a proposal of the volunteer for the family: the match and its offer."""
    proposal = propose(session, volunteer, w.family)
    match = approve_proposal(
        session,
        proposal_id=require_id(proposal),
        user=w.coordinator,
        today=now.date(),
        offer=OfferSettings(days=days, portal_url="https://kansrijk.example/volunteer/"),
        now=now,
    )
    assert isinstance(match, Match)
    session.commit()
    return session.exec(select(Offer).where(Offer.match_id == match.id)).one(), match
