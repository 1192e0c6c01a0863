"""The signed-in user's stored row, for the domain functions that record who acted."""

from __future__ import annotations

from flask import abort

from matching.models import User
from web.auth.users import signed_in
from web.database import db_session


def acting_user() -> User:
    """The signed-in user's row in this request's session (404 if it is gone)."""
    user = db_session().get(User, signed_in().id)
    if user is None:
        abort(404)
    return user
