"""The student's private calendar link: make it, renew it (the old one stops), revoke it."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask import session as browser_session
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.students.calendar_token import issue_token, revoke_token
from matching.students.profile import own_student
from web.auth.users import signed_in
from web.database import db_session
from web.portal.users import acting_user
from web.student import bp
from web.student.forms import CalendarForm

FEED_TOKEN_KEY = "calendar_feed_token"


@bp.route("/calendar", methods=["POST"])
def calendar_link() -> ResponseReturnValue:
    """Make a new private calendar link; an earlier link stops working."""
    if not CalendarForm().validate_on_submit():
        abort(400)
    session = db_session()
    student = own_student(session, signed_in().student_id)
    token = issue_token(session, student=student, user=acting_user())
    session.commit()
    # Only the digest is stored: this browser keeps the link to show it again (home.py).
    browser_session[FEED_TOKEN_KEY] = token
    flash(_("Your calendar link is ready. Add it to your calendar app."), "success")
    return redirect(url_for("student.home", _anchor="calendar"))


@bp.route("/calendar/revoke", methods=["POST"])
def revoke_calendar_link() -> ResponseReturnValue:
    """Stop the private calendar link."""
    if not CalendarForm().validate_on_submit():
        abort(400)
    session = db_session()
    student = own_student(session, signed_in().student_id)
    revoke_token(session, student=student, user=acting_user())
    session.commit()
    browser_session.pop(FEED_TOKEN_KEY, None)
    flash(_("Your calendar link no longer works."), "success")
    return redirect(url_for("student.home", _anchor="calendar"))
