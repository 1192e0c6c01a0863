"""The IDOR matrix over every operation of the OpenAPI document: another organisation's ids
are 404, a read token's writes are 403, an expired, revoked or unknown token is 401."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlmodel import Session, select

from matching.db import make_engine, session_scope
from matching.models import Family, Match, Organisation, Proposal, Volunteer
from matching.vocab import FamilyStatus
from tests.matching import stored as make

MUNICIPALITY_ONLY = {"runs", "students", "preschools", "groups", "placements"}
PARAM = re.compile(r"{([a-z_]+)}")
BODIES: dict[str, Any] = {
    "patch": {"availability": ["mon_am"]},
    "reject": {"reason": "not a good fit"},
    "pin": {"pinned": True},
    "end": {"reason": "moved", "note": "moved away"},
    "runs": {},
}


def operations(api) -> list[tuple[str, str, dict[str, Any]]]:
    """Every (method, path, operation) of the served OpenAPI document."""
    document = api.get("/api/v1/openapi.json").get_json()
    return [
        (method.upper(), path, spec)
        for path, methods in document["paths"].items()
        for method, spec in methods.items()
    ]


def body_for(method: str, path: str) -> Any:
    """A well-formed body for a write, so only access decides the answer."""
    if method == "PATCH":
        return BODIES["patch"]
    if method == "POST":
        return BODIES.get(path.rsplit("/", 1)[-1], {})
    return None


def call(api, method: str, url: str, headers: dict[str, str]) -> Any:
    """Send one request as the document describes it."""
    body = body_for(method, url)
    return api.open(url, method=method, headers=headers, json=body if body is not None else None)


def taal_ids(database_url: str) -> dict[str, int]:
    """Ids of Taal Doet Meer's records, for every kind of path parameter (a proposal and an
    expert are added: the world has none of them for Taal)."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            taal = session.exec(
                select(Organisation).where(Organisation.code == "taal-doet-meer")
            ).one()
            buddy = session.exec(
                select(Volunteer).where(Volunteer.organisation_id == taal.id)
            ).first()
            waiting = select(Family).where(
                Family.organisation_id == taal.id, Family.status == FamilyStatus.WAITING
            )
            family = session.exec(waiting).first()
            match = session.exec(select(Match).where(Match.organisation_id == taal.id)).first()
            expert = make.volunteer(session, taal, "Esra Demir", "west", kind="experience_expert")
            assert buddy and family and match
            proposal = Proposal(kind="buddy", volunteer_id=buddy.id, family_id=family.id)
            session.add(proposal)
            session.flush()
            return {
                "volunteers": buddy.id or 0,
                "experts": expert.id or 0,
                "families": family.id or 0,
                "match_id": match.id or 0,
                "proposal_id": proposal.id or 0,
                "run_id": 1,
                # municipality-only kinds: a partner's token is refused before any look-up
                "students": 1,
                "preschools": 1,
                "groups": 1,
                "placement_id": 1,
            }
    finally:
        engine.dispose()


def fill(path: str, ids: dict[str, int]) -> str:
    """The path with the ids of its kind filled in."""
    kind = path.split("/")[3]
    return PARAM.sub(lambda m: str(ids[kind] if m.group(1) == "row_id" else ids[m.group(1)]), path)


def snapshot(database_url: str) -> list[Any]:
    """Every volunteer, family, match and proposal as stored."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return [row.model_dump() for table in (Volunteer, Family, Match, Proposal)
                    for row in session.exec(select(table).order_by(table.id)).all()]  # fmt: skip
    finally:
        engine.dispose()


def test_another_organisations_ids_are_not_found(api, tokens, database_url):
    ids = taal_ids(database_url)
    before = snapshot(database_url)
    checked = 0
    for method, path, _spec in operations(api):
        if "{" not in path:
            continue
        answer = call(api, method, fill(path, ids), tokens.headers("al_amal"))
        expected = 403 if path.split("/")[3] in MUNICIPALITY_ONLY else 404
        assert answer.status_code == expected, (method, path, answer.get_json())
        assert answer.headers["Content-Type"] == "application/problem+json"
        checked += 1
    assert checked >= 24
    assert snapshot(database_url) == before
    # Taal's own token reaches the same records (the 404s above were scoping, not absence).
    own = api.get(fill("/api/v1/volunteers/{row_id}", ids), headers=tokens.headers("taal"))
    assert own.status_code == 200


def test_lists_show_only_the_organisations_own_people(api, tokens, database_url):
    ids = taal_ids(database_url)
    for kind in ("volunteers", "experts", "families"):
        page = api.get(f"/api/v1/{kind}?limit=200", headers=tokens.headers("al_amal")).get_json()
        assert page["items"] and {row["organisation_id"] for row in page["items"]} == {
            next(iter({row["organisation_id"] for row in page["items"]}))
        }
        assert ids[kind] not in {row["id"] for row in page["items"]}
    proposals = api.get("/api/v1/proposals", headers=tokens.headers("al_amal")).get_json()
    assert ids["proposal_id"] not in {p["id"] for p in proposals["items"]}
    matches = api.get("/api/v1/matches", headers=tokens.headers("al_amal")).get_json()
    assert ids["match_id"] not in {m["id"] for m in matches["items"]}


@pytest.mark.parametrize("token", ["city_read", "al_amal_read"])
def test_a_read_token_may_not_write(api, tokens, database_url, token):
    ids = taal_ids(database_url)
    before = snapshot(database_url)
    writes = [(m, p) for m, p, _spec in operations(api) if m != "GET"]
    assert len(writes) >= 10
    for method, path in writes:
        answer = call(api, method, fill(path, ids), tokens.headers(token))
        assert answer.status_code == 403, (method, path)
        assert answer.get_json()["code"] == "read_only_token"
    assert snapshot(database_url) == before


@pytest.mark.parametrize("token", ["expired", "revoked", "unknown", "missing"])
def test_an_expired_revoked_or_unknown_token_is_refused(api, tokens, database_url, token):
    ids = taal_ids(database_url)
    special = {"missing": {}, "unknown": {"Authorization": "Bearer kmt_nonsense"}}
    headers = special[token] if token in special else tokens.headers(token)
    for method, path, spec in operations(api):
        answer = call(api, method, fill(path, ids), headers)
        assert answer.status_code == 401, (method, path)
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        assert "401" in spec["responses"]
