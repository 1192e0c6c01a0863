"""Making the offer when a buddy proposal is approved, and the mail that announces it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from matching.models import Family, Match, Offer, Proposal, User, Volunteer
from matching.models.common import require_id, utcnow
from matching.outbox.queue import enqueue_mail
from matching.outbox.texts import MailTemplate, mail_language, render_mail
from matching.vocab import Role

DEFAULT_OFFER_DAYS = 7
DEFAULT_START_CONFIRM_DAYS = 21
DEFAULT_INVITE_HOURS = 72


@dataclass(frozen=True)
class LoopSettings:
    """The volunteer loop's periods: an offer's answer time, the wait for the first meeting
    before the coordinator is told, and how long an invitation link works."""

    offer_days: int = DEFAULT_OFFER_DAYS
    start_confirm_days: int = DEFAULT_START_CONFIRM_DAYS
    invite_hours: int = DEFAULT_INVITE_HOURS


@dataclass(frozen=True)
class OfferSettings:
    """How long an offer stays open, and the portal's address for the mail (may be empty)."""

    days: int = DEFAULT_OFFER_DAYS
    portal_url: str = ""


def volunteer_account(session: Session, volunteer_id: int) -> User | None:
    """The active sign-in account of a volunteer, if they were invited and set a password."""
    return session.exec(
        select(User).where(
            User.volunteer_id == volunteer_id, User.role == Role.VOLUNTEER, col(User.active)
        )
    ).first()


def make_offer(
    session: Session,
    *,
    match: Match,
    proposal: Proposal,
    now: datetime | None = None,
    settings: OfferSettings | None = None,
) -> Offer:
    """Offer the approved pair to the volunteer: open until ``settings.days`` have passed."""
    settings = settings or OfferSettings()
    offered = now or utcnow()
    offer = Offer(
        match_id=require_id(match),
        proposal_id=require_id(proposal),
        volunteer_id=match.volunteer_id,
        family_id=match.family_id,
        organisation_id=match.organisation_id,
        offered_at=offered,
        expires_at=offered + timedelta(days=settings.days),
    )
    session.add(offer)
    session.flush()
    return offer


def announce_offer(
    session: Session,
    *,
    volunteer: Volunteer,
    family: Family,
    offer: Offer,
    start: date,
    portal_url: str,
) -> None:
    """Mail the volunteer: an offer to answer in the portal (with an account), or else the
    notice that the coordinator will be in touch (who then records the answer for them)."""
    if not volunteer.email:
        return
    language = mail_language(volunteer.languages)
    if volunteer_account(session, require_id(volunteer)) is None:
        text = render_mail(
            MailTemplate.MATCH_STARTED,
            language,
            name=volunteer.name,
            family=family.reference,
            start=start.isoformat(),
        )
    else:
        text = render_mail(
            MailTemplate.OFFER_MADE,
            language,
            name=volunteer.name,
            days=(offer.expires_at - offer.offered_at).days,
            link=portal_url,
        )
    enqueue_mail(session, recipient=volunteer.email, subject=text.subject, body=text.body)
