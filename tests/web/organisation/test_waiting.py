"""The waiting list by priority and due date, and the places left this calendar year."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import Family, Match, Organisation
from tests.web.conftest import AuthActions
from tests.web.dataset import AL_AMAL
from web.database import ENGINE_KEY


def test_waiting_list_and_places_left(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: dict[str, int]
) -> None:
    """With 15 places and one trajectory started this year, 14 are left; mothers by priority."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        org = session.exec(select(Organisation).where(Organisation.code == "al-amal")).one()
        org.yearly_capacity = 15
        samira = session.get(Match, ids["Samira Bakkali/AA-002"])
        samira.start_date = date(2026, 3, 2)  # started this year: uses one place
        soon = Family(
            **{
                **session.get(Family, ids["AA-001"]).model_dump(exclude={"id"}),
                "reference": "AA-050",
                "due_date": date(2027, 1, 10),
                "registered_on": date(2026, 11, 1),
            }
        )
        session.add(soon)
        session.commit()
    auth.login(AL_AMAL.email)
    html = client.get("/organisation/waiting-list").text
    assert re.search(r'id="places-left">14<', html)
    assert "15</strong> nieuwe trajecten per jaar" in html
    order = re.findall(r'data-family-id="\d+">.*?>(AA-\d+)</a>', html, re.S)
    # AA-001 waits since January 2025 (priority 1); AA-050 is due within 12 weeks (also 1),
    # so the earlier due date comes first. Matched and closed mothers are not on the list.
    assert order == ["AA-050", "AA-001"]
    assert "14</strong> plekken over in 2026" in client.get("/organisation/").text


def test_no_yearly_limit(client: FlaskClient, auth: AuthActions) -> None:
    """An organisation without a yearly capacity is told so."""
    auth.login(AL_AMAL.email)
    html = client.get("/organisation/waiting-list").text
    assert "Uw organisatie heeft geen jaarlijkse grens voor nieuwe trajecten." in html
