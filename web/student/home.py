"""The student's home: their placement (confirmed or proposed), profile and calendar link."""

from __future__ import annotations

from flask import render_template, url_for
from flask.typing import ResponseReturnValue

from matching.models import Organisation, Student
from matching.students.placement import placements_of
from matching.students.profile import preschool_names
from web.auth.users import signed_in
from web.database import db_session
from web.student import bp


@bp.route("/")
def home() -> ResponseReturnValue:
    """The signed-in student's placement, profile, half-days and calendar subscription."""
    user = signed_in()
    session = db_session()
    student = session.get(Student, user.student_id) if user.student_id is not None else None
    if student is None:
        return render_template("student/home.html", student=None)
    feed_url = (
        url_for("feed.calendar", token=student.calendar_token, _external=True)
        if student.calendar_token
        else None
    )
    return render_template(
        "student/home.html",
        student=student,
        institution=session.get(Organisation, student.organisation_id),
        placements=placements_of(session, student),
        preferred_preschools=preschool_names(session, student.preferred_preschools),
        feed_url=feed_url,
    )
