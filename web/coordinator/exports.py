"""CSV exports of people, trajectories and placements (UTF-8 with BOM, `;`: Excel opens them)."""

from __future__ import annotations

from flask import request
from flask.typing import ResponseReturnValue

from matching.privacy.looked import record_export
from matching.tabular.export import matches_csv, people_csv, placements_csv
from web.coordinator import bp
from web.coordinator.common import csv_response, filter_args
from web.coordinator.people import FILTER_KEYS, KIND, people_filter
from web.database import db_session
from web.portal.dates import today
from web.portal.users import acting_user


@bp.route(f"/people/{KIND}/export.csv")
def people_export(kind: str) -> ResponseReturnValue:
    """The kind's rows that match the list's filters, with the import's columns."""
    session = db_session()
    wanted = people_filter(kind)
    chunks = "".join(people_csv(session, kind, wanted, today()))
    # The filters, not a search text: that may be someone's name.
    filters = {key: value for key, value in filter_args(FILTER_KEYS).items() if key != "q"}
    record_export(session, user=acting_user(), what=kind, filters=filters)
    session.commit()
    return csv_response([chunks], f"kansrijk-{kind}-{today().isoformat()}.csv")


@bp.route("/exports/matches.csv")
def matches_export() -> ResponseReturnValue:
    """Every trajectory, running and ended; the end reasons' free text only when asked for."""
    session = db_session()
    free_text = request.args.get("notes") == "1"
    chunks = "".join(matches_csv(session, free_text=free_text))
    record_export(session, user=acting_user(), what="matches", notes=free_text)
    session.commit()
    return csv_response([chunks], f"kansrijk-matches-{today().isoformat()}.csv")


@bp.route("/exports/placements.csv")
def placements_export() -> ResponseReturnValue:
    """Every student placement."""
    session = db_session()
    chunks = "".join(placements_csv(session))
    record_export(session, user=acting_user(), what="placements")
    session.commit()
    return csv_response([chunks], f"kansrijk-placements-{today().isoformat()}.csv")
