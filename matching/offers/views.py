"""What a volunteer sees of their offers: only what they need to decide, and the family's
address and contact details once they accepted. Every view of a family leaves an audit event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from matching.models import Family, Match, Offer, Proposal, User, Volunteer
from matching.models.common import require_id
from matching.privacy.looked import record_look
from matching.vocab import AuditEntity, MatchStatus, OfferStatus, StartStage

# Offers the volunteer said no to (or let pass): the family is no longer theirs to read.
CLOSED_STATUSES = (OfferStatus.DECLINED, OfferStatus.EXPIRED)


@dataclass(frozen=True)
class OfferView:
    """One offer as the volunteer reads it; ``contact`` only after acceptance."""

    offer: Offer
    match: Match | None
    first_name: str | None
    district: str
    languages: list[str]
    common_half_days: list[str]
    situation: list[str]
    explanation: dict[str, Any]
    score: int
    contact: dict[str, str | None] | None
    stage: StartStage | None


def _stage(offer: Offer, match: Match | None) -> StartStage | None:
    """Where an accepted offer stands on its first meeting (None before acceptance)."""
    if offer.status != OfferStatus.ACCEPTED:
        return None
    if offer.met_on is not None:
        return StartStage.STARTED
    if offer.start_reported_at is not None:
        return StartStage.NOT_STARTED
    return StartStage.WAITING


def offer_view(session: Session, offer: Offer) -> OfferView:
    """The offer in the volunteer's terms (the caller checked it is theirs)."""
    family = session.get(Family, offer.family_id)
    volunteer = session.get(Volunteer, offer.volunteer_id)
    proposal = session.get(Proposal, offer.proposal_id)
    match = session.get(Match, offer.match_id)
    if family is None or volunteer is None or proposal is None:
        raise LookupError(f"offer {offer.id}: its family, volunteer or proposal is gone")
    common = [h for h in volunteer.availability if h in set(family.availability)]
    if offer.status in CLOSED_STATUSES or family.erased_at is not None:
        return _closed_view(offer, match, family.district if family.erased_at is None else "")
    contact = None
    running = match is not None and match.status == MatchStatus.ACTIVE
    if offer.status == OfferStatus.ACCEPTED and running:
        contact = {"postcode": family.postcode, "address": family.address, "phone": family.phone}
    return OfferView(
        offer=offer,
        match=match,
        first_name=family.first_name,
        district=family.district,
        languages=list(family.languages),
        common_half_days=common,
        situation=list(family.needs),
        explanation=dict(proposal.score_parts),
        score=proposal.score,
        contact=contact,
        stage=_stage(offer, match),
    )


def _closed_view(offer: Offer, match: Match | None, district: str) -> OfferView:
    """A declined or expired offer: its status, and nothing more of the family."""
    return OfferView(
        offer=offer, match=match, first_name=None, district=district, languages=[],
        common_half_days=[], situation=[], explanation={}, score=0, contact=None, stage=None,
    )  # fmt: skip


def look_at_family(session: Session, *, user: User, offer: Offer) -> None:
    """The audit event of a volunteer (or someone for them) opening an offer's family."""
    record_look(
        session, user=user, entity=AuditEntity.FAMILY, entity_id=offer.family_id,
        detail={"offer_id": offer.id, "contact": offer.status == OfferStatus.ACCEPTED},
    )  # fmt: skip


def offers_of(session: Session, volunteer_id: int) -> list[OfferView]:
    """The volunteer's offers, open first, then the newest."""
    rows = session.exec(
        select(Offer).where(Offer.volunteer_id == volunteer_id).order_by(col(Offer.id).desc())
    ).all()
    views = [offer_view(session, offer) for offer in rows]
    return sorted(views, key=lambda v: (v.offer.status != OfferStatus.OPEN, -require_id(v.offer)))


def earlier_matches(session: Session, volunteer_id: int) -> list[tuple[Match, Family]]:
    """The volunteer's running matches made before offers existed (no offer beside them)."""
    offered = select(Offer.match_id)
    rows = session.exec(
        select(Match, Family)
        .join(Family, col(Family.id) == col(Match.family_id))
        .where(
            Match.volunteer_id == volunteer_id,
            Match.status == MatchStatus.ACTIVE,
            col(Match.id).not_in(offered),
        )
        .order_by(col(Match.start_date))
    ).all()
    return [(match, family) for match, family in rows]
