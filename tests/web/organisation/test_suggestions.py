"""Ranked buddy suggestions for one mother, and assigning one to start a trajectory."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import AuditEvent, Family, Match, Organisation, Proposal, Volunteer
from tests.web.conftest import AuthActions
from tests.web.dataset import AL_AMAL
from tests.web.organisation.conftest import TODAY
from web.database import ENGINE_KEY


@pytest.fixture
def eligible(app: Flask, ids: dict[str, int]) -> dict[str, int]:
    """Fatima gets a valid VOG and AA-001 her Monday morning: Fatima may be matched with her."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        fatima = session.get(Volunteer, ids["Fatima El Idrissi"])
        mother = session.get(Family, ids["AA-001"])
        assert fatima is not None and mother is not None
        fatima.vog_valid_until = date(2028, 1, 1)
        mother.availability = ["mon_am"]
        session.commit()
    return ids


def test_suggestions_ranked_with_reasons(
    client: FlaskClient, auth: AuthActions, eligible: dict[str, int]
) -> None:
    """Fatima is suggested with her score and reasons in Dutch; the funnel explains the rest."""
    auth.login(AL_AMAL.email)
    html = client.get(f"/organisation/families/{eligible['AA-001']}/suggestions").text
    assert f'data-volunteer-id="{eligible["Fatima El Idrissi"]}"' in html
    assert "spreekt Arabisch" in html and "1 dagdelen gemeenschappelijk" in html
    assert "Fatima El Idrissi koppelen" in html
    assert "Samira Bakkali" not in html.split('id="funnel"')[0]  # lives in Zuidwest, too far
    funnel = html.split('id="funnel"')[1]
    assert "Van uw 2 actieve maatjes:" in funnel and "1 wonen verder dan hun reisafstand" in funnel


def test_no_suggestions_says_why(
    client: FlaskClient, auth: AuthActions, ids: dict[str, int]
) -> None:
    """Without an eligible buddy the page says so, and which rule removed whom."""
    auth.login(AL_AMAL.email)
    html = client.get(f"/organisation/families/{ids['AA-001']}/suggestions").text
    assert 'id="no-suggestions"' in html
    assert "hebben te weinig dagdelen gemeenschappelijk" in html


def test_assign_starts_the_trajectory(
    app: Flask, client: FlaskClient, auth: AuthActions, eligible: dict[str, int]
) -> None:
    """Assigning makes an approved proposal and a match with the expected end ≈ 2.5 years on."""
    auth.login(AL_AMAL.email)
    start = TODAY - timedelta(days=3)
    response = client.post(
        f"/organisation/families/{eligible['AA-001']}/assign",
        data={"volunteer_id": eligible["Fatima El Idrissi"], "start_date": start.isoformat()},
    )
    assert response.status_code == 302
    with Session(app.extensions[ENGINE_KEY]) as session:
        match = session.exec(select(Match).where(Match.family_id == eligible["AA-001"])).one()
        proposal = session.get(Proposal, match.proposal_id)
        family = session.get(Family, eligible["AA-001"])
        events = session.exec(select(AuditEvent)).all()
    assert response.headers["Location"] == f"/organisation/trajectories/{match.id}"
    assert (match.start_date, match.expected_end) == (start, start + timedelta(days=913))
    assert proposal is not None and (proposal.kind, proposal.status) == ("buddy", "approved")
    assert proposal.score_parts["first_language"] == "ar" and proposal.score_parts["points"]
    assert family is not None and family.status == "matched"
    assert {(e.entity, e.action) for e in events} >= {
        ("proposal", "approved"),
        ("match", "created"),
    }
    page = client.get(response.headers["Location"]).text
    assert "Fatima El Idrissi is nu het maatje; het traject is gestart." in page


def test_assign_uses_the_organisations_trajectory_days(
    app: Flask, client: FlaskClient, auth: AuthActions, eligible: dict[str, int]
) -> None:
    """The expected end follows the organisation's configured trajectory length."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        org = session.exec(select(Organisation).where(Organisation.code == "al-amal")).one()
        org.trajectory_days = 365
        session.commit()
    auth.login(AL_AMAL.email)
    client.post(
        f"/organisation/families/{eligible['AA-001']}/assign",
        data={"volunteer_id": eligible["Fatima El Idrissi"], "start_date": TODAY.isoformat()},
    )
    with Session(app.extensions[ENGINE_KEY]) as session:
        match = session.exec(select(Match).where(Match.family_id == eligible["AA-001"])).one()
    assert match.expected_end == TODAY + timedelta(days=365)


def test_assign_refusals(
    app: Flask, client: FlaskClient, auth: AuthActions, eligible: dict[str, int]
) -> None:
    """A busy buddy or a far start is refused with a message; nothing is stored."""
    auth.login(AL_AMAL.email)
    url = f"/organisation/families/{eligible['AA-001']}/assign"
    busy = client.post(
        url, data={"volunteer_id": eligible["Samira Bakkali"], "start_date": TODAY.isoformat()}
    )
    assert busy.status_code == 302
    page = client.get(busy.headers["Location"]).text
    assert "Dit maatje kan (niet meer) aan dit gezin worden gekoppeld." in page
    far = (TODAY + timedelta(days=200)).isoformat()
    client.post(url, data={"volunteer_id": eligible["Fatima El Idrissi"], "start_date": far})
    assert (
        "De start moet binnen 13 weken van vandaag liggen."
        in client.get(busy.headers["Location"]).text
    )
    with Session(app.extensions[ENGINE_KEY]) as session:
        assert (
            session.exec(select(Match).where(Match.family_id == eligible["AA-001"])).first() is None
        )
        assert session.exec(select(Proposal)).all() == []


def test_assigning_another_organisations_buddy_is_not_found(
    app: Flask, client: FlaskClient, auth: AuthActions, eligible: dict[str, int]
) -> None:
    """A foreign volunteer id in the form is a 404, like a foreign id in the address."""
    auth.login(AL_AMAL.email)
    response = client.post(
        f"/organisation/families/{eligible['AA-001']}/assign",
        data={"volunteer_id": eligible["Joke de Vries"], "start_date": TODAY.isoformat()},
    )
    assert response.status_code == 404
    with Session(app.extensions[ENGINE_KEY]) as session:
        assert session.exec(select(Proposal)).all() == []
