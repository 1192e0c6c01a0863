"""Security headers on every response, HSTS in production, and no caching of signed-in pages."""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask_login import current_user

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}


def add_security_headers(response: Response) -> Response:
    """Set the default headers unless a view set its own; signed-in pages are not cached."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    hsts = current_app.config.get("HSTS_HEADER")
    if hsts:
        response.headers.setdefault("Strict-Transport-Security", hsts)
    if request.endpoint != "static" and current_user.is_authenticated:
        response.headers["Cache-Control"] = "no-store"
    return response


def hsts_header(env: str, seconds: int) -> str | None:
    """Strict-Transport-Security in production (None elsewhere, or when set to 0 seconds)."""
    if env != "production" or seconds <= 0:
        return None
    return f"max-age={seconds}; includeSubDomains"


def register_security_headers(app: Flask) -> None:
    """Add the headers to every response of the app."""
    settings = app.config["KANSRIJK_SETTINGS"]
    app.config.setdefault("HSTS_HEADER", hsts_header(settings.env, settings.hsts_seconds))
    app.after_request(add_security_headers)
