"""Signing in and out, the user loader and the role check."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from web.auth import account, notices, reset, routes, two_factor, users  # noqa: E402, F401  (views, loader)
