"""Sign in and sign out."""

from __future__ import annotations

import logging

from flask import flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from matching.accounts import authenticate
from web.auth import bp
from web.auth.forms import LoginForm, LogoutForm
from web.auth.redirects import safe_next
from web.auth.roles import home_url
from web.auth.users import SignedInUser, signed_in
from web.database import db_session
from web.i18n import LOCALE_KEY

log = logging.getLogger(__name__)


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Show the sign-in form; on a right password go to ``next`` or the role's home."""
    if current_user.is_authenticated:
        return redirect(home_url(signed_in().role))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = authenticate(db_session(), email=form.email.data, password=form.password.data)
        if user is None:
            log.info("sign-in refused")  # no e-mail address: no personal data in logs
            flash(_("Unknown e-mail address or wrong password."), "error")
            return render_template("auth/login.html", form=form)
        signed = SignedInUser.from_row(user)
        _fresh_session()
        login_user(signed)
        log.info("user %s signed in", signed.id)
        flash(_("Welcome, %(name)s.", name=signed.name), "success")
        return redirect(safe_next(form.next.data) or home_url(signed.role))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    """Sign out (a POST with a CSRF token) and go back to the sign-in page."""
    form = LogoutForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        log.info("user %s signed out", signed_in().id)
        logout_user()
        _fresh_session()
        flash(_("You are signed out."), "success")
    return redirect(url_for("auth.login"))


def _fresh_session() -> None:
    """Drop everything in the session but the chosen language."""
    locale = session.get(LOCALE_KEY)
    session.clear()
    if locale:
        session[LOCALE_KEY] = locale
