"""The coordinator's home: coverage per district."""

from __future__ import annotations

from flask import render_template
from flask.typing import ResponseReturnValue

from matching.dashboard import district_table
from web.coordinator import bp
from web.database import db_session


@bp.route("/")
def home() -> ResponseReturnValue:
    """Waiting families, free volunteers and active students per district, with totals."""
    return render_template("coordinator/home.html", table=district_table(db_session()))
