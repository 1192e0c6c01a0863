"""Password reset by e-mail: the same answer whether or not the address has an account; the
mail (through the outbox) links to a page that takes a single-use token valid for a short time."""

from __future__ import annotations

import logging

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _

from matching.outbox.queue import enqueue_mail
from matching.outbox.texts import MailLanguage, MailTemplate, render_mail
from matching.signin.passwords import PasswordRefused
from matching.signin.resets import complete_reset, request_reset, valid_reset
from web.auth import bp
from web.auth.clock import now, policy
from web.auth.forms import NewPasswordForm, ResetRequestForm
from web.auth.messages import password_problem_text
from web.coordinator.common import wake_executor
from web.database import db_session

log = logging.getLogger(__name__)


@bp.route("/reset", methods=["GET", "POST"])
def reset_request() -> ResponseReturnValue:
    """Ask for a reset link; the answer never says whether the address has an account."""
    form = ResetRequestForm()
    if not form.validate_on_submit():
        return render_template("auth/reset_request.html", form=form)
    store = db_session()
    found = request_reset(store, email=form.email.data or "", policy=policy(), now=now())
    if found is not None:
        user, token = found
        link = url_for("auth.reset_password", token=token, _external=True)
        language = MailLanguage.EN if str(get_locale()) == "en" else MailLanguage.NL
        text = render_mail(
            MailTemplate.PASSWORD_RESET,
            language,  # the language the request was made in
            name=user.name,
            minutes=policy().reset_minutes,
            link=link,
        )
        enqueue_mail(store, recipient=user.email, subject=text.subject, body=text.body)
        store.commit()
        log.info("password reset mail queued for user %s", user.id)
        wake_executor()
    flash(
        _(
            "If an account has this e-mail address, a link to set a new password is on its"
            " way. It works once, for %(minutes)s minutes.",
            minutes=policy().reset_minutes,
        ),
        "info",
    )
    return redirect(url_for("auth.login"))


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    """Choose a new password with the link's token; every session of the account ends."""
    store = db_session()
    if len(token) > 100 or valid_reset(store, token=token, now=now()) is None:
        return render_template("auth/reset_invalid.html"), 410
    form = NewPasswordForm()
    if not form.validate_on_submit():
        return render_template("auth/reset_password.html", form=form)
    try:
        user = complete_reset(store, token=token, new=form.new_password.data or "", now=now())
    except PasswordRefused as exc:
        store.rollback()
        form.new_password.errors = [*form.new_password.errors, password_problem_text(exc.code)]
        return render_template("auth/reset_password.html", form=form), 422
    if user is None:  # spent by another request a moment ago
        store.rollback()
        return render_template("auth/reset_invalid.html"), 410
    store.commit()
    log.info("user %s set a new password with a reset link", user.id)
    flash(_("Your new password is set. Sign in with it."), "success")
    return redirect(url_for("auth.login"))
