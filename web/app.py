"""The application factory: the composition root of the web service."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from matching import clock
from matching.privacy.retention import UPLOAD_DIR_ENV
from web.config import Launch, Settings, load_settings
from web.converters import register_converters
from web.database import ENGINE_KEY, init_database
from web.deploy_checks import Target, refuse_unsafe_start
from web.errors import register_error_handlers
from web.extensions import babel, csrf, login_manager
from web.i18n import DEFAULT_LOCALE, TRANSLATIONS, compile_catalogues, select_locale
from web.security import register_security_headers
from web.templating import register_templating

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 4 * 1024 * 1024  # a CSV of 10,000 volunteers is about 1.5 MB


def create_app(test_config: dict[str, Any] | None = None, *, launch: Launch = Launch.WSGI) -> Flask:
    """Build the app from the environment, or from ``test_config`` in tests.

    Fail closed: only `kansrijk serve` (``launch``) may fall back to the development key, and
    a production start refuses while a blocking deploy check fails.
    """
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    environ = _environment(test_config)
    testing = bool(test_config and test_config.get("TESTING"))
    settings = load_settings(Path(app.instance_path), environ, launch=launch, testing=testing)
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        DATABASE_URL=settings.database_url,
        KANSRIJK_ENV=settings.env,
        KANSRIJK_SETTINGS=settings,
        BABEL_DEFAULT_LOCALE=DEFAULT_LOCALE,
        BABEL_TRANSLATION_DIRECTORIES=str(TRANSLATIONS),
        BABEL_DEFAULT_TIMEZONE=clock.TIMEZONE_NAME,  # times are stored in UTC, shown as in Utrecht
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.env == "production",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=settings.env == "production",
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        KANSRIJK_UPLOAD_DIR=os.environ.get(UPLOAD_DIR_ENV) or None,
        # In production the `kansrijk scheduler` process executes runs, never a web worker.
        KANSRIJK_EXECUTOR_AUTOSTART=settings.env != "production",
    )
    if test_config:
        app.config.from_mapping(test_config)
    trust_proxies(app, settings.proxy_hops)
    register_converters(app)
    init_database(app, app.config["DATABASE_URL"], settings.db_pool_size)
    if settings.env == "production" and launch != Launch.COMMAND:
        _refuse_unsafe_production(app, settings, environ)
    init_extensions(app)
    register_blueprints(app)
    register_templating(app)
    register_error_handlers(app)
    register_security_headers(app)
    return app


def instance_folder() -> Path:
    """The app's instance folder (the default SQLite database and uploads live there)."""
    return Path(Flask(__name__, instance_relative_config=True).instance_path)


def _environment(test_config: dict[str, Any] | None) -> dict[str, str]:
    """The process environment; a test's explicit SECRET_KEY counts as set there."""
    environ = dict(os.environ)
    if test_config and test_config.get("SECRET_KEY"):
        environ["SECRET_KEY"] = str(test_config["SECRET_KEY"])
    return environ


def _refuse_unsafe_production(app: Flask, settings: Settings, environ: dict[str, str]) -> None:
    """Run the blocking deploy checks; ConfigError (and no app) when one fails."""
    target = Target(
        {**environ, "SECRET_KEY": settings.secret_key},
        app.config["DATABASE_URL"],
        app.extensions[ENGINE_KEY],
    )
    try:
        refuse_unsafe_start(target)
    except Exception:
        app.extensions[ENGINE_KEY].dispose()
        raise


def trust_proxies(app: Flask, hops: int) -> None:
    """Behind `hops` reverse proxies, take the client's address, scheme, host, port and path
    prefix from their X-Forwarded-* headers (the calendar-feed URL shown to students is
    built from them). With 0 those headers are ignored, as anyone can send them."""
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )


def init_extensions(app: Flask) -> None:
    """Bind sign-in, CSRF protection and translations to the app."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    csrf.init_app(app)
    compile_catalogues(TRANSLATIONS)
    babel.init_app(app, locale_selector=select_locale)


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint of the web package."""
    from web.api import init_api
    from web.auth import bp as auth_bp
    from web.coordinator import bp as coordinator_bp
    from web.feed import bp as feed_bp
    from web.main import bp as main_bp
    from web.organisation import bp as organisation_bp
    from web.student import bp as student_bp
    from web.volunteer import bp as volunteer_bp

    for blueprint in (
        main_bp,
        auth_bp,
        coordinator_bp,
        student_bp,
        organisation_bp,
        volunteer_bp,
        feed_bp,
    ):
        app.register_blueprint(blueprint)
    init_api(app)
