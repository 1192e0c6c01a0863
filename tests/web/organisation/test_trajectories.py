"""Following trajectories: overdue check-ins highlighted, adding one, ending with a reason."""

from __future__ import annotations

import re
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import CheckIn, Family, Match
from tests.web.conftest import AuthActions
from tests.web.dataset import AL_AMAL
from tests.web.organisation.conftest import TODAY
from web.database import ENGINE_KEY

SAMIRA = "Samira Bakkali/AA-002"


def test_overdue_trajectories_are_highlighted(
    client: FlaskClient, auth: AuthActions, ids: dict[str, int]
) -> None:
    """A trajectory without check-ins since its start in 2025 is overdue, listed and marked."""
    auth.login(AL_AMAL.email)
    html = client.get("/organisation/trajectories").text
    row = re.search(rf'<tr class="overdue" data-match-id="{ids[SAMIRA]}">(.*?)</tr>', html, re.S)
    assert row and "te laat" in row.group(1) and "AA-002" in row.group(1)
    assert "Regel voor contactmomenten: het eerste contactmoment is 4 weken na de start" in html
    ended = html.split('id="ended"')[1]
    assert "AA-003" in ended and "moved away" in ended  # the world's ended trajectory


def test_add_check_in_clears_overdue(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: dict[str, int]
) -> None:
    """A dated note is stored with its author; the trajectory is no longer overdue."""
    auth.login(AL_AMAL.email)
    url = f"/organisation/trajectories/{ids[SAMIRA]}"
    response = client.post(
        f"{url}/check-ins",
        data={
            "check_in-on": TODAY.isoformat(),
            "check_in-note": "Samen naar het consultatiebureau.",
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == url
    page = client.get(url).text
    assert (
        "Het contactmoment is opgeslagen." in page and "Samen naar het consultatiebureau." in page
    )
    assert 'id="next-due">25 februari 2027<' in page  # 13 weeks on, not overdue
    with Session(app.extensions[ENGINE_KEY]) as session:
        (check_in,) = session.exec(select(CheckIn)).all()
    assert check_in.on == TODAY and check_in.author_id is not None
    listing = client.get("/organisation/trajectories").text
    assert f'<tr class="" data-match-id="{ids[SAMIRA]}">' in listing


def test_check_in_errors_stay_on_the_page(
    client: FlaskClient, auth: AuthActions, ids: dict[str, int]
) -> None:
    """An empty note or a date in the future is refused beside its field."""
    auth.login(AL_AMAL.email)
    url = f"/organisation/trajectories/{ids[SAMIRA]}/check-ins"
    empty = client.post(url, data={"check_in-on": TODAY.isoformat(), "check_in-note": ""})
    assert empty.status_code == 200 and 'id="check_in-note-error"' in empty.text
    future = client.post(
        url, data={"check_in-on": (TODAY + timedelta(days=2)).isoformat(), "check_in-note": "x"}
    )
    assert "De datum moet tussen de start van het traject en vandaag liggen." in future.text


def test_ending_with_a_reason_frees_the_buddy(
    app: Flask, client: FlaskClient, auth: AuthActions, ids: dict[str, int]
) -> None:
    """Ending with 'buddy stopped' puts the mother back on the waiting list; the buddy is free."""
    auth.login(AL_AMAL.email)
    url = f"/organisation/trajectories/{ids[SAMIRA]}"
    response = client.post(
        f"{url}/end",
        data={"end-on": TODAY.isoformat(), "end-reason": "buddy_stopped", "end-note": "Verhuisd"},
    )
    assert response.status_code == 302
    with Session(app.extensions[ENGINE_KEY]) as session:
        match = session.get(Match, ids[SAMIRA])
        family = session.get(Family, ids["AA-002"])
    assert match is not None and (match.status, match.ended_on) == ("ended", TODAY)
    assert (match.end_code, match.end_note) == ("buddy_stopped", "Verhuisd")
    assert family is not None and family.status == "waiting"
    page = client.get(url).text
    assert 'id="ended-reason">Het maatje is gestopt: Verhuisd<' in page
    assert "0 / 1" in client.get("/organisation/").text  # Samira has room again


def test_ending_for_another_reason_needs_a_note(
    client: FlaskClient, auth: AuthActions, ids: dict[str, int]
) -> None:
    """'Other reason' without a note is refused beside the reason; the trajectory runs on."""
    auth.login(AL_AMAL.email)
    url = f"/organisation/trajectories/{ids[SAMIRA]}/end"
    response = client.post(url, data={"end-on": TODAY.isoformat(), "end-reason": "other"})
    assert response.status_code == 200
    assert "Vul een notitie in bij een andere reden." in response.text
    missing = client.post(url, data={"end-on": TODAY.isoformat()})
    assert 'id="end-reason-error"' in missing.text
