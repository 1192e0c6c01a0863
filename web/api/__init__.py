"""The JSON API ``/api/v1``: token-authenticated, described by a generated OpenAPI 3.1 document.

One module per resource declares its operations (web/api/operations.py); the document, the
routing and the checks all come from those declarations."""

from __future__ import annotations

import os
from collections.abc import Mapping

from flask import Blueprint, Flask

bp = Blueprint("api", __name__, url_prefix="/api/v1")

RATE_LIMIT_ENV = "KANSRIJK_API_RATE_LIMIT"


def rate_limit_from(environ: Mapping[str, str]) -> int:
    """Requests a minute per token from the environment (default 120, 1 to 100,000)."""
    from web.config import ConfigError

    text = environ.get(RATE_LIMIT_ENV, "").strip() or "120"
    if not text.isdigit() or not 1 <= int(text) <= 100_000:
        raise ConfigError(f"{RATE_LIMIT_ENV} must be a whole number from 1 to 100000")
    return int(text)


def init_api(app: Flask) -> None:
    """Register the API: no CSRF (a bearer token, no cookies), its rate limit, its routes."""
    from web.api.caller import RATE_LIMIT_KEY
    from web.extensions import csrf

    app.config.setdefault(RATE_LIMIT_KEY, rate_limit_from(os.environ))
    csrf.exempt(bp)
    app.register_blueprint(bp)


from web.api import docs, matches, people, placements, proposals, runs, unmatched  # noqa: E402, F401
