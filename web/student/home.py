"""The student's home: their placement (confirmed or proposed), profile and calendar link."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import render_template, url_for
from flask import session as browser_session
from flask.typing import ResponseReturnValue
from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from matching import clock
from matching.models import Organisation, Student
from matching.students.calendar_token import token_digest
from matching.students.placement import placements_of
from matching.students.profile import preschool_names
from web.auth.users import signed_in
from web.database import db_session
from web.student import bp
from web.student.calendar import FEED_TOKEN_KEY
from web.student.forms import ConfirmForm

# Built once: the page opens on every visit of every student.
_STUDENT_AND_INSTITUTION = (
    select(Student, Organisation)
    .join(Organisation, col(Organisation.id) == col(Student.organisation_id))
    .where(col(Student.id) == bindparam("student_id"))
)


@bp.route("/")
def home() -> ResponseReturnValue:
    """The signed-in student's placement, profile, half-days and calendar subscription."""
    user = signed_in()
    session = db_session()
    found = _student_and_institution(session, user.student_id)
    if found is None:
        return render_template("student/home.html", student=None)
    student, institution = found
    feed_url = _feed_url(student)
    return render_template(
        "student/home.html",
        student=student,
        institution=institution,
        placements=placements_of(session, student),
        preferred_preschools=preschool_names(session, student.preferred_preschools),
        feed_url=feed_url,
        feed_active=student.calendar_token is not None,
        confirm_form=ConfirmForm(),
        answer_due=_answer_due,
    )


def _student_and_institution(
    session: Session, student_id: int | None
) -> tuple[Student, Organisation] | None:
    """The student with their institution, in one query (this page opens on every visit)."""
    if student_id is None:
        return None
    row = session.exec(_STUDENT_AND_INSTITUTION, params={"student_id": student_id}).first()
    return (row[0], row[1]) if row is not None else None


def _answer_due(moment: datetime) -> date:
    """The day in Utrecht by which a placement must be answered (stored in UTC)."""
    return clock.today(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def _feed_url(student: Student) -> str | None:
    """The feed link when this browser made the current one (only its digest is stored)."""
    token = browser_session.get(FEED_TOKEN_KEY)
    if not isinstance(token, str) or student.calendar_token != token_digest(token):
        return None
    return url_for("feed.calendar", token=token, _external=True)
