"""The waiting list in order of priority and due date, and this year's places left."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from matching.trajectories.capacity import waiting_list, year_capacity
from web.auth.users import signed_in
from web.database import db_session
from web.organisation import bp
from web.portal.dates import today


@bp.route("/waiting-list")
def waiting() -> ResponseReturnValue:
    """The organisation's waiting mothers and its capacity this calendar year."""
    organisation_id = signed_in().organisation_id
    session = db_session()
    return render_template(
        "organisation/waiting.html",
        waiting=waiting_list(session, organisation_id=organisation_id, as_of=today()),
        capacity=year_capacity(session, organisation_id=organisation_id, today=today()),
    )
