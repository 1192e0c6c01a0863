"""Signed links in mail: they name the page that acts on a notice, never anything personal.

A link is ``<base>/n/<token>``; the token is the page (a ``NoticePage``), a record id and the
recipient's user id, signed with the app's SECRET_KEY (itsdangerous) so nobody can forge or
alter one. The web opens it only for that signed-in user; the page itself checks access again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from itsdangerous import BadSignature, URLSafeTimedSerializer

SALT = "kansrijk-notice-link"
MAX_AGE_S = 60 * 24 * 3600  # a link in a mail works for 60 days


class NoticePage(StrEnum):
    """The pages a notice can point at (the web maps each to its route)."""

    OFFER = "offer"  # the volunteer's offer (id: offer)
    VOLUNTEER = "volunteer"  # a volunteer's record for the coordinator (id: volunteer)
    VOLUNTEER_PROFILE = "volunteer_profile"  # the volunteer's own profile (id: volunteer)
    TRAJECTORY = "trajectory"  # an organisation's trajectory (id: match)
    STUDENT_HOME = "student_home"  # the student's placement and calendar link (id: placement)
    RUN = "run"  # a matching run for the coordinator (id: run)
    PREFERENCES = "preferences"  # the recipient's notice settings (id: user)


@dataclass(frozen=True)
class LinkTarget:
    """What a verified link opens: the page, the record and whom the link was made for."""

    page: NoticePage
    record_id: int
    user_id: int


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    """The signer of notice links."""
    return URLSafeTimedSerializer(secret_key, salt=SALT)


def sign_link(secret_key: str, target: LinkTarget) -> str:
    """The token of a link to ``target``."""
    return _serializer(secret_key).dumps([str(target.page), target.record_id, target.user_id])


def read_link(secret_key: str, token: str, max_age_s: int = MAX_AGE_S) -> LinkTarget | None:
    """The target of a genuine, unexpired token; None for anything else."""
    try:
        page, record_id, user_id = _serializer(secret_key).loads(token, max_age=max_age_s)
        return LinkTarget(NoticePage(page), int(record_id), int(user_id))
    except (BadSignature, ValueError, TypeError):
        return None
