"""An organisation's side of the volunteer loop, for its own people only: invite its
volunteers, record answers and first meetings, see its gaps and fill one now."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from matching.models import Volunteer
from matching.people import scoping
from web.auth.users import signed_in
from web.database import db_session
from web.organisation import bp
from web.portal.loop import STEPS, Step, answer, fill_now, invite, loop_page
from web.volunteer.labels import volunteer_labels


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
    page = loop_page(signed_in().organisation_id)
    return render_template(
        "organisation/offers.html", prefix="organisation", **page, **volunteer_labels()
    )


@bp.post(f"/offers/<int:offer_id>/{STEPS}")
def offer_step(offer_id: int, step: str) -> ResponseReturnValue:
    """Record an answer or a first-meeting report for one of its volunteers."""
    answer(offer_id, Step(step), signed_in().organisation_id)
    return redirect(url_for("organisation.offers"))


@bp.post("/gaps/<int:family_id>/fill")
def fill_gap(family_id: int) -> ResponseReturnValue:
    """Run a repair for one of its families now."""
    fill_now(family_id, signed_in().organisation_id)
    return redirect(url_for("organisation.offers"))
