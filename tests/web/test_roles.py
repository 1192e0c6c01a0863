"""Each role reaches its own pages only."""

from __future__ import annotations

import pytest
from flask import Blueprint
from flask.testing import FlaskClient

from tests.web.conftest import AuthActions
from tests.web.dataset import World
from web.auth.roles import restrict_blueprint, role_required

HOMES = {"coordinator": "/coordinator/", "student": "/student/", "organisation": "/organisation/"}


@pytest.mark.parametrize("role", sorted(HOMES))
def test_other_roles_pages_are_forbidden(
    client: FlaskClient, auth: AuthActions, world: World, role: str
) -> None:
    """A signed-in user gets 403, on a templated page, at every other role's home."""
    auth.login(world.accounts[role].email)
    for other, url in HOMES.items():
        response = client.get(url)
        if other == role:
            assert response.status_code == 200
        else:
            assert response.status_code == 403, (role, url)
            assert "Geen toegang" in response.text


@pytest.mark.parametrize("url", [*HOMES.values(), "/organisation/families/1"])
def test_anonymous_is_redirected_everywhere(client: FlaskClient, url: str) -> None:
    """Every role page sends an anonymous visitor to sign in."""
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_role_required_refuses_unknown_roles() -> None:
    """A typo in a role name fails when the app is built, not silently at request time."""
    with pytest.raises(ValueError, match="role_required"):
        role_required("admin")
    with pytest.raises(ValueError, match="role_required"):
        restrict_blueprint(Blueprint("x", __name__))
