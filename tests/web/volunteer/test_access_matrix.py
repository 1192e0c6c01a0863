"""The access matrix of the volunteer role: another volunteer's offers, matches and families
are never found (404), no coordinator, organisation or student page opens (403), other
roles never reach the volunteer portal, and none of these attempts changes anything."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import AnyConverter, Rule

from tests.web.dataset import PASSWORD
from tests.web.portal_access import call, methods, portal_rules, signed_in, snapshot, url
from tests.web.volunteer.conftest import FATIMA, MEHMET, Loop

FORM = {"reason": "no_time", "note": "x", "met_on": "2026-12-01", "languages": "nl",
        "availability": ["fri_am"], "max_travel_km": "3"}  # fmt: skip


def _volunteer(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    response = client.post("/auth/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _values(rule: Rule, some_id: int) -> dict[str, Any]:
    """A value for each argument of the rule: the id given, or a choice the rule allows."""
    values: dict[str, Any] = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        values[name] = (
            sorted(converter.items)[0] if isinstance(converter, AnyConverter) else some_id
        )
    return values


def test_another_volunteers_offer_is_not_found_by_any_route(app: Flask, loop: Loop) -> None:
    """Fatima asks for Mehmet's offer through every offer route and method: 404, no change."""
    client = _volunteer(app, FATIMA)
    before = snapshot(app)
    routes = [r for r in portal_rules(app, "volunteer") if "offer_id" in r.arguments]
    assert {r.endpoint for r in routes} >= {"volunteer.offer", "volunteer.accept",
                                            "volunteer.decline", "volunteer.met",
                                            "volunteer.not_started"}  # fmt: skip
    for rule in routes:
        for method in methods(rule):
            for offer_id in (loop.mehmet_offer, loop.mehmet_match, loop.mehmet_family, 999999):
                path = url(app, rule, {"offer_id": offer_id})
                assert call(client, method, path, FORM) == 404, (method, rule.rule, offer_id)
    assert snapshot(app) == before


def test_ids_slipped_into_the_own_pages_show_nothing_of_another(app: Flask, loop: Loop) -> None:
    """Mehmet's family and match never appear on Fatima's pages, whatever the query says."""
    client = _volunteer(app, FATIMA)
    for path in ("/volunteer/", "/volunteer/profile"):
        page = client.get(f"{path}?offer_id={loop.mehmet_offer}&volunteer_id=0").text
        assert "TDM-001" not in page and "Mehmet" not in page and "Turks" not in page
    own = client.get(f"/volunteer/offers/{loop.fatima_offer}")
    assert own.status_code == 200 and "TDM-001" not in own.text


def test_no_coordinator_organisation_or_student_page_opens(app: Flask, loop: Loop) -> None:
    """Every route of the other portals answers 403 to a volunteer, and nothing changes."""
    client = _volunteer(app, MEHMET)
    before = snapshot(app)
    for blueprint in ("coordinator", "organisation", "student"):
        rules = portal_rules(app, blueprint)
        assert rules, blueprint
        for rule in rules:
            for method in methods(rule):
                path = url(app, rule, _values(rule, loop.fatima_family))
                assert call(client, method, path, FORM) == 403, (method, rule.rule)
    assert snapshot(app) == before


def test_other_roles_never_reach_the_volunteer_portal(app: Flask, loop: Loop) -> None:
    """Anonymous visitors go to sign in; coordinators, partners and students get 403."""
    before = snapshot(app)
    for role, expected in (("anonymous", 302), ("coordinator", 403), ("al_amal", 403),
                           ("taal", 403), ("student", 403)):  # fmt: skip
        client = signed_in(app, role)
        for rule in portal_rules(app, "volunteer"):
            for method in methods(rule):
                path = url(app, rule, _values(rule, loop.fatima_offer))
                assert call(client, method, path, FORM) == expected, (role, method, rule.rule)
    assert snapshot(app) == before
