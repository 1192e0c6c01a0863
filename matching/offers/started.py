"""Did the match really start? After acceptance it waits for the first meeting: the
volunteer or the organisation confirms "we have met" (a date) or reports that it did not
start, which ends the match and puts the family back in the pool."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from matching.audit.trail import user_event
from matching.decisions.lifecycle import end_match
from matching.errors import OfferProblem
from matching.models import Family, Match, Offer, User, Volunteer
from matching.models.common import require_id
from matching.offers.answers import OfferError, get_offer
from matching.vocab import AuditAction, AuditEntity, EndReason, MatchStatus, OfferStatus


def _require_waiting(offer: Offer) -> None:
    """Only an accepted offer whose first meeting was not reported yet."""
    if offer.status != OfferStatus.ACCEPTED:
        raise OfferError(OfferProblem.NOT_ACCEPTED, f"offer {offer.id} is {offer.status}",
                         status=offer.status)  # fmt: skip
    if offer.start_reported_at is not None:
        raise OfferError(OfferProblem.ALREADY_REPORTED, f"offer {offer.id}: already reported")


def confirm_met(
    session: Session,
    *,
    offer_id: int,
    user: User,
    met_on: date,
    now: datetime,
    volunteer_id: int | None = None,
    organisation_id: int | None = None,
) -> Offer:
    """ "We have met" on a date between the offer and today: the match has started."""
    offer = get_offer(session, offer_id, volunteer_id=volunteer_id, organisation_id=organisation_id)
    _require_waiting(offer)
    if met_on < offer.offered_at.date():
        raise OfferError(OfferProblem.MET_BEFORE_ACCEPT, "met_on: before the offer")
    if met_on > now.date():
        raise OfferError(OfferProblem.MET_IN_FUTURE, "met_on: in the future")
    offer.met_on, offer.start_reported_at = met_on, now
    session.add(offer)
    detail = {"met_on": met_on.isoformat()}
    user_event(session, user, AuditEntity.OFFER, require_id(offer), AuditAction.STARTED, detail)
    return offer


def report_not_started(
    session: Session,
    *,
    offer_id: int,
    user: User,
    now: datetime,
    note: str = "",
    volunteer_id: int | None = None,
    organisation_id: int | None = None,
) -> Offer:
    """It never started: the match ends (reason not_started) and the family waits again."""
    offer = get_offer(session, offer_id, volunteer_id=volunteer_id, organisation_id=organisation_id)
    _require_waiting(offer)
    offer.start_reported_at = now
    session.add(offer)
    user_event(session, user, AuditEntity.OFFER, require_id(offer), AuditAction.NOT_STARTED)
    match = session.get(Match, offer.match_id)
    if match is not None and match.status == MatchStatus.ACTIVE:
        on = max(now.date(), match.start_date)
        end_match(session, match=match, user=user, on=on, reason=EndReason.NOT_STARTED, note=note)
    return offer


@dataclass(frozen=True)
class Unconfirmed:
    """An accepted match whose first meeting nobody confirmed in time."""

    offer: Offer
    family: Family
    volunteer: Volunteer
    days_waiting: int


def unconfirmed_starts(
    session: Session, *, now: datetime, days: int, organisation_id: int | None = None
) -> list[Unconfirmed]:
    """Running matches accepted more than ``days`` ago without a first meeting reported."""
    statement = (
        select(Offer, Family, Volunteer)
        .join(Match, col(Match.id) == col(Offer.match_id))
        .join(Family, col(Family.id) == col(Offer.family_id))
        .join(Volunteer, col(Volunteer.id) == col(Offer.volunteer_id))
        .where(
            Offer.status == OfferStatus.ACCEPTED,
            col(Offer.start_reported_at).is_(None),
            col(Offer.answered_at) <= now - timedelta(days=days),
            Match.status == MatchStatus.ACTIVE,
        )
        .order_by(col(Offer.answered_at))
    )
    if organisation_id is not None:
        statement = statement.where(Offer.organisation_id == organisation_id)
    rows = session.exec(statement).all()
    return [
        Unconfirmed(o, f, v, (now.date() - (o.answered_at or now).date()).days) for o, f, v in rows
    ]
