"""Error pages: templated, in the user's language, never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, make_response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from matching.people.scoping import NotOwned

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be handled. Please try again.")),
    401: (_l("Please sign in"), _l("Sign in to see this page.")),
    403: (_l("No access"), _l("This page is not meant for your role.")),
    404: (_l("Page not found"), _l("This page does not exist, or it is not yours to see.")),
    405: (_l("Not allowed"), _l("This page cannot be used this way.")),
    408: (_l("Too slow"), _l("The request took too long. Please try again.")),
    410: (_l("No longer available"), _l("This page or file is no longer available.")),
    413: (_l("Too large"), _l("What you sent is larger than this service accepts.")),
    414: (_l("Address too long"), _l("This web address is too long.")),
    415: (_l("Not accepted"), _l("This kind of content is not accepted here.")),
    422: (_l("Not accepted"), _l("What you sent could not be handled. Please check it.")),
    429: (_l("Too many requests"), _l("Too many requests in a short time. Please wait a moment.")),
    431: (_l("Request too large"), _l("The request's headers are too large.")),
    500: (_l("Something went wrong"), _l("An error occurred on our side. Please try again later.")),
}


GENERIC = (_l("Something is not right"), _l("The request could not be handled."))


def error_page(code: int, *, bare: bool = False) -> ResponseReturnValue:
    """Render the error page for an HTTP status code (a general text for rare ones)."""
    title, message = MESSAGES.get(code, GENERIC)
    return render_template(
        "errors/error.html", code=code, title=title, message=message, bare=bare
    ), code


def is_api_request() -> bool:
    """Whether the request is for the JSON API, whose errors are problem documents."""
    return request.path.startswith("/api/")


def http_error(error: HTTPException) -> ResponseReturnValue:
    """Any HTTP error raised by a view, by routing or by Werkzeug: the app's own page.

    Headers the status relies on (``Allow``, ``Retry-After``) are kept.
    """
    code = error.code or 500
    if code < 400:  # a redirect travelling as an exception
        return error
    if is_api_request():
        from web.api.problems import http_problem

        return http_problem(code)
    title, message = MESSAGES.get(code, GENERIC)
    page = render_template(
        "errors/error.html", code=code, title=title, message=message, bare=code >= 500
    )
    response = make_response(page, code)
    for name in ("Allow", "Retry-After", "WWW-Authenticate"):
        value = error.get_response().headers.get(name)
        if value:
            response.headers[name] = value
    return response


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
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(NotOwned, not_owned)
    app.register_error_handler(500, server_error)
