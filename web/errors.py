"""Error pages: templated, in the user's language, never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from matching.people.scoping import NotOwned

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be handled. Please try again.")),
    403: (_l("No access"), _l("This page is not meant for your role.")),
    404: (_l("Page not found"), _l("This page does not exist, or it is not yours to see.")),
    405: (_l("Not allowed"), _l("This page cannot be used this way.")),
    500: (_l("Something went wrong"), _l("An error occurred on our side. Please try again later.")),
}


def error_page(code: int, *, bare: bool = False) -> ResponseReturnValue:
    """Render the error page for an HTTP status code."""
    title, message = MESSAGES[code]
    return render_template(
        "errors/error.html", code=code, title=title, message=message, bare=bare
    ), code


def is_api_request() -> bool:
    """Whether the request is for the JSON API, whose errors are problem documents."""
    return request.path.startswith("/api/")


def http_error(error: HTTPException) -> ResponseReturnValue:
    """An HTTP error raised by a view or by routing."""
    if is_api_request():
        from web.api.problems import http_problem

        return http_problem(error.code or 500)
    return error_page(error.code if error.code in MESSAGES else 500)


def csrf_error(_error: CSRFError) -> ResponseReturnValue:
    """A form without a valid CSRF token: refused with 400."""
    log.info("form refused: missing or invalid CSRF token")
    return error_page(400)


def not_owned(_error: NotOwned) -> ResponseReturnValue:
    """A record of another organisation is shown as not found."""
    return error_page(404)


def server_error(_error: Exception) -> ResponseReturnValue:
    """An unexpected error: the page says sorry, the log keeps the trace."""
    if is_api_request():
        from web.api.problems import http_problem

        return http_problem(500)
    return error_page(500, bare=True)


def register_error_handlers(app: Flask) -> None:
    """Attach the error pages to the app."""
    for code in (400, 403, 404, 405):
        app.register_error_handler(code, http_error)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(NotOwned, not_owned)
    app.register_error_handler(500, server_error)
