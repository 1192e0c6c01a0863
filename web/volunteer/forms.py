"""The volunteer's forms (and the answer forms coordinators and organisations reuse);
Flask-WTF adds the CSRF token to each."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, RadioField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from matching.offers.answers import NOTE_LIMIT
from matching.vocab import DeclineReason
from web.portal.fields import (
    LanguagesField,
    MultiCheckboxField,
    district_choices,
    half_day_choices,
    labelled,
)
from web.volunteer.labels import DECLINE_REASON_LABELS


class AcceptForm(FlaskForm):
    """Accept an offer: a POST with a CSRF token."""

    submit = SubmitField(_l("Yes, I accept"))


class DeclineForm(FlaskForm):
    """Decline with a reason from the list and, if wished, a few words."""

    reason = RadioField(_l("Why not?"), validators=[InputRequired()])
    note = TextAreaField(
        _l("Anything you want to add (optional)"), validators=[Optional(), Length(max=NOTE_LIMIT)]
    )
    submit = SubmitField(_l("Decline"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.reason.choices = labelled(tuple(DeclineReason), DECLINE_REASON_LABELS)


class MetForm(FlaskForm):
    """ "We have met", with the date of the first meeting."""

    met_on = DateField(_l("Date of the first meeting"), validators=[DataRequired()])
    submit = SubmitField(_l("We have met"))


class NotStartedForm(FlaskForm):
    """It did not start, with a note."""

    note = TextAreaField(_l("What happened? (optional)"), validators=[Optional(), Length(max=200)])
    submit = SubmitField(_l("It did not start"))


class ProfileForm(FlaskForm):
    """Languages, the 5 × 2 half-day grid, maximum travel, preferred districts, VOG expiry."""

    languages = LanguagesField(
        _l("Languages you speak"),
        validators=[DataRequired(), Length(max=300)],
        description=_l("Names or codes, separated by commas, e.g. Nederlands, Arabisch."),
    )
    availability = MultiCheckboxField(_l("Half-days you can help"))
    max_travel_km = DecimalField(
        _l("Maximum travel distance (km)"),
        places=1,
        validators=[InputRequired(), NumberRange(min=0.5, max=100)],
    )
    preferred_districts = MultiCheckboxField(_l("Preferred districts"))
    vog_valid_until = DateField(
        _l("Certificate of conduct (VOG) valid until"), validators=[Optional()]
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.preferred_districts.choices = district_choices()
        self.availability.choices = half_day_choices()
