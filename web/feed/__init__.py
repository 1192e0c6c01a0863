"""The public calendar feeds: reached by a secret link, without signing in."""

from flask import Blueprint

bp = Blueprint("feed", __name__, url_prefix="/calendar")

from web.feed import routes  # noqa: E402, F401  (register the views)
