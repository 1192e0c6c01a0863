"""The gap a decline or an expiry leaves, and "fill now": a repair run for that one family.

The repair is a MatchingRun like any other (requested as a row, executed by the same
executor under the same one-run-at-a-time lease) with ``family_id`` set; matching/offers/
repair.py is what the executor does with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, func, select

from matching.audit.trail import user_event
from matching.errors import OfferProblem
from matching.models import Family, MatchingRun, Offer, User, Volunteer
from matching.models.common import require_id, utcnow
from matching.offers.answers import OfferError
from matching.runs.execution import request_run, take_run_lock
from matching.runs.requests import RunBusy, active_run
from matching.vocab import (
    AuditAction,
    AuditEntity,
    FamilyStatus,
    OfferStatus,
    RunTrigger,
)

GAP_STATUSES = (OfferStatus.DECLINED, OfferStatus.EXPIRED)


@dataclass(frozen=True)
class Gap:
    """A family back in the pool after an offer was declined or expired."""

    offer: Offer
    family: Family
    volunteer: Volunteer
    repair_requested: bool


def open_gaps(session: Session, organisation_id: int | None = None) -> list[Gap]:
    """Families waiting again after their latest offer was declined or expired, newest first
    (the organisation's only, when given)."""
    statement = (
        select(Offer, Family, Volunteer)
        .join(Family, col(Family.id) == col(Offer.family_id))
        .join(Volunteer, col(Volunteer.id) == col(Offer.volunteer_id))
        .where(col(Offer.status).in_(GAP_STATUSES), Family.status == FamilyStatus.WAITING)
        .order_by(col(Offer.id).desc())
    )
    if organisation_id is not None:
        statement = statement.where(Offer.organisation_id == organisation_id)
    gaps: dict[int, Gap] = {}
    newest = _newest_offer_per_family(session)
    for offer, family, volunteer in session.exec(statement).all():
        if newest.get(require_id(family)) == offer.id and family.id not in gaps:
            gaps[require_id(family)] = Gap(
                offer, family, volunteer, offer.gap_filled_at is not None
            )
    return list(gaps.values())


def _newest_offer_per_family(session: Session) -> dict[int, int]:
    """The id of each family's newest offer (one grouped query)."""
    rows = session.exec(
        select(Offer.family_id, func.max(Offer.id)).group_by(col(Offer.family_id))
    ).all()
    return {int(family): int(newest) for family, newest in rows if newest is not None}


def request_fill(
    session: Session,
    *,
    family_id: int,
    user: User,
    as_of: date,
    now: datetime | None = None,
    organisation_id: int | None = None,
) -> MatchingRun:
    """Ask for a repair run for the family of a gap (RunBusy while another run waits or runs)."""
    gap = next((g for g in open_gaps(session, organisation_id) if g.family.id == family_id), None)
    if gap is None:
        raise OfferError(OfferProblem.NOT_A_GAP, f"family {family_id} is no open gap")
    take_run_lock(session, f"fill request by user {user.id}")
    busy = active_run(session)
    if busy is not None:
        raise RunBusy(require_id(busy))
    run = request_run(session, trigger=RunTrigger.USER, as_of=as_of, requested_by_id=user.id)
    run.family_id = family_id
    gap.offer.gap_filled_at = now or utcnow()
    session.add_all([run, gap.offer])
    user_event(
        session, user, AuditEntity.FAMILY, family_id, AuditAction.CREATED, {"fill_run": run.id}
    )
    return run
