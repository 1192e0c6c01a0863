"""Forms of signing in, passwords and two-factor; Flask-WTF adds the CSRF token to each."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length

from matching.signin.passwords import MAX_LENGTH
from web.portal.fields import MultiCheckboxField


class LoginForm(FlaskForm):
    """E-mail address and password."""

    email = StringField(_l("E-mail address"), validators=[DataRequired(), Length(max=200)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    next = HiddenField()
    submit = SubmitField(_l("Sign in"))


class LogoutForm(FlaskForm):
    """Signing out is a POST with a CSRF token, so no other site can sign a user out."""


class SecondFactorForm(FlaskForm):
    """The authenticator app's code, or a recovery code."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])


class NewPasswordForm(FlaskForm):
    """A new password, typed twice (the policy is checked by the domain)."""

    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=MAX_LENGTH)]
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(),
            EqualTo("new_password", message=_l("The two passwords differ.")),
        ],
    )


class ChangePasswordForm(NewPasswordForm):
    """The current password and a new one."""

    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=MAX_LENGTH)]
    )


class ResetRequestForm(FlaskForm):
    """The e-mail address to send a reset link to."""

    email = StringField(_l("E-mail address"), validators=[DataRequired(), Length(max=200)])


class PasswordConfirmForm(FlaskForm):
    """The current password, to confirm a change to how one signs in."""

    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])


class NoticesForm(FlaskForm):
    """The mail language and the reminders that stay on (the view sets their choices)."""

    language = SelectField(
        _l("Language of my e-mail"),
        choices=[SelectChoice("nl", "Nederlands"), SelectChoice("en", "English")],
    )
    wanted = MultiCheckboxField(_l("Reminders I want"))
    submit = SubmitField(_l("Save"))
