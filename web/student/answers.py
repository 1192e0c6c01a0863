"""The student answers an approved placement: confirm it, or decline with a reason and a note.

Like every student page the routes take no id: they act on the signed-in student's one
placement that waits for an answer.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.decisions.lifecycle import LifecycleError
from matching.models.common import utcnow
from matching.placement.answers import confirm_placement, decline_placement, own_pending
from web.auth.users import signed_in
from web.database import db_session
from web.messages import error_message
from web.portal.users import acting_user
from web.student import bp
from web.student.forms import ConfirmForm, DeclineForm


def _home() -> ResponseReturnValue:
    """Back to the placement on the student's home page."""
    return redirect(url_for("student.home", _anchor="placement"))


@bp.route("/placement/confirm", methods=["POST"])
def confirm() -> ResponseReturnValue:
    """Confirm one's placement that waits for an answer."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    session = db_session()
    try:
        confirm_placement(
            session, student_id=signed_in().student_id, user=acting_user(), now=utcnow()
        )
    except LifecycleError as error:
        session.rollback()
        flash(error_message(error), "error")
        return _home()
    session.commit()
    flash(_("Your placement is confirmed. See you there!"), "success")
    return _home()


@bp.route("/placement/decline", methods=["GET", "POST"])
def decline() -> ResponseReturnValue:
    """Decline one's placement with a reason (and a note); the pair is not proposed again."""
    session = db_session()
    try:
        placement = own_pending(session, student_id=signed_in().student_id)
    except LifecycleError as error:
        flash(error_message(error), "error")
        return _home()
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            decline_placement(
                session,
                student_id=signed_in().student_id,
                user=acting_user(),
                reason=form.reason.data or "",
                note=form.note.data or "",
                now=utcnow(),
            )
        except LifecycleError as error:
            session.rollback()
            form.note.errors = [*form.note.errors, error_message(error)]
        else:
            session.commit()
            flash(_("You declined this placement. Your coordinator looks for another."), "info")
            return _home()
    status = 422 if form.is_submitted() else 200
    return render_template("student/decline.html", form=form, placement=placement), status
