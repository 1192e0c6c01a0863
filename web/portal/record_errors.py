"""A refused record's field errors, shown next to the form's fields in the user's language."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import TypeVar

from flask_babel import LazyString, format_date
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlmodel import Session
from wtforms import Field

from matching.people.validation import InvalidRecord
from web.database import db_session

Saved = TypeVar("Saved")

Patterns = tuple[tuple[re.Pattern[str], LazyString], ...]


def compile_patterns(*pairs: tuple[str, LazyString]) -> Patterns:
    """Compiled (pattern, message) pairs."""
    return tuple((re.compile(pattern), message) for pattern, message in pairs)


def first_match(patterns: Patterns, message: str, dates: tuple[str, ...] = ()) -> str | None:
    """The translation of the first pattern the message matches, its values filled in.

    The values named in ``dates`` are ISO dates, shown as long dates in the user's language.
    """
    for pattern, translated in patterns:
        found = pattern.search(message)
        if found is None:
            continue
        values = found.groupdict()
        for name in dates:
            if name in values:
                values[name] = format_date(date.fromisoformat(values[name]), "long")
        return str(translated) % values if values else str(translated)
    return None


# The messages of matching.people.validation and pydantic, each with its translation.
MESSAGES = compile_patterns(
    (r"^String should have at least 1 character", _l("Please fill this in.")),
    (r"^String should have at most (?P<n>\d+) characters", _l("At most %(n)s characters.")),
    (r"^List should have at least 1 item", _l("Choose or enter at least one.")),
    (r"^Input should be greater than or equal to (?P<n>[\d.]+)", _l("At least %(n)s.")),
    (r"^Input should be less than or equal to (?P<n>[\d.]+)", _l("At most %(n)s.")),
    (r"^Input should be greater than (?P<n>[\d.]+)", _l("More than %(n)s.")),
    (r"^is not a Dutch postcode", _l("Not a Dutch postcode like 3526 KL.")),
    (
        r"^(?P<digits>\d{4}) is not a postcode area of Utrecht",
        _l("%(digits)s is not a postcode area of Utrecht."),
    ),
    (r"^unknown language code '(?P<code>[^']*)'", _l("Unknown language: %(code)s.")),
    (r"^unknown district", _l("Unknown district.")),
    (r"^unknown situation", _l("Unknown situation.")),
    (r"^unknown half-day", _l("Unknown half-day.")),
    (r"^at most (?P<n>\d+) preferred preschools", _l("Choose at most %(n)s preschools.")),
    (r"^is not an active preschool", _l("This preschool is not taking students.")),
    (r"^must be one of", _l("Choose one of the options.")),
    (r"is before (?P<start>\d{4}-\d\d-\d\d)$", _l("This date comes before %(start)s.")),
)


def translate(message: str) -> str:
    """The user's-language version of a record error message, or the message itself."""
    return first_match(MESSAGES, message, dates=("start",)) or message


def attach_errors(
    form: FlaskForm, error: InvalidRecord, aliases: Mapping[str, str] | None = None
) -> None:
    """Put each refused field's message on the form field of that name (or the form)."""
    for field_error in error.errors:
        name = field_error.field.split(".")[0]
        name = (aliases or {}).get(name, name)
        field = getattr(form, name, None)
        message = translate(field_error.message)
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
