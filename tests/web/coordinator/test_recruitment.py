"""The recruitment plan on the unmatched page and the dashboard, and its CSV (coordinators only)."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import AuditEvent, MatchingRun
from matching.recruitment.export import PLAN_HEADER
from matching.recruitment.plan import Plan, buddy_plan
from tests.web.coordinator.conftest import engine_of, run_matching
from tests.web.coordinator.test_unmatched_exports import rows
from tests.web.portal_access import signed_in


def plan_of(app: Flask, run_id: int) -> Plan:
    """The plan made straight from the matching layer, at the run's as-of date."""
    with Session(engine_of(app)) as session:
        run = session.get(MatchingRun, run_id)
        assert run is not None
        return buddy_plan(session, run.as_of, seed=run.seed)


def test_the_unmatched_page_shows_the_plan_and_its_curve(
    demo_app: Flask, demo_client: FlaskClient
) -> None:
    assert 'id="recruitment-plan"' not in demo_client.get("/coordinator/unmatched").text
    plan = plan_of(demo_app, run_matching(demo_app, demo_client))
    assert plan.steps
    html = demo_client.get("/coordinator/unmatched").text
    assert 'id="recruitment-plan"' in html and "Wervingstekort" in html
    covers = [int(n) for n in re.findall(r'data-covers="(\d+)"', html)]
    assert covers == [step.families[max(step.families)][0] for step in plan.steps]
    assert html.count('<tr data-step="') == len(plan.steps)
    assert "sprekend " in html and "vrij op " in html and "(postcodegebied " in html
    values = re.findall(r'data-priority="(\d)" data-values="([\d,]+)"', html)
    assert values, "the coverage curve has a line per priority gained"
    gained: dict[int, int] = {}
    for step in plan.steps:
        for level in step.families:
            gained[level] = gained.get(level, 0) + 1
    assert {int(p): int(v.split(",")[-1]) for p, v in values} == gained


def test_the_plan_exports_in_recruiter_words_and_is_audited(
    demo_app: Flask, demo_client: FlaskClient
) -> None:
    plan = plan_of(demo_app, run_matching(demo_app, demo_client))
    demo_client.post("/language", data={"locale": "en"})
    table = rows(demo_client.get("/coordinator/unmatched/plan.csv"))
    assert table[0] == list(PLAN_HEADER)
    assert [int(r[0]) for r in table[1:]] == [s.number for s in plan.steps]
    for row, step in zip(table[1:], plan.steps, strict=True):
        assert "-speaking " in row[1] and "living in" in row[1] and ", free on " in row[1]
        assert row[3] == " ".join(step.profile.languages)
        assert int(row[10]) == step.families[int(row[9])][0]
    with Session(engine_of(demo_app)) as session:
        events = session.exec(select(AuditEvent)).all()
        assert any(e.detail.get("what") == "recruitment_plan" for e in events)


def test_the_dashboard_shows_the_top_three_recruits(
    demo_app: Flask, demo_client: FlaskClient
) -> None:
    plan = plan_of(demo_app, run_matching(demo_app, demo_client))
    html = demo_client.get("/coordinator/").text
    section = re.search(r'<section class="card" id="top-recruits">(.*?)</section>', html, re.S)
    assert section is not None
    steps = re.findall(r'<li data-step="(\d+)">(.*?)</li>', section[1], re.S)
    assert [int(n) for n, _ in steps] == [s.number for s in plan.steps[:3]]
    for (_n, text), step in zip(steps, plan.steps, strict=False):
        family = step.families[max(step.families)][0]
        assert f"helpt gezin #{family} (prioriteit {max(step.families)})" in text


def test_only_coordinators_see_the_plan(app: Flask) -> None:
    paths = ("/coordinator/unmatched/plan.csv", "/coordinator/unmatched", "/coordinator/")
    coordinator = signed_in(app, "coordinator")
    assert [coordinator.get(path).status_code for path in paths] == [200, 200, 200]
    assert rows(coordinator.get(paths[0])) == [list(PLAN_HEADER)]  # no run yet: no recruit
    for role in ("student", "al_amal", "taal"):
        client = signed_in(app, role)
        assert [client.get(path).status_code for path in paths] == [403, 403, 403], role


def test_the_student_options_page_lists_the_resolved_options(
    demo_app: Flask, demo_client: FlaskClient
) -> None:
    assert "Er is nog geen ronde klaar." in demo_client.get("/coordinator/unmatched/students").text
    run_matching(demo_app, demo_client)
    assert 'id="student-options-link"' in demo_client.get("/coordinator/unmatched").text
    html = demo_client.get("/coordinator/unmatched/students").text
    changes = re.findall(r'data-change="(\w+)" data-gain="(\d+)"', html)
    assert {change for change, _ in changes} == {"new_student", "extra_half_day"}
    assert all(int(gain) > 0 for _, gain in changes)
    assert "Een student meer" in html and "Een dagdeel meer van een geplaatste student" in html
    assert (
        signed_in(demo_app, "anonymous").get("/coordinator/unmatched/students").status_code == 302
    )
