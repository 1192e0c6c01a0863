"""Sign in (password, then the second factor when it is on) and sign out."""

from __future__ import annotations

import logging

from flask import flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from matching.accounts import authenticate
from matching.models import User
from matching.models.common import require_id
from matching.signin import sessions, totp
from web.auth import bp
from web.auth.clock import now
from web.auth.forms import LoginForm, LogoutForm, SecondFactorForm
from web.auth.redirects import safe_next
from web.auth.roles import home_url
from web.auth.signin import (
    count_failure,
    finish_sign_in,
    fresh_cookie_session,
    is_throttled,
    throttled_page,
)
from web.auth.users import signed_in
from web.database import db_session

log = logging.getLogger(__name__)

PENDING_KEY = "pending_second_factor"  # user id, typed address, next, since (epoch seconds)
PENDING_SECONDS = 300


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """Show the sign-in form; on a right password go on to the second factor, ``next`` or
    the role's home. A throttled try is refused before any password hash is computed."""
    if current_user.is_authenticated:
        return redirect(home_url(signed_in().role))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    email = form.email.data or ""
    if is_throttled(email):
        log.info("sign-in throttled")  # no e-mail address: no personal data in logs
        return throttled_page(form)
    user = authenticate(db_session(), email=email, password=form.password.data or "")
    if user is None:
        count_failure(email)
        log.info("sign-in refused")
        flash(_("Unknown e-mail address or wrong password."), "error")
        return render_template("auth/login.html", form=form)
    if totp.enabled(db_session(), user_id=require_id(user)):
        fresh_cookie_session()
        session[PENDING_KEY] = [user.id, email, form.next.data or "", now().timestamp()]
        return redirect(url_for("auth.second_factor"))
    return _welcome(user, form.next.data)


def _welcome(user: User, next_url: str | None) -> ResponseReturnValue:
    """Sign the user in and send them on."""
    signed = finish_sign_in(user)
    log.info("user %s signed in", signed.id)
    flash(_("Welcome, %(name)s.", name=signed.name), "success")
    return redirect(safe_next(next_url) or home_url(signed.role))


@bp.route("/two-factor", methods=["GET", "POST"])
def second_factor() -> ResponseReturnValue:
    """The second step of signing in: the authenticator app's code or a recovery code."""
    pending = session.get(PENDING_KEY)
    if not pending or now().timestamp() - float(pending[3]) > PENDING_SECONDS:
        session.pop(PENDING_KEY, None)
        flash(_("Please sign in again."), "info")
        return redirect(url_for("auth.login"))
    user_id, email, next_url = int(pending[0]), str(pending[1]), str(pending[2])
    form = SecondFactorForm()
    if not form.validate_on_submit():
        return render_template("auth/second_factor.html", form=form)
    if is_throttled(email):
        return throttled_page(form)
    store = db_session()
    user = store.get(User, user_id)
    code = form.code.data or ""
    if (
        user is None
        or not user.active
        or not totp.check_second_factor(store, user_id=user_id, code=code, now=now())
    ):
        store.rollback()
        count_failure(email)
        flash(_("That code is not right. Try again, or use a recovery code."), "error")
        return render_template("auth/second_factor.html", form=form)
    session.pop(PENDING_KEY, None)
    return _welcome(user, next_url)


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    """Sign out (a POST with a CSRF token): the session ends on the server, so a copy of its
    cookie no longer works anywhere."""
    form = LogoutForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        user = signed_in()
        log.info("user %s signed out", user.id)
        sessions.end_session(db_session(), token=user.session_token)
        db_session().commit()
        logout_user()
        fresh_cookie_session()
        flash(_("You are signed out."), "success")
    return redirect(url_for("auth.login"))
