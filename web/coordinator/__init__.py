"""Pages of the coordinators (municipality, JGZ network): one module per concern."""

from flask import Blueprint

from web.auth.roles import restrict_blueprint
from web.coordinator.labels import coordinator_labels

bp = Blueprint("coordinator", __name__, url_prefix="/coordinator")
restrict_blueprint(bp, "coordinator")
bp.context_processor(coordinator_labels)

from web.coordinator import (  # noqa: E402, F401  (register the views)
    api_tokens,
    audit,
    dashboard,
    exports,
    imports,
    loop,
    people,
    privacy,
    review,
    runs,
    signin_locks,
    unmatched,
)
