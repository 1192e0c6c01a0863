"""The volunteer keeps their profile; a change during a match is saved and flagged."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from matching.models import Volunteer
from matching.people.language_input import language_text
from matching.people.validation import InvalidRecord
from matching.volunteers.profile import own_volunteer, update_volunteer_profile
from web.auth.users import signed_in
from web.database import db_session
from web.i18n import DEFAULT_LOCALE
from web.portal.record_errors import attach_errors
from web.portal.users import acting_user
from web.volunteer import bp
from web.volunteer.forms import ProfileForm


def _fill(form: ProfileForm, volunteer: Volunteer) -> None:
    """Show the stored profile in the form."""
    form.languages.data = language_text(volunteer.languages, str(get_locale() or DEFAULT_LOCALE))
    form.availability.data = list(volunteer.availability)
    form.max_travel_km.data = Decimal(str(volunteer.max_travel_km))
    form.preferred_districts.data = list(volunteer.preferred_districts)
    form.vog_valid_until.data = volunteer.vog_valid_until


def _changes(form: ProfileForm) -> dict[str, Any]:
    """The profile fields as the domain takes them."""
    return {
        "languages": form.languages.codes(),
        "availability": form.availability.data or [],
        "max_travel_km": float(form.max_travel_km.data or 0),
        "preferred_districts": form.preferred_districts.data or [],
        "vog_valid_until": form.vog_valid_until.data,
    }


@bp.route("/profile", methods=["GET", "POST"])
def profile() -> ResponseReturnValue:
    """Edit languages, half-days, travel, districts and VOG date; errors beside their field."""
    session = db_session()
    volunteer = own_volunteer(session, signed_in().volunteer_id)
    form = ProfileForm()
    if not form.is_submitted():
        _fill(form, volunteer)
    elif form.validate():
        try:
            change = update_volunteer_profile(
                session, volunteer=volunteer, changes=_changes(form), user=acting_user()
            )
        except InvalidRecord as error:
            session.rollback()
            attach_errors(form, error)
        else:
            session.commit()
            flash(_("Your profile is saved."), "success")
            if change.flagged:
                flash(_("You have a running match: your coordinator will look at the change."))
            return redirect(url_for("volunteer.home"))
    return render_template("volunteer/profile.html", form=form, volunteer=volunteer)
