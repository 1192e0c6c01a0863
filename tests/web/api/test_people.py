"""Volunteers and families through the API: the same validation as the forms, audited."""

from __future__ import annotations

from sqlmodel import Session, select

from matching.db import make_engine
from matching.models import ApiExternalReference, AuditEvent, Family, User, Volunteer
from tests.web.dataset import COORDINATOR

VOLUNTEER = {
    "name": "Yara Haddad",
    "postcode": "3561 AB",
    "languages": ["ar", "nl"],
    "availability": ["mon_am", "tue_pm"],
}


def _count(database_url: str, table: type, **where: object) -> int:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            statement = select(table)
            for name, value in where.items():
                statement = statement.where(getattr(table, name) == value)
            return len(session.exec(statement).all())
    finally:
        engine.dispose()


def test_create_read_update_deactivate_a_volunteer(api, tokens, database_url):
    created = api.post("/api/v1/volunteers", json=VOLUNTEER, headers=tokens.headers("al_amal"))
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["district"] == "overvecht" and body["languages"] == ["ar", "nl"]
    path = f"/api/v1/volunteers/{body['id']}"
    assert api.get(path, headers=tokens.headers("al_amal")).get_json()["name"] == "Yara Haddad"
    changed = api.patch(path, json={"capacity": 2}, headers=tokens.headers("al_amal"))
    assert changed.status_code == 200 and changed.get_json()["capacity"] == 2
    gone = api.post(f"{path}/deactivate", headers=tokens.headers("al_amal"))
    assert gone.status_code == 200 and gone.get_json()["active"] is False
    engine = make_engine(database_url)
    with Session(engine) as session:
        owner = session.exec(select(User).where(User.email == COORDINATOR.email)).one()
        events = session.exec(
            select(AuditEvent).where(AuditEvent.entity == "volunteer",
                                     AuditEvent.entity_id == body["id"])
        ).all()  # fmt: skip
    engine.dispose()
    assert [e.action for e in events] == ["created", "updated", "deactivated"]
    assert {e.actor_user_id for e in events} == {owner.id}
    assert events[0].detail["source"] == "api"


def test_refused_fields_are_problem_details_naming_each_field(api, tokens, database_url):
    bad = {**VOLUNTEER, "postcode": "1012 AB", "languages": ["xx"], "capacity": 0}
    answer = api.post("/api/v1/volunteers", json=bad, headers=tokens.headers("city"))
    assert answer.status_code == 422
    assert answer.headers["Content-Type"] == "application/problem+json"
    problem = answer.get_json()
    assert problem["status"] == 422 and problem["type"].startswith("urn:kansrijk:problem:")
    codes = {e["field"]: e["code"] for e in problem["errors"]}
    assert codes == {
        "postcode": "postcode_area",  # the codes the forms and the CSV import label
        "languages": "unknown_language",
        "capacity": "greater_than_equal",  # pydantic's error type
        "organisation_id": "missing",
    }
    assert _count(database_url, Volunteer, name="Yara Haddad") == 0


def test_a_municipal_token_names_the_organisation(api, tokens, database_url):
    answer = api.post("/api/v1/volunteers", json=VOLUNTEER, headers=tokens.headers("city"))
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == [
        {"field": "organisation_id", "code": "missing", "message": "Field required"}
    ]
    other = api.post("/api/v1/volunteers", json={**VOLUNTEER, "organisation_id": 999},
                     headers=tokens.headers("city"))  # fmt: skip
    assert other.get_json()["errors"] == [
        {"field": "organisation_id", "code": "unknown_organisation",
         "message": "is not a known organisation"}
    ]  # fmt: skip


def test_unknown_fields_and_ids_are_refused(api, tokens):
    answer = api.post(
        "/api/v1/volunteers",
        json={**VOLUNTEER, "id": 5, "lat": 1.0},
        headers=tokens.headers("al_amal"),
    )
    assert answer.status_code == 422
    assert {e["field"] for e in answer.get_json()["errors"]} == {"id", "lat"}


def test_idempotency_key_replays_the_first_answer(api, tokens, database_url):
    headers = tokens.headers("al_amal", **{"Idempotency-Key": "signup-77"})
    first = api.post("/api/v1/volunteers", json=VOLUNTEER, headers=headers)
    again = api.post("/api/v1/volunteers", json=VOLUNTEER, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert _count(database_url, Volunteer, name="Yara Haddad") == 1
    other = api.post("/api/v1/volunteers", json={**VOLUNTEER, "name": "X"}, headers=headers)
    assert other.status_code == 422 and other.get_json()["code"] == "idempotency_key_reused"


def test_an_external_reference_is_registered_once(api, tokens, database_url):
    body = {**VOLUNTEER, "external_reference": "platform-123"}
    first = api.post("/api/v1/volunteers", json=body, headers=tokens.headers("al_amal"))
    second = api.post("/api/v1/volunteers", json=body, headers=tokens.headers("al_amal"))
    assert first.status_code == 201
    assert second.status_code == 409
    assert second.get_json()["code"] == "duplicate_external_reference"
    assert _count(database_url, Volunteer, name="Yara Haddad") == 1
    assert _count(database_url, ApiExternalReference, reference="platform-123") == 1


def test_families_list_with_filters_and_cursor_and_reads_are_audited(api, tokens, database_url):
    headers = tokens.headers("city")
    first = api.get("/api/v1/families?limit=2", headers=headers).get_json()
    assert len(first["items"]) == 2 and first["next_cursor"] == first["items"][-1]["id"]
    seen = [f["id"] for f in first["items"]]
    cursor = first["next_cursor"]
    while cursor is not None:
        page = api.get(f"/api/v1/families?limit=2&after={cursor}", headers=headers).get_json()
        seen += [f["id"] for f in page["items"]]
        cursor = page["next_cursor"]
    assert seen == sorted(seen) and len(seen) == _count(database_url, Family)
    waiting = api.get("/api/v1/families?status=waiting&district=zuidwest", headers=headers)
    refs = {f["reference"] for f in waiting.get_json()["items"]}
    assert refs == {"TDM-001", "GEM-003"}
    assert _count(database_url, AuditEvent, entity="family", action="read") >= len(seen)


def test_a_family_registered_through_the_api_gets_todays_date(api, tokens):
    body = {"reference": "AA-100", "postcode": "3563", "languages": ["ar"], "needs": ["pregnancy"]}
    answer = api.post("/api/v1/families", json=body, headers=tokens.headers("al_amal"))
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["registered_on"] == "2026-11-26"
    assert answer.get_json()["status"] == "waiting"
