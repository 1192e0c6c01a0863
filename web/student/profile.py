"""The student keeps their profile; a change after placement is saved and flagged."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from matching.models import Student
from matching.people.language_input import language_text
from matching.people.validation import InvalidRecord
from matching.students.profile import own_student, preschool_choices, update_student_profile
from web.auth.users import signed_in
from web.database import db_session
from web.i18n import DEFAULT_LOCALE
from web.portal.record_errors import attach_errors
from web.portal.users import acting_user
from web.student import bp
from web.student.forms import ProfileForm


def _fill(form: ProfileForm, student: Student) -> None:
    """Show the stored profile in the form."""
    form.languages.data = language_text(student.languages, str(get_locale() or DEFAULT_LOCALE))
    form.preferred_districts.data = list(student.preferred_districts)
    form.preferred_preschools.data = list(student.preferred_preschools)
    form.availability.data = list(student.availability)
    form.period_start.data = student.period_start
    form.period_end.data = student.period_end


def _changes(form: ProfileForm) -> dict[str, Any]:
    """The profile fields as the domain takes them."""
    return {
        "languages": form.languages.codes(),
        "preferred_districts": form.preferred_districts.data or [],
        "preferred_preschools": form.preferred_preschools.data or [],
        "availability": form.availability.data or [],
        "period_start": form.period_start.data,
        "period_end": form.period_end.data,
    }


@bp.route("/profile", methods=["GET", "POST"])
def profile() -> ResponseReturnValue:
    """Edit languages, districts, preschools, half-days and period; errors appear beside
    their field."""
    session = db_session()
    student = own_student(session, signed_in().student_id)
    form = ProfileForm()
    form.set_preschools(preschool_choices(session))
    if not form.is_submitted():
        _fill(form, student)
    elif form.validate():
        try:
            change = update_student_profile(
                session, student=student, changes=_changes(form), user=acting_user()
            )
        except InvalidRecord as error:
            session.rollback()
            attach_errors(form, error)
        else:
            session.commit()
            flash(_("Your profile is saved."), "success")
            if change.flagged:
                flash(_("Your placement may no longer fit: your coordinator will look at it."))
            return redirect(url_for("student.home"))
    return render_template("student/profile.html", form=form, student=student)
