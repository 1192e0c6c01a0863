"""A small stored world in which every kind of notice falls due within a few days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session, col, select

from matching.decisions.lifecycle import approve_proposal
from matching.models import Match, Offer, OutboxMail, Placement, Proposal, Student, User
from matching.models.common import require_id
from matching.offers.making import OfferSettings
from matching.vocab import ProposalKind
from tests.matching import placements as schools
from tests.matching import stored as make

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # a Tuesday, 09:00 in Utrecht
TODAY = NOW.date()
SECRET = "a-test-secret-key-that-is-long-and-random-1234567890"
PASSWORD = "long enough, really"


@dataclass
class World:
    """The people and records of a notices test."""

    coordinator: User
    partner_user: User
    anna: User  # a volunteer with an account: her VOG ends in a month, an offer waits
    sanne: User  # a student whose approved placement waits for her answer
    offer: Offer
    placement: Placement
    partner_match: Match  # no check-in since its start, its end is near


def build(session: Session) -> World:
    """Store the world; every id is flushed."""
    city = make.organisation(session, "gemeente-utrecht", "Gemeente Utrecht", "municipality")
    partner = make.organisation(session, "al-amal", "Al Amal", "partner")
    uni = make.organisation(session, "hu", "Hogeschool Utrecht", "university")
    provider = make.organisation(session, "spelenderwijs", "Spelenderwijs", "preschool_provider")
    coordinator = make.user(session, city, "carla@utrecht.nl", "coordinator", PASSWORD)
    partner_user = make.user(session, partner, "amal@alamal.nl", "organisation", PASSWORD)
    availability = {"availability": ["mon_am", "wed_pm"]}
    anna_v = make.volunteer(
        session,
        city,
        "Anna de Wit",
        "overvecht",
        email="anna@example.nl",
        vog_valid_until=TODAY + timedelta(days=30),
        **availability,
    )
    family = make.family(session, city, "GZ-0001", "overvecht", **availability)
    buddy = make.volunteer(
        session, partner, "Hiba", "overvecht", vog_valid_until=date(2029, 1, 1), **availability
    )
    mother = make.family(session, partner, "AA-0007", "overvecht", **availability)
    partner_match = make.match(session, buddy, mother)
    partner_match.start_date = TODAY - timedelta(weeks=20)
    partner_match.expected_end = TODAY + timedelta(weeks=4)
    session.add(partner_match)
    anna = make.user(
        session, city, "anna@example.nl", "volunteer", PASSWORD, volunteer_id=anna_v.id
    )
    student = make.student(
        session,
        uni,
        "Sanne de Vries",
        "overvecht",
        period_start=TODAY + timedelta(days=12),
        period_end=date(2027, 7, 1),
    )
    sanne = make.user(
        session, uni, "sanne@student.example.nl", "student", PASSWORD, student_id=student.id
    )
    school = schools.preschool(session, provider, "De Regenboog", "overvecht")
    group = schools.group(session, school, "Vlinders", ["mon_am", "tue_pm"])
    session.flush()
    offer = _offer(session, coordinator, anna_v.id, family.id)
    placement = _placement(session, coordinator, student, school.id, group.id)
    session.commit()
    return World(coordinator, partner_user, anna, sanne, offer, placement, partner_match)


def _offer(
    session: Session, coordinator: User, volunteer_id: int | None, family_id: int | None
) -> Offer:
    """Approve a buddy proposal at NOW: the match and its open offer."""
    proposal = Proposal(kind=ProposalKind.BUDDY, volunteer_id=volunteer_id, family_id=family_id)
    session.add(proposal)
    session.flush()
    match = approve_proposal(
        session,
        proposal_id=require_id(proposal),
        user=coordinator,
        today=TODAY,
        offer=OfferSettings(days=7),
        now=NOW,
    )
    return session.exec(select(Offer).where(Offer.match_id == match.id)).one()


def _placement(
    session: Session,
    coordinator: User,
    student: Student,
    school_id: int | None,
    group_id: int | None,
) -> Placement:
    """Approve a placement proposal at NOW: the placement waits for the student's answer."""
    proposal = Proposal(
        kind=ProposalKind.PLACEMENT,
        student_id=student.id,
        preschool_id=school_id,
        slots=[{"group_id": group_id, "half_day": "mon_am"}],
    )
    session.add(proposal)
    session.flush()
    placement = approve_proposal(
        session,
        proposal_id=require_id(proposal),
        user=coordinator,
        today=TODAY,
        offer=OfferSettings(days=7),
        now=NOW,
    )
    assert isinstance(placement, Placement)
    assert placement.answer_due == NOW + timedelta(days=7)
    placement.created_at = NOW
    session.add(placement)
    return placement


def mails(session: Session, recipient: str, subject_part: str) -> list[OutboxMail]:
    """The queued or sent mails to the recipient whose subject contains the words."""
    rows = session.exec(
        select(OutboxMail).where(OutboxMail.recipient == recipient).order_by(col(OutboxMail.id))
    ).all()
    return [mail for mail in rows if subject_part in mail.subject]
