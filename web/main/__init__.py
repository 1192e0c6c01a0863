"""Pages for everyone: the role router at ``/``, the language switch and the health check."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from web.main import notice_links, routes  # noqa: E402, F401  (register the views)
