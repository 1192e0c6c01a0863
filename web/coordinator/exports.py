"""CSV exports of people, trajectories and placements (UTF-8 with BOM, `;`: Excel opens them)."""

from __future__ import annotations

from flask.typing import ResponseReturnValue

from matching.tabular.export import matches_csv, people_csv, placements_csv
from web.coordinator import bp
from web.coordinator.common import csv_response
from web.coordinator.people import KIND, people_filter
from web.database import db_session
from web.portal.dates import today


@bp.route(f"/people/{KIND}/export.csv")
def people_export(kind: str) -> ResponseReturnValue:
    """The kind's rows that match the list's filters, with the import's columns."""
    chunks = people_csv(db_session(), kind, people_filter(kind), today())
    return csv_response(chunks, f"kansrijk-{kind}-{today().isoformat()}.csv")


@bp.route("/exports/matches.csv")
def matches_export() -> ResponseReturnValue:
    """Every trajectory, running and ended."""
    return csv_response(matches_csv(db_session()), f"kansrijk-matches-{today().isoformat()}.csv")


@bp.route("/exports/placements.csv")
def placements_export() -> ResponseReturnValue:
    """Every student placement."""
    chunks = placements_csv(db_session())
    return csv_response(chunks, f"kansrijk-placements-{today().isoformat()}.csv")
