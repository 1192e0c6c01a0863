"""The role router, the language switch and the health check."""

from __future__ import annotations

from flask import jsonify, redirect, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from web.auth.redirects import safe_next
from web.auth.roles import home_url
from web.auth.users import signed_in
from web.database import db_session
from web.i18n import LOCALE_KEY
from web.main import bp
from web.main.forms import LanguageForm


@bp.route("/")
def index() -> ResponseReturnValue:
    """Send a signed-in user to their role's home, anyone else to sign in."""
    if current_user.is_authenticated:
        return redirect(home_url(signed_in().role))
    return redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
def set_language() -> ResponseReturnValue:
    """Remember the chosen language in the session and go back to the page."""
    form = LanguageForm()
    if form.validate_on_submit():
        session[LOCALE_KEY] = form.locale.data
    return redirect(safe_next(form.next.data) or url_for("main.index"))


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    """Up when the database answers: 200, else 503."""
    try:
        db_session().exec(text("SELECT 1"))  # type: ignore[call-overload]
    except SQLAlchemyError:
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
