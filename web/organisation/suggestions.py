"""Ranked buddy suggestions for one mother, and assigning one (which starts a trajectory)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.buddies.suggestions import suggest_buddies
from matching.decisions.lifecycle import LifecycleError
from matching.models import Family, Volunteer
from matching.models.common import require_id
from matching.people import scoping
from matching.trajectories.actions import assign_buddy
from matching.trajectories.capacity import year_capacity
from web.auth.users import signed_in
from web.database import db_session
from web.messages import error_message
from web.organisation import bp
from web.organisation.trajectory_forms import AssignForm
from web.portal.dates import today
from web.portal.loop import offer_settings
from web.portal.users import acting_user


@bp.route("/families/<id:family_id>/suggestions")
def suggestions(family_id: int) -> ResponseReturnValue:
    """The organisation's free buddies who may be matched with this family, best first."""
    organisation_id = signed_in().organisation_id
    session = db_session()
    found = suggest_buddies(
        session, organisation_id=organisation_id, family_id=family_id, as_of=today()
    )
    return render_template(
        "organisation/suggestions.html",
        found=found,
        running=scoping.active_matches_of(
            session, organisation_id=organisation_id, family_id=family_id
        ),
        capacity=year_capacity(session, organisation_id=organisation_id, today=today()),
        form=AssignForm(start_date=today()),
    )


@bp.route("/families/<id:family_id>/assign", methods=["POST"])
def assign(family_id: int) -> ResponseReturnValue:
    """Assign a suggested buddy: a proposal approved at once, and the trajectory starts."""
    organisation_id = signed_in().organisation_id
    session = db_session()
    scoping.get_owned(session, table=Family, row_id=family_id, organisation_id=organisation_id)
    form = AssignForm()
    back = redirect(url_for("organisation.suggestions", family_id=family_id))
    if not form.validate_on_submit():
        flash(_("Choose a buddy and a start date."), "error")
        return back
    volunteer = scoping.get_owned(
        session, table=Volunteer, row_id=form.volunteer_id.data, organisation_id=organisation_id
    )
    try:
        match = assign_buddy(
            session,
            organisation_id=organisation_id,
            family_id=family_id,
            volunteer_id=require_id(volunteer),
            user=acting_user(),
            start=form.start_date.data,
            today=today(),
            offer=offer_settings(),
        )
    except LifecycleError as error:
        session.rollback()
        flash(error_message(error), "error")
        return back
    session.commit()
    started = _("%(name)s is the buddy now; the trajectory has started.", name=volunteer.name)
    flash(started, "success")
    capacity = year_capacity(session, organisation_id=organisation_id, today=today())
    if capacity.capacity is not None and capacity.started > capacity.capacity:
        flash(_("This year's places were already all used."), "info")
    return redirect(url_for("organisation.trajectory", match_id=match.id))
