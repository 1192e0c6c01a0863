"""Reviewing proposals on the `small` demo: reasons in words, approve, reject, pin, bulk, audit."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, col, select

from matching.models import AuditEvent, Match, OutboxMail, Placement, Proposal
from tests.web.coordinator.conftest import engine_of, run_matching


def open_proposals(app: Flask, kind: str = "buddy") -> list[Proposal]:
    with Session(engine_of(app)) as session:
        statement = (
            select(Proposal)
            .where(Proposal.status == "proposed", Proposal.kind == kind)
            .order_by(col(Proposal.id))
        )
        return list(session.exec(statement).all())


def proposal(app: Flask, proposal_id: int) -> Proposal:
    with Session(engine_of(app)) as session:
        found = session.get(Proposal, proposal_id)
        assert found is not None
        return found


def test_proposals_grouped_by_family_with_reasons_in_words(
    demo_app: Flask, demo_client: FlaskClient
) -> None:
    run_matching(demo_app, demo_client)
    html = demo_client.get("/coordinator/proposals/").text
    shown = [int(i) for i in re.findall(r'data-proposal="(\d+)"', html)]
    assert sorted(shown) == [p.id for p in open_proposals(demo_app)]
    assert html.count('class="card proposal-group"') == len(
        {p.family_id for p in open_proposals(demo_app)}
    )
    first = open_proposals(demo_app)[0]
    km = f"{first.score_parts['distance_km']:.1f}".replace(".", ",")
    assert f"{km} km" in html and "dagdelen" in html and "Goedkeuren" in html
    english = demo_client.post("/language", data={"locale": "en"})
    assert english.status_code == 302
    assert "half-days in common" in demo_client.get("/coordinator/proposals/").text
    placements = demo_client.get("/coordinator/proposals/?kind=placement").text
    assert "of 20 points for distance" in placements and "Half-days" in placements


def test_approve_reject_and_pin(demo_app: Flask, demo_client: FlaskClient) -> None:
    run_matching(demo_app, demo_client)
    first, second, third = open_proposals(demo_app)[:3]
    back = {"next": "/coordinator/proposals/?district=zuid"}
    response = demo_client.post(f"/coordinator/proposals/{first.id}/approve", data=back)
    assert response.headers["Location"] == "/coordinator/proposals/?district=zuid"
    with Session(engine_of(demo_app)) as session:
        match = session.exec(select(Match).where(Match.proposal_id == first.id)).one()
        assert match.status == "active"
        assert session.exec(select(OutboxMail)).first() is not None
    refused = demo_client.post(f"/coordinator/proposals/{second.id}/reject", data={"reason": " "})
    assert refused.status_code == 302 and proposal(demo_app, second.id or 0).status == "proposed"
    demo_client.post(f"/coordinator/proposals/{second.id}/reject", data={"reason": "no click"})
    assert proposal(demo_app, second.id or 0).reason == "no click"
    demo_client.post(f"/coordinator/proposals/{third.id}/pin", data={"pinned": "y"})
    assert proposal(demo_app, third.id or 0).pinned is True
    again = demo_client.post(f"/coordinator/proposals/{first.id}/approve", follow_redirects=True)
    assert "Over dit voorstel is al beslist." in again.text
    run_matching(demo_app, demo_client)
    pairs = {(p.volunteer_id, p.family_id) for p in open_proposals(demo_app)}
    assert (second.volunteer_id, second.family_id) not in pairs
    assert (third.volunteer_id, third.family_id) in pairs
    audit = demo_client.get("/coordinator/audit?entity=proposal").text
    assert "Reden: no click" in audit and "Coördinator Gemeente Utrecht" in audit
    assert "vastgezet" in audit and "afgewezen" in audit and "goedgekeurd" in audit


def test_bulk_approval_approves_the_selected_and_explains_refusals(
    demo_app: Flask, demo_client: FlaskClient
) -> None:
    run_matching(demo_app, demo_client)
    chosen = [p.id for p in open_proposals(demo_app)[:2]]
    placement = open_proposals(demo_app, "placement")[0]
    with Session(engine_of(demo_app)) as session:
        decided = session.exec(select(Proposal.id).where(Proposal.status == "approved")).first()
    ids = [*chosen, decided, placement.id, "x"]
    before = open_proposals(demo_app)
    response = demo_client.post("/coordinator/proposals/approve", data={"proposal_ids": ids})
    assert response.status_code == 302 and open_proposals(demo_app) == before
    page = demo_client.post(
        "/coordinator/proposals/approve",
        data={"proposal_ids": [*chosen, decided, placement.id]},
        follow_redirects=True,
    ).text
    assert "Goedgekeurd: 3." in page and f"#{decided} niet goedgekeurd" in page
    with Session(engine_of(demo_app)) as session:
        made = session.exec(select(Match).where(col(Match.proposal_id).in_(chosen))).all()
        assert len(made) == 2
        placed = session.exec(select(Placement).where(Placement.proposal_id == placement.id)).one()
        assert placed.status == "active" and placed.confirmed
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "approved")).all()
        assert {e.entity_id for e in events} >= {*chosen, placement.id}
    none = demo_client.post("/coordinator/proposals/approve", data={}, follow_redirects=True)
    assert "Vink eerst de voorstellen aan" in none.text
