"""Links in notice mails: ``/n/<token>`` opens the one page that acts on the notice.

The token is signed (matching/notices/links.py), so it names a page, a record and the user it
was mailed to. Anyone not signed in is sent to sign in first; a link opened by another user is
404. The page it leads to checks access itself, as for any other visit.
"""

from __future__ import annotations

from flask import abort, current_app, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from matching.models import Volunteer
from matching.notices.links import LinkTarget, NoticePage, read_link
from matching.vocab import VolunteerKind
from web.auth.users import signed_in
from web.database import db_session
from web.main import bp

MAX_TOKEN = 300


@bp.route("/n/<token>")
def notice_link(token: str) -> ResponseReturnValue:
    """Open the page a notice points at, for the user it was sent to."""
    target = read_link(current_app.config["SECRET_KEY"], token) if len(token) <= MAX_TOKEN else None
    if target is None:
        abort(404)
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
    if signed_in().id != target.user_id:
        abort(404)
    address = page_url(target)
    if address is None:
        abort(404)
    return redirect(address)


def page_url(target: LinkTarget) -> str | None:
    """The address of the page a notice points at (None when it is gone)."""
    page, record_id = target.page, target.record_id
    if page == NoticePage.TRAJECTORY:
        return url_for("organisation.trajectory", match_id=record_id)
    if page == NoticePage.STUDENT_HOME:
        return url_for("student.home", _anchor="placement")
    if page == NoticePage.RUN:
        return url_for("coordinator.run", run_id=record_id)
    if page == NoticePage.PREFERENCES:
        return url_for("auth.notices")
    if page == NoticePage.VOLUNTEER:
        volunteer = db_session().get(Volunteer, record_id)
        if volunteer is None:
            return None
        kind = "experts" if volunteer.kind == VolunteerKind.EXPERIENCE_EXPERT else "volunteers"
        return url_for("coordinator.person_edit", kind=kind, person_id=record_id)
    if page == NoticePage.OFFER:
        return url_for("volunteer.offer", offer_id=record_id)
    if page == NoticePage.VOLUNTEER_PROFILE:
        return url_for("volunteer.profile")
    return None
