"""The IDOR matrix of the organisation portal: every route × every role × others' ids.

Walks ``app.url_map``, so a new route is covered (or fails here until its ids are named).
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from tests.web.organisation.conftest import TODAY
from tests.web.portal_access import call, methods, portal_rules, signed_in, snapshot, url

# Each URL id, and which rows of the world it may name, per partner.
OWN = {
    "al_amal": {
        "family_id": ["AA-001", "AA-002", "AA-003"],
        "volunteer_id": ["Fatima El Idrissi", "Samira Bakkali", "Noor Haddad"],
        "match_id": ["Samira Bakkali/AA-002", "Fatima El Idrissi/AA-003"],
    },
    "taal": {
        "family_id": ["TDM-001", "TDM-002", "TDM-003"],
        "volunteer_id": ["Joke de Vries", "Mehmet Yilmaz"],
        "match_id": ["Joke de Vries/TDM-003"],
    },
}
CITY = {
    "family_id": ["GEM-001", "GEM-002", "GEM-003", "GEM-004"],
    "volunteer_id": ["Pieter Bakker", "Anna Jansen"],
    "match_id": ["Pieter Bakker/GEM-001", "Anna Jansen/GEM-002"],
}
OTHER = {"al_amal": "taal", "taal": "al_amal"}
MISSING_ID = 987654


def _forms(ids: dict[str, int], partner: str) -> dict[str, dict[str, Any]]:
    """A valid body for each POST, using the partner's own ids where one is needed."""
    own_volunteer = ids[OWN[partner]["volunteer_id"][0]]
    return {
        "organisation.edit_family": {
            "reference": "X-1", "postcode": "3562", "languages": "nl",
            "buddy_gender_wish": "any", "sessions_required": "1",
        },
        "organisation.volunteer": {
            "name": "X", "kind": "buddy", "gender": "female", "postcode": "3562",
            "max_travel_km": "5", "languages": "nl", "capacity": "1",
        },
        "organisation.assign": {"volunteer_id": own_volunteer, "start_date": TODAY.isoformat()},
        "organisation.new_check_in": {"check_in-on": TODAY.isoformat(), "check_in-note": "x"},
        "organisation.end": {"end-on": TODAY.isoformat(), "end-reason": "moved"},
    }  # fmt: skip


def _foreign(ids: dict[str, int], partner: str, name: str) -> list[int]:
    """Ids of this kind not the partner's: the other partner's, the city's, a missing one."""
    names = OWN[OTHER[partner]][name] + CITY[name]
    return [ids[n] for n in names] + [MISSING_ID]


def test_every_route_is_covered(app: Flask) -> None:
    """Each organisation route takes only ids the matrix knows how to fill."""
    known = set(CITY)
    for rule in portal_rules(app, "organisation"):
        assert set(rule.arguments) <= known, f"{rule.rule}: add its ids to the matrix"


def test_other_roles_are_refused_everywhere(app: Flask, ids: dict[str, int]) -> None:
    """Anonymous visitors go to sign in; coordinators and students get 403; nothing changes."""
    before = snapshot(app)
    values = {name: ids[names[0]] for name, names in OWN["al_amal"].items()}
    for role, expected in (("anonymous", 302), ("coordinator", 403), ("student", 403)):
        client = signed_in(app, role)
        for rule in portal_rules(app, "organisation"):
            path = url(app, rule, {k: v for k, v in values.items() if k in rule.arguments})
            for method in methods(rule):
                form = _forms(ids, "al_amal").get(rule.endpoint, {})
                assert call(client, method, path, form) == expected, (role, method, path)
    assert snapshot(app) == before


def test_another_organisations_ids_are_not_found(app: Flask, ids: dict[str, int]) -> None:
    """For both partners, every route with another organisation's (or no one's) id is a 404."""
    before = snapshot(app)
    for partner in ("al_amal", "taal"):
        client = signed_in(app, partner)
        forms = _forms(ids, partner)
        for rule in portal_rules(app, "organisation"):
            if not rule.arguments:
                continue
            (name,) = rule.arguments
            for foreign in _foreign(ids, partner, name):
                path = url(app, rule, {name: foreign})
                for method in methods(rule):
                    status = call(client, method, path, forms.get(rule.endpoint, {}))
                    assert status == 404, (partner, method, path)
    assert snapshot(app) == before


def test_own_ids_open(app: Flask, ids: dict[str, int]) -> None:
    """The same pages open with the partner's own ids: the 404s above are about ownership."""
    for partner in ("al_amal", "taal"):
        client = signed_in(app, partner)
        for rule in portal_rules(app, "organisation"):
            if "GET" not in methods(rule):
                continue
            (name,) = rule.arguments or {"": ""}
            own = OWN[partner][name] if name else [""]
            for row in own:
                path = url(app, rule, {name: ids[row]} if name else {})
                assert call(client, "GET", path, {}) == 200, (partner, path)
