"""What every sign-in path shares: the policy, the clock, the throttle keys, starting a
server-side session and the session cookie's bookkeeping."""

from __future__ import annotations

from flask import flash, render_template, request, session
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_user
from flask_wtf import FlaskForm

from matching.models import User
from matching.models.common import require_id
from matching.signin import sessions, throttle, totp
from web.auth.clock import now, policy
from web.auth.forms import LoginForm, SecondFactorForm
from web.auth.users import SignedInUser
from web.database import db_session
from web.i18n import LOCALE_KEY


def throttle_keys(email: str) -> list[str]:
    """The account's and the client address's throttle keys."""
    return [throttle.account_key(email), throttle.address_key(request.remote_addr)]


def is_throttled(email: str) -> bool:
    """Whether a sign-in try for this address from this client must wait (no hash computed)."""
    return throttle.blocked_until(db_session(), throttle_keys(email), now()) is not None


def count_failure(email: str) -> None:
    """Count a failed try against the account and the client address, and commit it."""
    rules = policy()
    account, address = throttle_keys(email)
    store, moment = db_session(), now()
    throttle.purge(store, policy=rules, now=moment)
    throttle.record_failure(store, key=account, limit=rules.max_failures, policy=rules, now=moment)
    throttle.record_failure(
        store, key=address, limit=rules.max_failures_per_address, policy=rules, now=moment
    )
    store.commit()


def fresh_cookie_session() -> None:
    """Drop everything in the cookie session but the chosen language."""
    locale = session.get(LOCALE_KEY)
    session.clear()
    if locale:
        session[LOCALE_KEY] = locale


def finish_sign_in(user: User) -> SignedInUser:
    """Start a server-side session for the user and put its id in a fresh cookie session."""
    store, moment = db_session(), now()
    throttle.clear(store, key=throttle.account_key(user.email))
    sessions.purge_expired(store, policy=policy(), now=moment)
    token = sessions.start_session(store, user=user, now=moment)
    has_2fa = totp.enabled(store, user_id=require_id(user))
    store.commit()
    signed = SignedInUser.from_row(user, session_token=token, two_factor=has_2fa)
    fresh_cookie_session()
    login_user(signed)  # no remember-me cookie: a session lives only as long as its row
    return signed


def throttled_page(form: FlaskForm) -> ResponseReturnValue:
    """The one answer to a throttled try, whether or not the account exists."""
    flash(
        _(
            "Too many failed sign-in attempts. Wait a little and try again; after repeated"
            " failures signing in is locked for %(minutes)s minutes.",
            minutes=policy().lock_minutes,
        ),
        "error",
    )
    templates = {LoginForm: "auth/login.html", SecondFactorForm: "auth/second_factor.html"}
    template = templates.get(type(form), "auth/password.html")
    return render_template(template, form=form), 429
