"""The organisation's home: its own volunteers, families and running trajectories."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from matching import scoping
from matching.models import Family, Organisation
from web.auth.users import signed_in
from web.database import db_session
from web.organisation import bp


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
        families=scoping.families_of(session, organisation_id=organisation_id),
        matches=scoping.active_matches_of(session, organisation_id=organisation_id),
    )


@bp.route("/families/<int:family_id>")
def family(family_id: int) -> ResponseReturnValue:
    """One of the organisation's families; another organisation's is not found (404)."""
    organisation_id = signed_in().organisation_id
    session = db_session()
    found = scoping.get_owned(
        session, table=Family, row_id=family_id, organisation_id=organisation_id
    )
    matches = scoping.active_matches_of(
        session, organisation_id=organisation_id, family_id=family_id
    )
    return render_template("organisation/family.html", family=found, matches=matches)
