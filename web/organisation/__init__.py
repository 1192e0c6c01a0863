"""Pages of a partner organisation: only its own people and trajectories."""

from flask import Blueprint

from web.auth.roles import restrict_blueprint
from web.portal.labels import portal_labels

bp = Blueprint("organisation", __name__, url_prefix="/organisation")
restrict_blueprint(bp, "organisation")
bp.context_processor(portal_labels)

from web.organisation import (  # noqa: E402, F401  (register the views)
    families,
    home,
    loop,
    suggestions,
    trajectories,
    volunteers,
    waiting,
)
