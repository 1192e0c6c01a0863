"""The volunteer loop as coordinators and organisations handle it: invite volunteers, answer
an offer for a volunteer without an account, report the first meeting, see the gaps and fill
one now, and the funnel. ``organisation_id`` None is the coordinator (everyone)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from flask import current_app, flash, url_for
from flask_babel import gettext as _
from sqlmodel import col, select

from matching.errors import DomainError
from matching.models import Family, Offer, Volunteer
from matching.offers.answers import accept_offer, decline_offer
from matching.offers.fill import open_gaps, request_fill
from matching.offers.funnel import funnel
from matching.offers.making import LoopSettings, OfferSettings
from matching.offers.started import confirm_met, report_not_started, unconfirmed_starts
from matching.vocab import OfferStatus
from matching.volunteers.invitations import invite_many, invited_ids
from matching.volunteers.profile import flagged_volunteers
from web.auth.clock import now
from web.coordinator.common import wake_executor
from web.database import db_session
from web.messages import INVITE_LABELS, error_message, fill
from web.portal.dates import today
from web.portal.users import acting_user
from web.volunteer.forms import AcceptForm, DeclineForm, MetForm, NotStartedForm


def loop_settings() -> LoopSettings:
    """The app's volunteer-loop periods."""
    found: LoopSettings = current_app.config["KANSRIJK_SETTINGS"].loop
    return found


def offer_settings() -> OfferSettings:
    """How long an offer stays open, and the portal link its mail carries."""
    return OfferSettings(
        days=loop_settings().offer_days, portal_url=url_for("volunteer.home", _external=True)
    )


def invite(volunteer_ids: Iterable[int], organisation_id: int | None) -> None:
    """Invite the chosen volunteers; say how many went out and why any did not."""
    session = db_session()
    invited, refused = invite_many(
        session, volunteer_ids=volunteer_ids, inviter=acting_user(), now=now(),
        hours=loop_settings().invite_hours, organisation_id=organisation_id,
        link_for=lambda token: url_for("auth.reset_password", token=token, _external=True),
    )  # fmt: skip
    session.commit()
    if invited:
        wake_executor()
        flash(_("Invitations sent: %(num)s.", num=len(invited)), "success")
    for one in refused:
        flash(fill(INVITE_LABELS[one.code], {"name": one.name}), "error")


def loop_page(organisation_id: int | None) -> dict[str, Any]:
    """What the offers page shows: gaps, open offers, starts not confirmed, the funnel."""
    session = db_session()
    settings = loop_settings()
    statement = (
        select(Offer, Family, Volunteer)
        .join(Family, col(Family.id) == col(Offer.family_id))
        .join(Volunteer, col(Volunteer.id) == col(Offer.volunteer_id))
        .where(Offer.status == OfferStatus.OPEN)
        .order_by(col(Offer.expires_at))
    )
    if organisation_id is not None:
        statement = statement.where(Offer.organisation_id == organisation_id)
    open_rows = session.exec(statement).all()
    return {
        "gaps": open_gaps(session, organisation_id),
        "open_offers": open_rows,
        "with_account": invited_ids(session, [v.id or 0 for _, _, v in open_rows]),
        "unconfirmed": unconfirmed_starts(
            session, now=now(), days=settings.start_confirm_days, organisation_id=organisation_id
        ),
        "changed": flagged_volunteers(session, organisation_id),
        "funnel": funnel(session, organisation_id),
        "confirm_days": settings.start_confirm_days,
        "accept_form": AcceptForm(),
        "decline_form": DeclineForm(),
        "met_form": MetForm(),
        "not_started_form": NotStartedForm(),
    }


def _finish(error: DomainError | None, message: str) -> None:
    """Commit and say so, or roll back and say why."""
    session = db_session()
    if error is None:
        session.commit()
        flash(message, "success")
    else:
        session.rollback()
        flash(error_message(error), "error")


class Step(StrEnum):
    """What someone records for a volunteer on an offer (the last part of its URL)."""

    ACCEPT = "accept"
    DECLINE = "decline"
    MET = "met"
    GONE = "not-started"


STEPS = '<any(accept, decline, met, "not-started"):step>'


def answer(offer_id: int, step: Step, organisation_id: int | None) -> None:
    """Record an answer or a first-meeting report for a volunteer; the form's fields come
    from the request."""
    session, user, moment = db_session(), acting_user(), now()
    scope = {"organisation_id": organisation_id}
    try:
        if step == Step.ACCEPT and AcceptForm().validate_on_submit():
            accept_offer(session, offer_id=offer_id, user=user, now=moment, **scope)
            return _finish(None, _("The offer is accepted for the volunteer."))
        if step == Step.DECLINE and (form := DeclineForm()).validate_on_submit():
            reason, note = form.reason.data or "", form.note.data or ""
            decline_offer(session, offer_id=offer_id, user=user, now=moment,
                          reason=reason, note=note, **scope)  # fmt: skip
            return _finish(None, _("The offer is declined for the volunteer."))
        if step == Step.MET and (met := MetForm()).validate_on_submit() and met.met_on.data:
            confirm_met(session, offer_id=offer_id, user=user, met_on=met.met_on.data,
                        now=moment, **scope)  # fmt: skip
            return _finish(None, _("The first meeting is recorded."))
        if step == Step.GONE and (gone := NotStartedForm()).validate_on_submit():
            report_not_started(session, offer_id=offer_id, user=user, now=moment,
                               note=gone.note.data or "", **scope)  # fmt: skip
            return _finish(None, _("The match is ended: it did not start."))
    except DomainError as error:
        return _finish(error, "")
    flash(_("Please fill in the form completely."), "error")
    return None


def fill_now(family_id: int, organisation_id: int | None) -> None:
    """Ask for a repair run for the family of a gap, and wake the executor."""
    from matching.runs.requests import RunBusy

    session = db_session()
    try:
        request_fill(session, family_id=family_id, user=acting_user(), as_of=today(), now=now(),
                     organisation_id=organisation_id)  # fmt: skip
    except RunBusy:
        session.rollback()
        flash(_("Another run is waiting or running; try again when it is done."), "error")
        return
    except DomainError as error:
        return _finish(error, "")
    session.commit()
    wake_executor()
    flash(_("A repair run for this family has started; its proposal appears on the review page."),
          "success")  # fmt: skip
    return None
