"""A refused record's field errors, shown next to the form's fields in the user's language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from flask_wtf import FlaskForm
from sqlmodel import Session
from wtforms import Field

from matching.people.validation import InvalidRecord
from web.database import db_session
from web.messages import field_message

Saved = TypeVar("Saved")


def attach_errors(
    form: FlaskForm, error: InvalidRecord, aliases: Mapping[str, str] | None = None
) -> None:
    """Put each refused field's message on the form field of that name (or the form)."""
    for field_error in error.errors:
        name = field_error.field.split(".")[0]
        name = (aliases or {}).get(name, name)
        field = getattr(form, name, None)
        message = field_message(field_error)
        if isinstance(field, Field):
            field.errors = [*field.errors, message]
        else:
            form.form_errors.append(message)


def save_or_show_errors(form: FlaskForm, write: Callable[[Session], Saved]) -> Saved | None:
    """Write and commit; a refused record is rolled back, its errors put on the form, and None."""
    session = db_session()
    try:
        saved = write(session)
    except InvalidRecord as error:
        session.rollback()
        attach_errors(form, error)
        return None
    session.commit()
    return saved
