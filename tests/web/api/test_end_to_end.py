"""End to end: people, a run, an approval and the match through the API give the same result
as the same steps through the coordinator's pages (on a second database with the same world)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Flask
from sqlmodel import Session, SQLModel, select

from matching.db import make_engine, session_scope
from matching.models import Family, Match, MatchingRun, Organisation, Proposal, Volunteer
from scheduler.executor import execute_pending
from tests.web.api.conftest import api_config
from tests.web.conftest import AuthActions, built_app
from tests.web.dataset import COORDINATOR, populate
from web.database import ENGINE_KEY

BUDDIES = [
    {"name": "Hodan Farah", "postcode": "3563", "languages": ["so", "nl"], "gender": "female",
     "availability": ["mon_am", "wed_am"], "max_travel_km": 6, "vog_valid_until": "2027-12-31"},
    {"name": "Ayaan Warsame", "postcode": "3584", "languages": ["so"], "gender": "female",
     "availability": ["tue_pm"], "max_travel_km": 3, "vog_valid_until": "2027-12-31"},
]  # fmt: skip
FAMILY = {"reference": "GEM-SO-1", "postcode": "3564", "languages": ["so"],
          "availability": ["mon_am", "wed_am"], "needs": ["newcomer"], "urgent": True}  # fmt: skip


def through_the_api(app: Flask, headers: dict[str, str], city_id: int) -> dict[str, Any]:
    """Register, run, approve and read the match with API calls only."""
    api = app.test_client()
    for buddy in BUDDIES:
        answer = api.post("/api/v1/volunteers", json={**buddy, "organisation_id": city_id},
                          headers=headers)  # fmt: skip
        assert answer.status_code == 201, answer.get_json()
    family = api.post("/api/v1/families", json={**FAMILY, "organisation_id": city_id},
                      headers=headers).get_json()  # fmt: skip
    run = api.post("/api/v1/runs", json={}, headers=headers).get_json()
    assert run["status"] == "requested" and run["done"] is False
    assert api.post("/api/v1/runs", json={}, headers=headers).get_json()["code"] == "run_busy"
    assert execute_pending(app.extensions[ENGINE_KEY]) == [run["id"]]
    status = api.get(f"/api/v1/runs/{run['id']}", headers=headers).get_json()
    assert status["status"] == "succeeded" and status["done"], status
    assert status["covered"] >= 1 and status["proposals_made"] >= 1
    left = api.get("/api/v1/unmatched", headers=headers).get_json()
    with Session(app.extensions[ENGINE_KEY]) as session:
        stored = session.get(MatchingRun, run["id"])
        assert stored is not None
        stats = stored.stats
    assert left["run_id"] == run["id"] and left["recruitment_gap"] == stats["recruitment_gap"]
    assert [f["family_id"] for f in left["families"]] == [
        row["family_id"] for row in stats["uncovered"]
    ]
    assert family["id"] not in {f["family_id"] for f in left["families"]}
    assert all(f["reason"] and sum(f["funnel"].values()) >= 0 for f in left["families"])
    coverage = api.get("/api/v1/coverage", headers=headers).get_json()
    assert coverage["run_id"] == run["id"] and coverage["covered"] == status["covered"]
    assert sum(c["families"] for c in coverage["by_district"].values()) == coverage["families"]
    proposals = api.get(f"/api/v1/proposals?run_id={run['id']}&limit=200", headers=headers)
    mine = [p for p in proposals.get_json()["items"] if p["family_id"] == family["id"]]
    assert len(mine) == 1
    decision = api.post(f"/api/v1/proposals/{mine[0]['id']}/approve", headers=headers)
    assert decision.status_code == 200, decision.get_json()
    match = api.get(f"/api/v1/matches/{decision.get_json()['match_id']}", headers=headers)
    return describe(app, mine[0]["id"], match.get_json()["id"])


def through_the_pages(app: Flask, city_id: int) -> dict[str, Any]:
    """The same steps as a signed-in coordinator using the forms and buttons."""
    client = app.test_client()
    AuthActions(client).login(COORDINATOR.email)
    for buddy in BUDDIES:
        form = {**buddy, "organisation_id": city_id, "kind": "buddy", "capacity": "1",
                "languages": ", ".join(buddy["languages"]), "active": "y"}  # fmt: skip
        answer = client.post("/coordinator/people/volunteers/new", data=form)
        assert answer.status_code == 302, re.findall(r"class=\"error[^>]*>([^<]*)", answer.text)
    form = {**FAMILY, "organisation_id": city_id, "network_id": "", "languages": "so",
            "buddy_gender_wish": "any", "sessions_required": "1", "stacked_problems": "0",
            "registered_on": "2026-11-26", "status": "waiting", "urgent": "y"}  # fmt: skip
    answer = client.post("/coordinator/people/families/new", data=form)
    assert answer.status_code == 302, re.findall(r"class=\"error[^>]*>([^<]*)", answer.text)
    assert client.post("/coordinator/runs/").status_code == 302
    execute_pending(app.extensions[ENGINE_KEY])
    with Session(app.extensions[ENGINE_KEY]) as session:
        family = session.exec(select(Family).where(Family.reference == FAMILY["reference"])).one()
        proposal = session.exec(select(Proposal).where(Proposal.family_id == family.id)).one()
    assert client.post(f"/coordinator/proposals/{proposal.id}/approve").status_code == 302
    with Session(app.extensions[ENGINE_KEY]) as session:
        match = session.exec(select(Match).where(Match.family_id == family.id)).one()
    return describe(app, proposal.id or 0, match.id or 0)


def describe(app: Flask, proposal_id: int, match_id: int) -> dict[str, Any]:
    """The outcome in names and values, not ids (the two databases number rows differently)."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        proposal = session.get(Proposal, proposal_id)
        match = session.get(Match, match_id)
        assert proposal is not None and match is not None
        volunteer = session.get(Volunteer, match.volunteer_id)
        family = session.get(Family, match.family_id)
        assert volunteer is not None and family is not None
        return {
            "volunteer": volunteer.name,
            "family": family.reference,
            "family_status": family.status,
            "score": proposal.score,
            "score_parts": proposal.score_parts,
            "proposal_status": proposal.status,
            "match": (
                match.status,
                match.start_date,
                match.expected_end,
                match.proposal_id == proposal.id,
            ),
        }


def test_the_api_gives_the_same_match_as_the_pages(api_app, tokens, database_url, tmp_path: Path):
    engine = make_engine(database_url)
    with Session(engine) as session:
        city_id = session.exec(
            select(Organisation.id).where(Organisation.code == "gemeente-utrecht")
        ).one()
    engine.dispose()
    by_api = through_the_api(api_app, tokens.headers("city"), city_id or 0)
    pages_url = f"sqlite:///{tmp_path / 'pages.sqlite'}"
    pages_engine = make_engine(pages_url)
    SQLModel.metadata.create_all(pages_engine)
    with session_scope(pages_engine) as session:
        populate(session)
    pages_engine.dispose()
    with built_app(pages_url, **api_config()) as pages_app:
        by_pages = through_the_pages(pages_app, city_id or 0)
    assert by_api == by_pages
    assert by_api["volunteer"] == "Hodan Farah" and by_api["family_status"] == "matched"
