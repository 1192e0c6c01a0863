"""Error pages, the health check and the security headers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import AuthActions, built_app
from tests.web.dataset import AL_AMAL, COORDINATOR, World


def test_404_is_templated(client: FlaskClient) -> None:
    """An unknown page gets the site's own 404 page, in Dutch."""
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text
    assert 'href="/static/app.css"' in response.text


def test_405_is_templated(client: FlaskClient) -> None:
    """A wrong method gets a templated page too."""
    response = client.get("/language")
    assert response.status_code == 405
    assert "Niet toegestaan" in response.text


@pytest.fixture
def failing_app(database_url: str, world: World) -> Iterator[Flask]:
    """The app with errors handled as in production, and a page that fails."""
    with built_app(database_url, PROPAGATE_EXCEPTIONS=False) as app:

        @app.route("/boom")
        def boom() -> str:
            raise RuntimeError("secret detail of the failure")

        yield app


def test_500_is_templated_without_trace(failing_app: Flask) -> None:
    """An unexpected error shows an apology, never the exception or a traceback."""
    response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.text
    assert "secret detail" not in response.text
    assert "Traceback" not in response.text


def test_healthz(client: FlaskClient) -> None:
    """The health check answers without signing in, once the database answers."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


@pytest.mark.parametrize("url", ["/auth/login", "/no-such-page", "/healthz"])
def test_security_headers(client: FlaskClient, url: str) -> None:
    """Every response forbids sniffing and framing and keeps the referrer at home."""
    headers = client.get(url).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "same-origin"


def test_signed_in_pages_are_not_cached(client: FlaskClient, auth: AuthActions) -> None:
    """Pages with personal data are not stored by browsers or proxies."""
    auth.login(COORDINATOR.email)
    assert client.get("/coordinator/").headers["Cache-Control"] == "no-store"


def test_session_cookie_is_http_only_and_same_site(client: FlaskClient, auth: AuthActions) -> None:
    """The session cookie cannot be read by scripts nor sent by other sites' forms."""
    response = auth.login(COORDINATOR.email)
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_no_personal_data_in_logs(auth: AuthActions, caplog: pytest.LogCaptureFixture) -> None:
    """Signing in, rightly or wrongly, logs no e-mail address or name."""
    caplog.set_level("DEBUG")
    auth.login(COORDINATOR.email, "wrong-password-1")
    auth.login(COORDINATOR.email)
    assert caplog.records
    assert COORDINATOR.email not in caplog.text
    assert COORDINATOR.name not in caplog.text


@pytest.mark.parametrize(
    "url",
    [
        "/organisation/families/99999999999999999999",
        "/organisation/families/2147483648/edit",
        "/organisation/trajectories/0",
        "/organisation/volunteers/99999999999999999999",
    ],
)
def test_an_id_out_of_range_is_not_found(client: FlaskClient, auth: AuthActions, url: str) -> None:
    """Every id goes through one converter: too large or zero answers 404, never 500."""
    auth.login(AL_AMAL.email)
    response = client.get(url)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text


def test_413_outside_the_import_page_is_the_apps_own(client: FlaskClient) -> None:
    """A body over the limit anywhere gets the templated page, not Werkzeug's."""
    response = client.post("/auth/login", data={"email": "x" * (5 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Te groot" in response.text
    assert 'href="/static/app.css"' in response.text


@pytest.mark.parametrize(("status", "title"), [(429, "Te veel verzoeken"), (410, "Niet meer")])
def test_every_error_status_has_the_apps_page(app: Flask, status: int, title: str) -> None:
    """Statuses no view raises today still get the app's page, with their headers kept."""
    from werkzeug.exceptions import abort

    app.add_url_rule("/status", "status", lambda: abort(status))
    response = app.test_client().get("/status")
    assert response.status_code == status
    assert title in response.text and 'href="/static/app.css"' in response.text
