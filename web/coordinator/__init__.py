"""Pages of the coordinators (municipality, JGZ network)."""

from flask import Blueprint

from web.auth.roles import restrict_blueprint

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")
restrict_blueprint(bp, "coordinator")

from web.coordinator import routes  # noqa: E402, F401  (register the views)
