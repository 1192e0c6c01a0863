"""The application factory: the composition root of the web service."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask

from web.config import load_settings
from web.database import init_database
from web.extensions import babel, csrf, login_manager

log = logging.getLogger(__name__)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app from the environment, or from ``test_config`` in tests."""
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    settings = load_settings(Path(app.instance_path))
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        DATABASE_URL=settings.database_url,
        KANSRIJK_ENV=settings.env,
        KANSRIJK_SETTINGS=settings,
        BABEL_DEFAULT_LOCALE="nl",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.env == "production",
        REMEMBER_COOKIE_SECURE=settings.env == "production",
    )
    if test_config:
        app.config.from_mapping(test_config)
    init_database(app, app.config["DATABASE_URL"])
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app)
    register_blueprints(app)
    return app


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint of the web package."""
    from web.auth import bp as auth_bp

    app.register_blueprint(auth_bp)
