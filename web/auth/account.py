"""A signed-in user's own account: change the password, sign out on all devices."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from matching.models import User
from matching.models.common import require_id
from matching.signin import sessions, totp
from matching.signin.passwords import PasswordProblem, PasswordRefused
from matching.signin.resets import change_password
from matching.vocab import Role
from web.auth import bp
from web.auth.clock import policy
from web.auth.forms import ChangePasswordForm, LogoutForm
from web.auth.messages import password_problem_text
from web.auth.signin import count_failure, fresh_cookie_session, is_throttled, throttled_page
from web.auth.users import signed_in
from web.database import db_session

log = logging.getLogger(__name__)


def own_row() -> User:
    """The signed-in user's stored row (the views here need a signed-in user)."""
    if not current_user.is_authenticated:
        abort(401)
    user = db_session().get(User, signed_in().id)
    if user is None:
        abort(404)
    return user


@bp.route("/account")
def account() -> ResponseReturnValue:
    """The account page: password, two-factor sign-in, signing out everywhere."""
    if not _signed_in():
        return redirect(url_for("auth.login", next=url_for("auth.account")))
    user = own_row()
    return render_template(
        "auth/account.html",
        user=user,
        two_factor=totp.enabled(db_session(), user_id=require_id(user)),
        codes_left=totp.recovery_codes_left(db_session(), user_id=require_id(user)),
        required=policy().require_2fa_coordinators and user.role == Role.COORDINATOR,
        form=LogoutForm(),
    )


@bp.route("/password", methods=["GET", "POST"])
def password() -> ResponseReturnValue:
    """Change the password (the current one required); every other session ends."""
    if not _signed_in():
        return redirect(url_for("auth.login", next=url_for("auth.password")))
    form = ChangePasswordForm()
    if form.validate_on_submit():
        store, user = db_session(), own_row()
        if is_throttled(user.email):  # guessing the current password is throttled too
            return throttled_page(form)
        try:
            change_password(
                store,
                user=user,
                current=form.current_password.data or "",
                new=form.new_password.data or "",
                keep_token=signed_in().session_token,
            )
        except PasswordRefused as exc:
            store.rollback()
            if exc.code == PasswordProblem.WRONG_CURRENT:
                count_failure(user.email)
            field = (
                form.current_password
                if exc.code == PasswordProblem.WRONG_CURRENT
                else form.new_password
            )
            field.errors = [*field.errors, password_problem_text(exc.code)]
            return render_template("auth/password.html", form=form), 422
        store.commit()
        log.info("user %s changed their password", signed_in().id)
        flash(_("Your password is changed; you are signed out on every other device."), "success")
        return redirect(url_for("auth.account"))
    return render_template("auth/password.html", form=form)


@bp.route("/sessions/end-all", methods=["POST"])
def end_all_sessions() -> ResponseReturnValue:
    """Sign out on all devices (this one too): every session of the user ends."""
    if not LogoutForm().validate_on_submit():
        abort(400)
    if not _signed_in():
        return redirect(url_for("auth.login"))
    user = signed_in()
    ended = sessions.end_all_sessions(db_session(), user_id=user.id)
    db_session().commit()
    log.info("user %s signed out on all devices (%s sessions)", user.id, ended)
    logout_user()
    fresh_cookie_session()
    flash(_("You are signed out on all devices."), "success")
    return redirect(url_for("auth.login"))


def _signed_in() -> bool:
    """Whether someone is signed in."""
    return bool(current_user.is_authenticated)
