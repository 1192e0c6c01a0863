"""The student's home: their own profile."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from matching.models import Organisation, Student
from web.auth.users import signed_in
from web.database import db_session
from web.student import bp


@bp.route("/")
def home() -> ResponseReturnValue:
    """The signed-in student's profile: programme, languages, half-days, period, districts."""
    user = signed_in()
    session = db_session()
    student = session.get(Student, user.student_id) if user.student_id is not None else None
    institution = session.get(Organisation, student.organisation_id) if student else None
    return render_template("student/home.html", student=student, institution=institution)
