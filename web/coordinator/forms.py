"""The coordinator's small forms; Flask-WTF adds the CSRF token to each."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp

MAX_ID = 2**31 - 1  # ids are 32-bit integer columns


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class EraseForm(FlaskForm):
    """Forget a person: the box must be ticked, the CSRF token is added."""

    confirm = BooleanField(
        _l("I understand that this cannot be undone"),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )


class UploadForm(FlaskForm):
    """The CSV file to check before importing."""

    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a file."))])


class ConfirmImportForm(FlaskForm):
    """Import the file that was checked (kept on the server under a random token)."""

    token = HiddenField(validators=[DataRequired(), Regexp(r"^[A-Za-z0-9_-]{20,64}$")])


class RejectForm(FlaskForm):
    """Why a proposal is rejected; the pair is never proposed again."""

    reason = TextAreaField(
        _l("Reason for rejecting"),
        validators=[DataRequired(_l("Please give a reason.")), Length(max=500)],
    )


class PinForm(FlaskForm):
    """Pin or unpin an open proposal."""

    pinned = BooleanField(_l("Pinned"))


def row_id(value: object) -> int:
    """A database id from a form: a whole number the id column can hold, else ValueError."""
    number = int(str(value))
    if not 1 <= number <= MAX_ID:
        raise ValueError("not an id")
    return number


class BulkApproveForm(FlaskForm):
    """The proposals the coordinator ticked."""

    proposal_ids = SelectMultipleField(_l("Proposals"), coerce=row_id, validate_choice=False)


class ScheduleForm(FlaskForm):
    """When the weekly run fires (cron, Europe/Amsterdam), and whether it is paused."""

    cron = StringField(
        _l("Weekly run (cron: minute hour day month weekday)"),
        validators=[DataRequired(_l("Please fill this in.")), Length(max=100)],
    )
    paused = BooleanField(_l("Paused"))
