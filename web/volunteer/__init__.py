"""Pages of the volunteers (buddies and experience experts) once invited: their offers and
matches, and the profile they keep themselves."""

from flask import Blueprint

from web.auth.roles import restrict_blueprint
from web.portal.labels import portal_labels
from web.volunteer.labels import volunteer_labels

bp = Blueprint("volunteer", __name__, url_prefix="/volunteer")
restrict_blueprint(bp, "volunteer")
bp.context_processor(portal_labels)
bp.context_processor(volunteer_labels)

from web.volunteer import offers, profile  # noqa: E402, F401  (register the views)
