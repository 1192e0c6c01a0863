"""The sentences of the sign-in domain's codes, in the user's language."""

from __future__ import annotations

from flask_babel import gettext as _

from matching.signin.passwords import MIN_LENGTH, PasswordProblem


def password_problem_text(code: str) -> str:
    """Why a password was refused, as a sentence (never repeating the password)."""
    texts = {
        PasswordProblem.TOO_SHORT: _(
            "A password needs at least %(num)s characters.", num=MIN_LENGTH
        ),
        PasswordProblem.TOO_LONG: _("This password is too long."),
        PasswordProblem.TOO_COMMON: _(
            "This is one of the most common passwords, which attackers try first. Choose another."
        ),
        PasswordProblem.WRONG_CURRENT: _("This is not your current password."),
    }
    return texts.get(PasswordProblem(code), _("This password cannot be used."))
