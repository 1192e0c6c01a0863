"""The student's forms; Flask-WTF adds the CSRF token to each."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from web.portal.fields import (
    LanguagesField,
    MultiCheckboxField,
    district_choices,
    half_day_choices,
)
from web.portal.labels import DECLINE_REASON_LABELS


class ProfileForm(FlaskForm):
    """Languages, preferred districts and preschools, the half-days of the week, the period.

    The preschool choices come from the database: the view sets them (`set_preschools`)."""

    languages = LanguagesField(
        _l("Languages you speak"),
        validators=[DataRequired(), Length(max=300)],
        description=_l("Names or codes, separated by commas, e.g. Nederlands, Arabisch."),
    )
    preferred_districts = MultiCheckboxField(_l("Preferred districts"))
    preferred_preschools = MultiCheckboxField(
        _l("Preferred preschools"),
        coerce=int,
        description=_l("Optional, at most 5: where you would most like to help."),
    )
    availability = MultiCheckboxField(_l("Half-days you can work"))
    period_start = DateField(_l("Placement from"), validators=[DataRequired()])
    period_end = DateField(_l("Placement until"), validators=[DataRequired()])
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.preferred_districts.choices = district_choices()
        self.availability.choices = half_day_choices()

    def set_preschools(self, preschools: list[tuple[int, str, str]]) -> None:
        """Offer these (id, name, district code) preschools by district, then name."""
        names = dict(district_choices())
        labelled = [
            (pid, name, str(names.get(district, district))) for pid, name, district in preschools
        ]
        self.preferred_preschools.choices = [
            (pid, f"{name} · {where}")
            for pid, name, where in sorted(labelled, key=lambda r: (r[2], r[1]))
        ]


class CalendarForm(FlaskForm):
    """Make, renew or revoke the calendar link: a POST with a CSRF token."""


class ConfirmForm(FlaskForm):
    """Confirm a placement: a POST with a CSRF token."""


class DeclineForm(FlaskForm):
    """Decline a placement: a reason from the list and, for another reason, a note."""

    reason = SelectField(
        _l("Why do you decline?"),
        choices=[SelectChoice(code, label) for code, label in DECLINE_REASON_LABELS.items()],
        validators=[DataRequired()],
    )
    note = TextAreaField(
        _l("Anything your coordinator should know"),
        validators=[Length(max=500)],
        description=_l("Optional, unless you chose another reason. Do not write about health."),
    )
    submit = SubmitField(_l("Decline this placement"))
