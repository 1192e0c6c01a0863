"""Following trajectories: the list (overdue check-ins first), one trajectory, check-ins, ending."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlmodel import Session
from wtforms import Field

from matching.decisions.lifecycle import LifecycleError
from matching.trajectories.actions import (
    CHECK_IN_EVERY,
    FIRST_CHECK_IN_AFTER,
    add_check_in,
    end_trajectory,
)
from matching.trajectories.views import (
    ended_trajectories,
    running_trajectories,
    trajectory_detail,
)
from web.auth.users import signed_in
from web.database import db_session
from web.messages import error_message
from web.organisation import bp
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


def _page(match_id: int, submitted: CheckInForm | EndForm | None = None) -> ResponseReturnValue:
    """One trajectory with its check-ins and the forms to add one or to end it."""
    detail = trajectory_detail(
        db_session(), organisation_id=signed_in().organisation_id, match_id=match_id, today=today()
    )
    check_in = submitted if isinstance(submitted, CheckInForm) else None
    end = submitted if isinstance(submitted, EndForm) else None
    return render_template(
        "organisation/trajectory.html",
        detail=detail,
        check_in_form=check_in or CheckInForm(on=today(), formdata=None, prefix=CHECK_IN),
        end_form=end or EndForm(on=today(), formdata=None, prefix=END),
        rule=RULE_WEEKS,
    )


def _submit(
    match_id: int,
    form: CheckInForm | EndForm,
    refused: Field,
    write: Callable[[Session, int], object],
    done: tuple[str, str],
) -> ResponseReturnValue:
    """Write a trajectory's submitted form, then say so and go on; refused, the page again."""
    session = db_session()
    organisation_id = signed_in().organisation_id
    trajectory_detail(session, organisation_id=organisation_id, match_id=match_id, today=today())
    if not form.validate_on_submit():
        return _page(match_id, form)
    try:
        write(session, organisation_id)
    except LifecycleError as error:
        session.rollback()
        refused.errors = [error_message(error)]
        return _page(match_id, form)
    session.commit()
    message, then = done
    flash(message, "success")
    return redirect(then)


@bp.route("/trajectories/<id:match_id>")
def trajectory(match_id: int) -> ResponseReturnValue:
    """One of the organisation's trajectories; another organisation's is not found."""
    return _page(match_id)


@bp.route("/trajectories/<id:match_id>/check-ins", methods=["POST"])
def new_check_in(match_id: int) -> ResponseReturnValue:
    """Add a check-in with a date and a short note."""
    form = CheckInForm(prefix=CHECK_IN)
    return _submit(
        match_id,
        form,
        form.on,
        lambda session, organisation_id: add_check_in(
            session,
            organisation_id=organisation_id,
            match_id=match_id,
            user=acting_user(),
            on=form.on.data,
            note=form.note.data or "",
            today=today(),
        ),
        (_("The check-in is saved."), url_for("organisation.trajectory", match_id=match_id)),
    )


@bp.route("/trajectories/<id:match_id>/end", methods=["POST"])
def end(match_id: int) -> ResponseReturnValue:
    """End the trajectory with a reason; the buddy is free for a new one."""
    form = EndForm(prefix=END)
    return _submit(
        match_id,
        form,
        form.reason,
        lambda session, organisation_id: end_trajectory(
            session,
            organisation_id=organisation_id,
            match_id=match_id,
            user=acting_user(),
            on=form.on.data,
            reason=form.reason.data or "",
            note=form.note.data or "",
            today=today(),
        ),
        (
            _("The trajectory has ended; the buddy is free for a new one."),
            url_for("organisation.trajectories"),
        ),
    )
