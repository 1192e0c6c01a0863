"""The signed-in user as Flask-Login sees it, loaded by id once per request."""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import UserMixin, current_user

from matching.models import User
from web.database import db_session
from web.extensions import login_manager


@dataclass(frozen=True, eq=False)
class SignedInUser(UserMixin):
    """What the web needs of a signed-in user; a plain copy, not a database row."""

    id: int
    name: str
    role: str
    organisation_id: int
    student_id: int | None

    @classmethod
    def from_row(cls, user: User) -> SignedInUser:
        """Copy the fields the web uses from a stored user."""
        if user.id is None:
            raise ValueError("a user must be stored before signing in")
        return cls(
            id=user.id,
            name=user.name,
            role=user.role,
            organisation_id=user.organisation_id,
            student_id=user.student_id,
        )


@login_manager.user_loader
def load_user(user_id: str) -> SignedInUser | None:
    """The active user with this id, or None (signed out) when gone or deactivated."""
    try:
        key = int(user_id)
    except ValueError:
        return None
    user = db_session().get(User, key)
    if user is None or not user.active:
        return None
    return SignedInUser.from_row(user)


def signed_in() -> SignedInUser:
    """The current user of a view that only signed-in users reach."""
    user = current_user._get_current_object()
    if not isinstance(user, SignedInUser):
        raise RuntimeError("signed_in() called for an anonymous user")
    return user
