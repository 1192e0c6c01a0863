"""Only coordinators reach the coordinator's pages: every route of the blueprint, GET and POST.

Walks ``app.url_map``, so a new route is covered as soon as it exists.
"""

from __future__ import annotations

from flask import Flask
from sqlmodel import Session, func, select

from matching.models import MatchingRun, OutboxMail
from tests.web.portal_access import call, methods, portal_rules, signed_in, snapshot, url
from web.database import ENGINE_KEY

VALUES = {
    "kind": "volunteers",
    "person_id": 1,
    "run_id": 1,
    "proposal_id": 1,
    "mail_id": 1,
    "throttle_id": 1,
    "token_id": 1,
    "offer_id": 1,
    "family_id": 1,
    "step": "accept",
}
FORM = {"reason": "no click", "pinned": "y", "proposal_ids": "1", "token": "x" * 32}


def test_every_route_takes_known_arguments(app: Flask) -> None:
    rules = portal_rules(app, "coordinator")
    assert len(rules) >= 25
    for rule in rules:
        assert set(rule.arguments) <= set(VALUES), f"{rule.rule}: add its arguments to VALUES"


def test_students_and_organisations_get_403_and_nothing_changes(app: Flask) -> None:
    before = snapshot(app)
    for role, expected in (("student", 403), ("al_amal", 403), ("taal", 403), ("anonymous", 302)):
        client = signed_in(app, role)
        for rule in portal_rules(app, "coordinator"):
            path = url(app, rule, {k: v for k, v in VALUES.items() if k in rule.arguments})
            for method in methods(rule):
                assert call(client, method, path, FORM) == expected, (role, method, path)
    assert snapshot(app) == before
    with Session(app.extensions[ENGINE_KEY]) as session:
        assert session.exec(select(func.count()).select_from(MatchingRun)).one() == 0
        assert session.exec(select(func.count()).select_from(OutboxMail)).one() == 0


def test_the_coordinator_reaches_every_page(app: Flask) -> None:
    client = signed_in(app, "coordinator")
    for rule in portal_rules(app, "coordinator"):
        if "GET" not in methods(rule):
            continue
        path = url(app, rule, {k: v for k, v in VALUES.items() if k in rule.arguments})
        assert call(client, "GET", path, {}) in (200, 404), path


def test_ids_beyond_the_database_range_are_not_found(app: Flask) -> None:
    client = signed_in(app, "coordinator")
    for path in ("/coordinator/runs/99999999999", "/coordinator/people/families/99999999999"):
        assert client.get(path).status_code == 404, path
    huge = "/coordinator/proposals/99999999999/approve"
    assert client.post(huge).status_code == 404
    bulk = client.post("/coordinator/proposals/approve", data={"proposal_ids": ["99999999999"]})
    assert bulk.status_code == 302
