"""Two-factor sign-in with an authenticator app: turning it on (a QR code and the secret as
text, ten recovery codes shown once), turning it off, and the rule that makes it mandatory
for coordinators when KANSRIJK_REQUIRE_2FA_COORDINATORS is set."""

from __future__ import annotations

import logging

import segno
from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from matching.accounts import password_matches
from matching.models.common import require_id
from matching.signin import totp
from matching.vocab import Role
from web.auth import bp
from web.auth.account import own_row
from web.auth.clock import now, policy
from web.auth.forms import PasswordConfirmForm, SecondFactorForm
from web.auth.users import signed_in
from web.database import db_session

log = logging.getLogger(__name__)

# What a coordinator who must still turn on two-factor sign-in may reach.
OPEN_DURING_ENROLMENT = frozenset(
    {"auth.two_factor_setup", "auth.logout", "auth.end_all_sessions", "main.set_language", "static"}
)


@bp.before_app_request
def require_enrolment() -> ResponseReturnValue | None:
    """With the setting on, a coordinator without two-factor sign-in must turn it on first."""
    if not policy().require_2fa_coordinators or not current_user.is_authenticated:
        return None
    user = signed_in()
    if user.role != Role.COORDINATOR or user.two_factor:
        return None
    if request.endpoint in OPEN_DURING_ENROLMENT:
        return None
    flash(_("Turn on two-factor sign-in to continue."), "info")
    return redirect(url_for("auth.two_factor_setup"))


@bp.route("/two-factor/setup", methods=["GET", "POST"])
def two_factor_setup() -> ResponseReturnValue:
    """Show the secret (QR code and text); a right code from the app turns it on."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    user, store = own_row(), db_session()
    if totp.enabled(store, user_id=require_id(user)):
        return redirect(url_for("auth.account"))
    pending = totp.pending_secret(store, user=user)
    store.commit()
    form = SecondFactorForm()
    if form.validate_on_submit():
        codes = totp.confirm(store, user=user, code=form.code.data or "", now=now())
        if codes is not None:
            store.commit()
            log.info("user %s turned on two-factor sign-in", user.id)
            return render_template("auth/recovery_codes.html", codes=codes)
        store.rollback()
        form.code.errors = [*form.code.errors, _("That code is not right. Try again.")]
    uri = totp.provisioning_uri(pending, email=user.email)
    qr = Markup(segno.make(uri, error="m").svg_inline(scale=4, title="otpauth"))
    return render_template(
        "auth/two_factor_setup.html", form=form, qr=qr, secret=pending.secret, uri=uri
    )


@bp.route("/two-factor/off", methods=["POST"])
def two_factor_off() -> ResponseReturnValue:
    """Turn two-factor sign-in off (the password required); not where it is mandatory."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    form = PasswordConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    user, store = own_row(), db_session()
    if policy().require_2fa_coordinators and user.role == Role.COORDINATOR:
        flash(_("Two-factor sign-in is mandatory for coordinators."), "error")
        return redirect(url_for("auth.account"))
    if not password_matches(user, form.password.data or ""):
        flash(_("This is not your current password."), "error")
        return redirect(url_for("auth.account"))
    totp.turn_off(store, user=user)
    store.commit()
    flash(_("Two-factor sign-in is off."), "success")
    return redirect(url_for("auth.account"))
