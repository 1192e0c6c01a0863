"""The student's forms; Flask-WTF adds the CSRF token to each."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SubmitField
from wtforms.validators import DataRequired, Length

from web.portal.fields import (
    LanguagesField,
    MultiCheckboxField,
    district_choices,
    half_day_choices,
)


class ProfileForm(FlaskForm):
    """Languages, preferred districts, the half-days of the week and the period."""

    languages = LanguagesField(
        _l("Languages you speak"),
        validators=[DataRequired(), Length(max=300)],
        description=_l("Names or codes, separated by commas, e.g. Nederlands, Arabisch."),
    )
    preferred_districts = MultiCheckboxField(_l("Preferred districts"))
    availability = MultiCheckboxField(_l("Half-days you can work"))
    period_start = DateField(_l("Placement from"), validators=[DataRequired()])
    period_end = DateField(_l("Placement until"), validators=[DataRequired()])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.preferred_districts.choices = district_choices()
        self.availability.choices = half_day_choices()


class CalendarForm(FlaskForm):
    """Make, renew or revoke the calendar link: a POST with a CSRF token."""
