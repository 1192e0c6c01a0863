"""The language switch: a POST with a CSRF token."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from web.i18n import LOCALES


class LanguageForm(FlaskForm):
    """Which language to show, and the page to return to."""

    locale = SelectField(_l("Language"), choices=list(LOCALES))
    next = HiddenField()
