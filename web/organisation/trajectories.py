"""Following trajectories: the list (overdue check-ins first), one trajectory, check-ins, ending."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.lifecycle import LifecycleError
from matching.trajectories import CHECK_IN_EVERY, FIRST_CHECK_IN_AFTER, add_check_in, end_trajectory
from matching.trajectory_views import (
    ended_trajectories,
    running_trajectories,
    trajectory_detail,
)
from web.auth.users import signed_in
from web.database import db_session
from web.organisation import bp
from web.organisation.messages import refusal
from web.organisation.trajectory_forms import CheckInForm, EndForm
from web.portal.dates import today
from web.portal.users import acting_user

# Both forms share a page: prefixes keep their field names and ids apart.
CHECK_IN, END = "check_in", "end"
RULE_WEEKS = {"first": FIRST_CHECK_IN_AFTER.days // 7, "every": CHECK_IN_EVERY.days // 7}


@bp.route("/trajectories")
def trajectories() -> ResponseReturnValue:
    """Running trajectories with their check-in state, and the ones ended lately."""
    organisation_id = signed_in().organisation_id
    session = db_session()
    return render_template(
        "organisation/trajectories.html",
        running=running_trajectories(session, organisation_id=organisation_id, today=today()),
        ended=ended_trajectories(session, organisation_id=organisation_id, today=today()),
        rule=RULE_WEEKS,
    )


def _page(
    match_id: int, check_in: CheckInForm | None = None, end: EndForm | None = None
) -> ResponseReturnValue:
    """One trajectory with its check-ins and the forms to add one or to end it."""
    detail = trajectory_detail(
        db_session(), organisation_id=signed_in().organisation_id, match_id=match_id, today=today()
    )
    return render_template(
        "organisation/trajectory.html",
        detail=detail,
        check_in_form=check_in or CheckInForm(on=today(), formdata=None, prefix=CHECK_IN),
        end_form=end or EndForm(on=today(), formdata=None, prefix=END),
        rule=RULE_WEEKS,
    )


@bp.route("/trajectories/<int:match_id>")
def trajectory(match_id: int) -> ResponseReturnValue:
    """One of the organisation's trajectories; another organisation's is not found."""
    return _page(match_id)


@bp.route("/trajectories/<int:match_id>/check-ins", methods=["POST"])
def new_check_in(match_id: int) -> ResponseReturnValue:
    """Add a check-in with a date and a short note."""
    session = db_session()
    organisation_id = signed_in().organisation_id
    trajectory_detail(session, organisation_id=organisation_id, match_id=match_id, today=today())
    form = CheckInForm(prefix=CHECK_IN)
    if not form.validate_on_submit():
        return _page(match_id, check_in=form)
    try:
        add_check_in(
            session,
            organisation_id=organisation_id,
            match_id=match_id,
            user=acting_user(),
            on=form.on.data,
            note=form.note.data or "",
            today=today(),
        )
    except LifecycleError as error:
        session.rollback()
        form.on.errors = [refusal(error)]
        return _page(match_id, check_in=form)
    session.commit()
    flash(_("The check-in is saved."), "success")
    return redirect(url_for("organisation.trajectory", match_id=match_id))


@bp.route("/trajectories/<int:match_id>/end", methods=["POST"])
def end(match_id: int) -> ResponseReturnValue:
    """End the trajectory with a reason; the buddy is free for a new one."""
    session = db_session()
    organisation_id = signed_in().organisation_id
    trajectory_detail(session, organisation_id=organisation_id, match_id=match_id, today=today())
    form = EndForm(prefix=END)
    if not form.validate_on_submit():
        return _page(match_id, end=form)
    try:
        end_trajectory(
            session,
            organisation_id=organisation_id,
            match_id=match_id,
            user=acting_user(),
            on=form.on.data,
            reason=form.reason.data or "",
            note=form.note.data or "",
            today=today(),
        )
    except LifecycleError as error:
        session.rollback()
        form.reason.errors = [refusal(error)]
        return _page(match_id, end=form)
    session.commit()
    flash(_("The trajectory has ended; the buddy is free for a new one."), "success")
    return redirect(url_for("organisation.trajectories"))
