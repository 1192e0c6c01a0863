"""Signing in and out: right and wrong passwords, inactive users, ``next``, CSRF."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import AuthActions
from tests.web.dataset import COORDINATOR, INACTIVE, STUDENT, World

REFUSED = "Onbekend e-mailadres of onjuist wachtwoord."


def test_login_page_renders(client: FlaskClient) -> None:
    """The sign-in page shows the form in Dutch."""
    response = client.get("/auth/login")
    assert response.status_code == 200
    assert "Inloggen" in response.text
    assert 'name="password"' in response.text


@pytest.mark.parametrize("role", ["coordinator", "student", "organisation"])
def test_each_role_lands_on_its_home(
    client: FlaskClient, auth: AuthActions, world: World, role: str
) -> None:
    """After signing in each role is sent to its own home page, and ``/`` goes there too."""
    account = world.accounts[role]
    response = auth.login(account.email)
    assert response.status_code == 302
    assert response.headers["Location"] == account.home
    assert client.get("/").headers["Location"] == account.home
    page = client.get(account.home)
    assert page.status_code == 200
    assert f"Welkom, {account.name}." in page.text


@pytest.mark.parametrize(
    ("email", "password"),
    [(COORDINATOR.email, "wrong-password-1"), ("nobody@example.nl", "kansrijk-test-1")],
    ids=["wrong-password", "unknown-email"],
)
def test_refusals_say_the_same(
    client: FlaskClient, auth: AuthActions, email: str, password: str
) -> None:
    """A wrong password and an unknown address are refused with one and the same message."""
    response = auth.login(email, password)
    assert response.status_code == 200
    assert REFUSED in response.text
    assert client.get("/coordinator/").status_code == 302


def test_inactive_user_is_refused(client: FlaskClient, auth: AuthActions) -> None:
    """A deactivated account cannot sign in, and gets the same message."""
    response = auth.login(INACTIVE.email)
    assert REFUSED in response.text
    assert client.get("/coordinator/").status_code == 302


def test_email_is_case_insensitive(auth: AuthActions) -> None:
    """The address may be typed with capitals and spaces."""
    response = auth.login(f"  {COORDINATOR.email.upper()} ")
    assert response.headers["Location"] == COORDINATOR.home


def test_empty_form_shows_field_errors(client: FlaskClient) -> None:
    """Missing fields are reported on the form, not as a sign-in failure."""
    response = client.post("/auth/login", data={"email": "", "password": ""})
    assert response.status_code == 200
    assert REFUSED not in response.text


def test_anonymous_is_sent_to_sign_in(client: FlaskClient) -> None:
    """A page that needs a role redirects an anonymous visitor to sign in, with ``next``."""
    response = client.get("/organisation/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")
    assert client.get("/").headers["Location"] == "/auth/login"


def test_next_to_own_page_is_followed(auth: AuthActions) -> None:
    """A local ``next`` path is where the user goes after signing in."""
    response = auth.login(COORDINATOR.email, next_url="/coordinator/?tab=districts")
    assert response.headers["Location"] == "/coordinator/?tab=districts"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "//evil.example/coordinator/",
        "/\\evil.example",
        "javascript:alert(1)",
        "coordinator/",
    ],
)
def test_next_to_elsewhere_is_refused(auth: AuthActions, target: str) -> None:
    """A ``next`` to another host, scheme-relative or odd, is replaced by the role's home."""
    response = auth.login(COORDINATOR.email, next_url=target)
    assert response.status_code == 302
    assert response.headers["Location"] == COORDINATOR.home


def test_next_from_query_string_reaches_the_form(client: FlaskClient) -> None:
    """The sign-in page keeps ``next`` from its query string in a hidden field."""
    response = client.get("/auth/login?next=/student/")
    assert 'value="/student/"' in response.text


def test_signed_in_user_visiting_login_goes_home(client: FlaskClient, auth: AuthActions) -> None:
    """Signing in twice is not needed."""
    auth.login(STUDENT.email)
    assert client.get("/auth/login").headers["Location"] == STUDENT.home


def test_logout(client: FlaskClient, auth: AuthActions) -> None:
    """Signing out ends the session; the role's pages need signing in again."""
    auth.login(STUDENT.email)
    response = auth.logout()
    assert response.headers["Location"] == "/auth/login"
    assert "Je bent uitgelogd." in client.get("/auth/login").text
    assert client.get("/student/").status_code == 302


def test_logout_is_post_only(client: FlaskClient, auth: AuthActions) -> None:
    """A GET cannot sign anyone out (no sign-out by a link on another site)."""
    auth.login(STUDENT.email)
    assert client.get("/auth/logout").status_code == 405
    assert client.get("/student/").status_code == 200


def _csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert found, "no CSRF token on the page"
    return found.group(1)


def test_post_without_csrf_token_is_refused(csrf_app: Flask) -> None:
    """With CSRF protection on, a sign-in without the token is refused with 400."""
    client = csrf_app.test_client()
    response = client.post(
        "/auth/login", data={"email": COORDINATOR.email, "password": "kansrijk-test-1"}
    )
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.text
    assert client.get("/coordinator/").status_code == 302


def test_post_with_csrf_token_signs_in_and_out(csrf_app: Flask) -> None:
    """With the page's token the same forms work, sign-out included."""
    client = csrf_app.test_client()
    token = _csrf_token(client.get("/auth/login").text)
    data = {"email": COORDINATOR.email, "password": "kansrijk-test-1", "csrf_token": token}
    assert client.post("/auth/login", data=data).headers["Location"] == COORDINATOR.home
    assert client.post("/auth/logout").status_code == 400
    home = client.get(COORDINATOR.home).text
    assert client.post("/auth/logout", data={"csrf_token": _csrf_token(home)}).status_code == 302
    assert client.get(COORDINATOR.home).status_code == 302
