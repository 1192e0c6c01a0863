"""Pages of the HU and UU students."""

from flask import Blueprint

from web.auth.roles import restrict_blueprint

bp = Blueprint("student", __name__, url_prefix="/student")
restrict_blueprint(bp, "student")

from web.student import routes  # noqa: E402, F401  (register the views)
