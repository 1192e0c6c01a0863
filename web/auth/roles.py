"""The role check, in one place: every blueprint restricts itself with it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Blueprint, abort, current_app, url_for
from flask_login import current_user

from matching.vocab import ROLES

View = TypeVar("View", bound=Callable[..., Any])

HOME_ENDPOINTS = {
    "coordinator": "coordinator.home",
    "student": "student.home",
    "organisation": "organisation.home",
    "volunteer": "volunteer.home",
}


def role_required(*roles: str) -> Callable[[View], View]:
    """Let only signed-in users of these roles through: others get 403, anonymous sign in."""
    unknown = set(roles) - set(ROLES)
    if not roles or unknown:
        raise ValueError(f"role_required needs roles from {ROLES}, got {roles!r}")

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(View, guarded)

    return decorate


def restrict_blueprint(blueprint: Blueprint, *roles: str) -> None:
    """Check the role before every request that reaches this blueprint."""

    @role_required(*roles)
    def check_role() -> None:
        """Nothing to do once the role is right; the request goes on to its view."""
        return None

    blueprint.before_request(check_role)


def home_url(role: str) -> str:
    """The home page of a role."""
    return url_for(HOME_ENDPOINTS[role])
