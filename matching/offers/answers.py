"""Answers to an offer: accept, decline with a reason, or let it expire.

A decline or an expiry ends the match made at approval (the family waits again), and marks
its proposal declined or expired, which forbids the pair in later runs like a rejection.
``volunteer_id`` scopes an action to a volunteer's own offers, ``organisation_id`` to an
organisation's; a coordinator passes neither (and may answer for a volunteer without an
account, recorded as such).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from matching.audit.trail import record_event, user_event
from matching.decisions.lifecycle import end_match
from matching.errors import DomainError, OfferProblem
from matching.models import Match, Offer, Proposal, User
from matching.models.common import require_id
from matching.people.scoping import NotOwned
from matching.signin.policy import aware
from matching.vocab import (
    AuditAction,
    AuditEntity,
    DeclineReason,
    EndReason,
    MatchStatus,
    OfferStatus,
    ProposalStatus,
    Role,
)

NOTE_LIMIT = 500
EXPIRY_ACTOR = "offer expiry"


class OfferError(DomainError):
    """An answer or report the offer's state does not allow; ``code`` says why."""


def get_offer(
    session: Session,
    offer_id: int,
    *,
    volunteer_id: int | None = None,
    organisation_id: int | None = None,
) -> Offer:
    """The offer, if it is the volunteer's or the organisation's (when given), else NotOwned."""
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotOwned(Offer, offer_id)
    if volunteer_id is not None and offer.volunteer_id != volunteer_id:
        raise NotOwned(Offer, offer_id)
    if organisation_id is not None and offer.organisation_id != organisation_id:
        raise NotOwned(Offer, offer_id)
    return offer


def _require_open(offer: Offer, now: datetime) -> None:
    """Only an open offer whose time has not run out can be answered."""
    if offer.status != OfferStatus.OPEN:
        raise OfferError(
            OfferProblem.NOT_OPEN, f"offer {offer.id} is {offer.status}", status=offer.status
        )
    if aware(offer.expires_at) <= now:
        raise OfferError(
            OfferProblem.NOT_OPEN, f"offer {offer.id} has expired", status=OfferStatus.EXPIRED
        )


def _answer(
    session: Session,
    offer: Offer,
    user: User,
    status: OfferStatus,
    now: datetime,
    detail: dict[str, object],
) -> None:
    """Record the answer on the offer and in the audit trail (and who answered for whom)."""
    offer.status, offer.answered_at, offer.answered_by_id = status, now, user.id
    session.add(offer)
    if user.role != Role.VOLUNTEER:
        detail = {**detail, "on_behalf_of_volunteer": offer.volunteer_id}
    user_event(session, user, AuditEntity.OFFER, require_id(offer), AuditAction(status), detail)


def accept_offer(
    session: Session,
    *,
    offer_id: int,
    user: User,
    now: datetime,
    volunteer_id: int | None = None,
    organisation_id: int | None = None,
) -> Offer:
    """Accept: the match stays and now waits for its first meeting."""
    offer = get_offer(session, offer_id, volunteer_id=volunteer_id, organisation_id=organisation_id)
    _require_open(offer, now)
    _answer(session, offer, user, OfferStatus.ACCEPTED, now, {})
    return offer


def check_decline(reason: str, note: str) -> tuple[DeclineReason, str | None]:
    """The decline reason as a code from the list and the note trimmed, or OfferError."""
    try:
        code = DeclineReason(reason)
    except ValueError:
        raise OfferError(OfferProblem.UNKNOWN_REASON, f"reason: unknown {reason!r}") from None
    text = note.strip()
    if len(text) > NOTE_LIMIT:
        raise OfferError(OfferProblem.NOTE_TOO_LONG, "note: too long", limit=NOTE_LIMIT)
    return code, text or None


def decline_offer(
    session: Session,
    *,
    offer_id: int,
    user: User,
    now: datetime,
    reason: str,
    note: str = "",
    volunteer_id: int | None = None,
    organisation_id: int | None = None,
) -> Offer:
    """Decline with a reason from the list (and free text): the pair is forbidden from now
    on, the match ends and the family is back in the pool."""
    code, text = check_decline(reason, note)
    offer = get_offer(session, offer_id, volunteer_id=volunteer_id, organisation_id=organisation_id)
    _require_open(offer, now)
    offer.decline_code, offer.decline_note = code, text
    _answer(session, offer, user, OfferStatus.DECLINED, now, {"reason": code})
    _close(session, offer, user, now, ProposalStatus.DECLINED, EndReason.DECLINED, code)
    return offer


def expire_offers(session: Session, now: datetime) -> list[Offer]:
    """Expire every open offer whose time ran out, as a decline would (without a reason)."""
    due = session.exec(
        select(Offer)
        .where(Offer.status == OfferStatus.OPEN, col(Offer.expires_at) <= now)
        .order_by(col(Offer.id))
    ).all()
    for offer in due:
        offer.status = OfferStatus.EXPIRED
        session.add(offer)
        record_event(
            session,
            actor=EXPIRY_ACTOR,
            entity=AuditEntity.OFFER,
            entity_id=require_id(offer),
            action=AuditAction.EXPIRED,
        )
        _close(session, offer, None, now, ProposalStatus.EXPIRED, EndReason.OFFER_EXPIRED, "")
    return list(due)


def _close(
    session: Session,
    offer: Offer,
    user: User | None,
    now: datetime,
    proposal_status: ProposalStatus,
    reason: EndReason,
    note: str,
) -> None:
    """Forbid the pair (through its proposal) and end the match: the family waits again."""
    proposal = session.get(Proposal, offer.proposal_id)
    if proposal is not None:
        proposal.status = proposal_status
        session.add(proposal)
    match = session.get(Match, offer.match_id)
    if match is not None and match.status == MatchStatus.ACTIVE:
        on = max(now.date(), match.start_date)
        end_match(session, match=match, user=user, on=on, reason=reason, note=note)
