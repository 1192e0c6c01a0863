"""Forms of a trajectory: assigning a buddy, a check-in, and ending it (with CSRF)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from matching.trajectories.actions import END_REASONS
from web.portal.fields import labelled
from web.portal.labels import END_REASON_LABELS


class AssignForm(FlaskForm):
    """Which suggested buddy, and from when."""

    volunteer_id = IntegerField(validators=[InputRequired()])
    start_date = DateField(_l("Start"), validators=[DataRequired()])
    submit = SubmitField(_l("Assign"))


class CheckInForm(FlaskForm):
    """A dated short note on how the trajectory goes."""

    on = DateField(_l("Date"), validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=2000)])
    submit = SubmitField(_l("Add check-in"))


class EndForm(FlaskForm):
    """When and why the trajectory ends."""

    on = DateField(_l("End date"), validators=[DataRequired()])
    reason = RadioField(_l("Reason"), validators=[DataRequired()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=150)])
    submit = SubmitField(_l("End trajectory"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reason.choices = labelled(tuple(END_REASONS), END_REASON_LABELS)
