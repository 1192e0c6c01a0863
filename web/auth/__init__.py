"""Signing in and out, the user loader and the role check."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from web.auth import routes, users  # noqa: E402, F401  (register the views and the loader)
