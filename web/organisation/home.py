"""The organisation's home: its volunteers, families, running trajectories and places left."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from matching.models import Organisation
from matching.people import scoping
from matching.trajectories.capacity import year_capacity
from web.auth.users import signed_in
from web.database import db_session
from web.organisation import bp
from web.portal.dates import today
from web.volunteer.forms import AcceptForm


@bp.route("/")
def home() -> ResponseReturnValue:
    """The organisation's volunteers (with their load), families and active matches."""
    organisation_id = signed_in().organisation_id
    session = db_session()
    return render_template(
        "organisation/home.html",
        organisation=session.get(Organisation, organisation_id),
        volunteers=scoping.volunteers_of(session, organisation_id=organisation_id),
        load=scoping.active_match_counts(session, organisation_id=organisation_id),
        invite_form=AcceptForm(),  # a bare form: only its CSRF token is used
        families=scoping.families_of(session, organisation_id=organisation_id),
        matches=scoping.active_matches_of(session, organisation_id=organisation_id),
        capacity=year_capacity(session, organisation_id=organisation_id, today=today()),
    )
