"""The signed-in user as Flask-Login sees it, loaded from its server-side session.

Flask-Login keeps the session's random id (not the user's id) in the signed cookie; the
loader looks the id's hash up in ``user_session``, so a session ended on the server (sign-out,
"sign out everywhere", a password change, idle or too old) cannot be revived by a copy of the
cookie."""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import UserMixin, current_user
from sqlmodel import Session

from matching.models import User
from matching.signin import sessions
from web.auth.clock import now, policy
from web.database import engine
from web.extensions import login_manager


@dataclass(frozen=True, eq=False)
class SignedInUser(UserMixin):
    """What the web needs of a signed-in user; a plain copy, not a database row."""

    id: int
    name: str
    role: str
    organisation_id: int
    student_id: int | None
    volunteer_id: int | None = None
    session_token: str = ""
    two_factor: bool = False

    @classmethod
    def from_row(cls, user: User, *, session_token: str, two_factor: bool) -> SignedInUser:
        """Copy the fields the web uses from a stored user, with its session's id."""
        if user.id is None:
            raise ValueError("a user must be stored before signing in")
        return cls(
            id=user.id,
            name=user.name,
            role=user.role,
            organisation_id=user.organisation_id,
            student_id=user.student_id,
            volunteer_id=user.volunteer_id,
            session_token=session_token,
            two_factor=two_factor,
        )

    def get_id(self) -> str:
        """What Flask-Login stores in the cookie: the server-side session's random id."""
        return self.session_token


@login_manager.user_loader
def load_user(session_token: str) -> SignedInUser | None:
    """The user of this live session, or None (signed out) when it ended or expired."""
    if not session_token or len(session_token) > 100:
        return None
    # A session of its own: loading the user may happen late in a request (after a view's
    # changes), and its bookkeeping must never commit those. In autocommit: its one read and
    # the rare single write (last seen, or removing an expired session) need no transaction,
    # which saves the BEGIN and COMMIT round trips on every request.
    with Session(engine().execution_options(isolation_level="AUTOCOMMIT"),
                 expire_on_commit=False) as store:  # fmt: skip
        live = sessions.find_session(store, token=session_token, policy=policy(), now=now())
        store.commit()  # the session's "last seen", or the removal of an expired one
    if live is None:
        return None
    return SignedInUser.from_row(live.user, session_token=session_token, two_factor=live.two_factor)


def signed_in() -> SignedInUser:
    """The current user of a view that only signed-in users reach."""
    user = current_user._get_current_object()
    if not isinstance(user, SignedInUser):
        raise RuntimeError("signed_in() called for an anonymous user")
    return user
