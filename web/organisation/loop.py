"""An organisation's side of the volunteer loop, for its own people only: invite its
volunteers, record answers and first meetings (addressed by its trajectory, as its other
pages are), see its gaps and fill one now. Another organisation's ids are not found (404)."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from sqlmodel import select

from matching.models import Family, Match, Offer, Volunteer
from matching.people import scoping
from matching.people.scoping import NotOwned
from web.auth.users import signed_in
from web.database import db_session
from web.organisation import bp
from web.portal.loop import Step, answer, fill_now, invite, loop_page
from web.volunteer.labels import volunteer_labels


def _offer_of(match_id: int) -> int:
    """The offer of one of the organisation's trajectories (NotOwned: 404)."""
    session = db_session()
    scoping.get_owned(
        session, table=Match, row_id=match_id, organisation_id=signed_in().organisation_id
    )
    offer = session.exec(select(Offer).where(Offer.match_id == match_id)).first()
    if offer is None or offer.id is None:
        raise NotOwned(Offer, None)
    return offer.id


def _step(match_id: int, step: Step) -> ResponseReturnValue:
    """Record the step on the trajectory's offer, back to the offers page."""
    answer(_offer_of(match_id), step, signed_in().organisation_id)
    return redirect(url_for("organisation.offers"))


def _step_url(offer: Offer, step: str) -> str:
    """The route of a step for an offer, by its trajectory."""
    return url_for(f"organisation.offer_{step.replace('-', '_')}", match_id=offer.match_id)


@bp.post("/volunteers/<id:volunteer_id>/invite")
def invite_volunteer(volunteer_id: int) -> ResponseReturnValue:
    """Invite one of the organisation's volunteers to sign in (another's: 404)."""
    organisation_id = signed_in().organisation_id
    scoping.get_owned(
        db_session(), table=Volunteer, row_id=volunteer_id, organisation_id=organisation_id
    )
    invite([volunteer_id], organisation_id)
    return redirect(url_for("organisation.home", _anchor="volunteers"))


@bp.route("/offers")
def offers() -> ResponseReturnValue:
    """The organisation's gaps, open offers and matches that did not confirm a start."""
    return render_template(
        "organisation/offers.html",
        **loop_page(signed_in().organisation_id),
        **volunteer_labels(),
        step_url=_step_url,
        fill_url=lambda family_id: url_for("organisation.fill_gap", family_id=family_id),
    )


@bp.post("/trajectories/<id:match_id>/offer/accept")
def offer_accept(match_id: int) -> ResponseReturnValue:
    """The volunteer accepted (recorded for them)."""
    return _step(match_id, Step.ACCEPT)


@bp.post("/trajectories/<id:match_id>/offer/decline")
def offer_decline(match_id: int) -> ResponseReturnValue:
    """The volunteer declined, with a reason (recorded for them)."""
    return _step(match_id, Step.DECLINE)


@bp.post("/trajectories/<id:match_id>/offer/met")
def offer_met(match_id: int) -> ResponseReturnValue:
    """ "We have met" on a date."""
    return _step(match_id, Step.MET)


@bp.post("/trajectories/<id:match_id>/offer/not-started")
def offer_not_started(match_id: int) -> ResponseReturnValue:
    """It did not start: the trajectory ends and the family waits again."""
    return _step(match_id, Step.GONE)


@bp.post("/families/<id:family_id>/fill")
def fill_gap(family_id: int) -> ResponseReturnValue:
    """Run a repair for one of its families now (another's: 404)."""
    organisation_id = signed_in().organisation_id
    scoping.get_owned(db_session(), table=Family, row_id=family_id, organisation_id=organisation_id)
    fill_now(family_id, organisation_id)
    return redirect(url_for("organisation.offers"))
