"""Pages of a partner organisation: only its own people."""

from flask import Blueprint

from web.auth.roles import restrict_blueprint

bp = Blueprint("organisation", __name__, url_prefix="/organisation")
restrict_blueprint(bp, "organisation")

from web.organisation import routes  # noqa: E402, F401  (register the views)
