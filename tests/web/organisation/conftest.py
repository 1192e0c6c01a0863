"""Ids of both partners' people in the web test world, and a fixed 'today' for the portal."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlmodel import Session, col, select

from matching.models import Family, Match, Volunteer
from web.database import ENGINE_KEY
from web.portal.dates import TODAY_KEY

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _fixed_today(app: Flask) -> None:
    """The portal's 'today' is a fixed date, so due dates and overdue marks do not drift."""
    app.config[TODAY_KEY] = TODAY


def ids_by_name(app: Flask) -> dict[str, int]:
    """Volunteers by name, families by reference, matches by 'buddy/family', to their ids."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        found = {v.name: v.id or 0 for v in session.exec(select(Volunteer))}
        families = {f.id: f.reference for f in session.exec(select(Family))}
        found.update({ref: fid or 0 for fid, ref in families.items()})
        names = {v.id: v.name for v in session.exec(select(Volunteer))}
        for m in session.exec(select(Match).order_by(col(Match.id))):
            found[f"{names[m.volunteer_id]}/{families[m.family_id]}"] = m.id or 0
    return found


@pytest.fixture
def ids(app: Flask) -> dict[str, int]:
    """The world's ids by name (see ids_by_name)."""
    return ids_by_name(app)
