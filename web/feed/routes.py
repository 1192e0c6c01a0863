"""A student's placement as an iCalendar feed at ``/calendar/<token>.ics``."""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _

from matching.students.calendar_feed import FeedText, build_feed
from matching.students.calendar_token import student_by_token
from matching.students.placement import placements_of
from web.database import db_session
from web.feed import bp


def feed_text() -> FeedText:
    """The feed's words in the request's language (Dutch for a calendar app)."""
    return FeedText(
        calendar_name=_("Kansrijk Match: my placement"),
        placement=_("Placement"),
        groups=_("Group"),
        contact=_("Contact"),
    )


def not_found() -> Response:
    """The one answer to every token that opens no feed: the same bytes whatever the token."""
    return Response("Not found\n", status=404, mimetype="text/plain")


@bp.route("/<token>.ics")
def calendar(token: str) -> Response:
    """The feed of the token's student; any wrong, revoked or unknown token is a plain 404."""
    session = db_session()
    student = student_by_token(session, token)
    if student is None:
        return not_found()
    body = build_feed(placements_of(session, student), feed_text())
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="kansrijk-stage.ics"'
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
