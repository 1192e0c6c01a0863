"""Pages of the HU and UU students: their placement, profile and calendar feed."""

from flask import Blueprint

from web.auth.roles import restrict_blueprint
from web.portal.labels import portal_labels

bp = Blueprint("student", __name__, url_prefix="/student")
restrict_blueprint(bp, "student")
bp.context_processor(portal_labels)

from web.student import answers, calendar, home, profile  # noqa: E402, F401  (register the views)
