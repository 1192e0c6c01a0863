"""What-if scenarios through the coordinator's pages: from the plan to a compared result, the
live proposals untouched, refusals naming their field, CSRF and roles."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import AuditEvent, Family, Proposal, Scenario
from matching.scenarios.figures import ScenarioResults
from matching.vocab import AuditEntity, ScenarioStatus
from scheduler.executor import execute_pending_scenarios
from tests.web.coordinator.conftest import engine_of, run_matching
from tests.web.dataset import COORDINATOR, PASSWORD
from tests.web.portal_access import signed_in


def proposals(app: Flask) -> list[tuple[object, ...]]:
    """Every proposal's content."""
    with Session(engine_of(app)) as session:
        rows = session.exec(select(Proposal).order_by(Proposal.id)).all()  # type: ignore[arg-type]
        return [tuple(p.model_dump().values()) for p in rows]


def scenario_id_of(response: object) -> int:
    """The scenario a redirect leads to."""
    location = response.headers["Location"]  # type: ignore[attr-defined]
    return int(re.search(r"/scenarios/(\d+)", location)[1])  # type: ignore[index]


def test_from_the_plan_to_a_compared_result(demo_app: Flask, demo_client: FlaskClient) -> None:
    """The plan's first recruit as a scenario: run, compared, its family shown and audited."""
    run_matching(demo_app, demo_client)
    unmatched = demo_client.get("/coordinator/unmatched").text
    assert 'data-try-step="1"' in unmatched
    before = proposals(demo_app)
    created = demo_client.post("/coordinator/scenarios/from-plan/1")
    assert created.status_code == 302
    scenario_id = scenario_id_of(created)
    page = demo_client.get(f"/coordinator/scenarios/{scenario_id}").text
    assert 'data-change="0"' in page and "Voeg 1 ×" in page and "apply-for-real" in page
    assert demo_client.post(f"/coordinator/scenarios/{scenario_id}/run").status_code == 302
    assert execute_pending_scenarios(engine_of(demo_app)) == [scenario_id]
    page = demo_client.get(f"/coordinator/scenarios/{scenario_id}").text
    assert 'id="scenario-results"' in page and 'id="compare-priority"' in page
    with Session(engine_of(demo_app)) as session:
        scenario = session.get(Scenario, scenario_id)
        assert scenario is not None and scenario.status == ScenarioStatus.SUCCEEDED
        results = ScenarioResults.model_validate(scenario.results)
        assert results.scenario.covered == results.base.covered + 1
        shown = [session.get(Family, f) for f in results.newly_covered]
        events = session.exec(
            select(AuditEvent).where(AuditEvent.entity == AuditEntity.FAMILY)
        ).all()
    newly = re.search(r'<ul id="newly-covered">(.*?)</ul>', page, re.S)
    assert newly is not None
    assert all(f is not None and f.reference in newly[1] for f in shown)
    looked = {(e.entity_id, e.detail.get("scenario")) for e in events}
    assert all((f.id, scenario_id) in looked for f in shown if f is not None)
    assert proposals(demo_app) == before


def test_a_refused_change_names_its_field(demo_app: Flask, demo_client: FlaskClient) -> None:
    """A negative number of recruits: 422, the field and why, nothing added."""
    run_matching(demo_app, demo_client)
    scenario_id = scenario_id_of(demo_client.post("/coordinator/scenarios/", data={"name": "x"}))
    refused = demo_client.post(
        f"/coordinator/scenarios/{scenario_id}/changes",
        data={
            "kind": "add_volunteers",
            "count": "-2",
            "organisation_id": "1",
            "languages": "ar",
            "district": "overvecht",
            "half_days": ["mon_am"],
        },
    )
    assert refused.status_code == 422
    assert "Aantal: Geef een getal van minstens 1." in refused.text
    unknown = demo_client.post(
        f"/coordinator/scenarios/{scenario_id}/changes",
        data={"kind": "remove_volunteer", "volunteer_id": "999999"},
    )
    assert unknown.status_code == 422 and "999999" in unknown.text
    added = demo_client.post(
        f"/coordinator/scenarios/{scenario_id}/changes", data={"kind": "raise_travel", "km": "1"}
    )
    assert added.status_code == 302
    with Session(engine_of(demo_app)) as session:
        scenario = session.get(Scenario, scenario_id)
        assert scenario is not None and scenario.changes == [{"kind": "raise_travel", "km": 1.0}]


def test_a_scenario_needs_a_run_and_a_change(demo_app: Flask, demo_client: FlaskClient) -> None:
    """Without a finished run no scenario starts; without a change none runs."""
    response = demo_client.post(
        "/coordinator/scenarios/", data={"name": "x"}, follow_redirects=True
    )
    assert "draai eerst de matching" in response.text
    run_matching(demo_app, demo_client)
    scenario_id = scenario_id_of(demo_client.post("/coordinator/scenarios/", data={"name": "x"}))
    refused = demo_client.post(f"/coordinator/scenarios/{scenario_id}/run")
    assert refused.status_code == 422 and "minstens één wijziging" in refused.text


def test_the_recruit_link_fills_in_the_new_volunteer_form(
    demo_app: Flask, demo_client: FlaskClient
) -> None:
    """'Register for real' opens the usual form with the profile; nothing is saved."""
    run_matching(demo_app, demo_client)
    scenario_id = scenario_id_of(demo_client.post("/coordinator/scenarios/from-plan/1"))
    page = demo_client.get(f"/coordinator/scenarios/{scenario_id}").text
    link = re.search(r'href="([^"]+)" class="apply-for-real"', page)
    assert link is not None
    form = demo_client.get(link[1].replace("&amp;", "&")).text
    assert re.search(r'name="availability"[^>]*value="\w+_\w+"[^>]*checked', form) or re.search(
        r'checked[^>]*name="availability"', form
    )


def test_only_coordinators_and_only_with_a_token(app: Flask, csrf_app: Flask) -> None:
    """Other roles get 403; every scenario form carries the CSRF token, a post without is 400."""
    for role in ("student", "al_amal", "taal"):
        assert signed_in(app, role).get("/coordinator/scenarios/").status_code == 403
    client = csrf_app.test_client()
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/auth/login").text
    )
    assert token is not None
    data = {"email": COORDINATOR.email, "password": PASSWORD, "csrf_token": token[1]}
    assert client.post("/auth/login", data=data).status_code == 302
    page = client.get("/coordinator/scenarios/").text
    assert 'id="new-scenario"' in page and 'name="csrf_token"' in page
    paths = (
        "/coordinator/scenarios/",
        "/coordinator/scenarios/from-plan/1",
        "/coordinator/scenarios/1/changes",
        "/coordinator/scenarios/1/run",
        "/coordinator/scenarios/1/recruits/1",
        "/coordinator/scenarios/1/changes/0/delete",
    )
    for path in paths:
        assert client.post(path, data={"name": "x"}).status_code == 400, path
