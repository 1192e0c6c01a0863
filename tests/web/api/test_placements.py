"""Placements through the API: listed and read by the municipality, ended with a reason and
audited; partner organisations' tokens may not, read tokens may not end one."""

from __future__ import annotations

from sqlmodel import Session, select

from matching.db import make_engine, session_scope
from matching.models import AuditEvent, Organisation, Placement, Student
from matching.vocab import PlacementStatus
from tests.matching import placements as place


def _placement(database_url: str) -> int:
    """A running placement of the world's student Lotte; its id."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            provider = Organisation(code="spelenderwijs", name="Spelenderwijs",
                                    kind="preschool_provider")  # fmt: skip
            session.add(provider)
            session.flush()
            lotte = session.exec(select(Student).where(Student.name == "Lotte Visser")).one()
            school = place.preschool(session, provider, "De Regenboog", "overvecht")
            group = place.group(session, school, "Vlinders", ["mon_am"])
            made = place.placement(session, lotte, school, place.slots((group, "mon_am")))
            return int(made.id or 0)
    finally:
        engine.dispose()


def _stored(database_url: str, placement_id: int) -> tuple[Placement, list[AuditEvent]]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            row = session.get(Placement, placement_id)
            events = session.exec(select(AuditEvent).where(AuditEvent.entity == "placement"))
            assert row is not None
            return row, list(events.all())
    finally:
        engine.dispose()


def test_the_municipality_lists_reads_and_ends_a_placement(api, tokens, database_url):
    placement_id = _placement(database_url)
    city = tokens.headers("city")
    listed = api.get("/api/v1/placements?status=active", headers=city).get_json()
    assert [p["id"] for p in listed["items"]] == [placement_id] and listed["next_cursor"] is None
    one = api.get(f"/api/v1/placements/{placement_id}", headers=city).get_json()
    assert one["status"] == "active" and one["slots"][0]["half_day"] == "mon_am"
    body = {"reason": "moved", "note": "moved to Amersfoort", "ended_on": "2026-11-20"}
    ended = api.post(f"/api/v1/placements/{placement_id}/end", json=body, headers=city)
    assert ended.status_code == 200, ended.get_json()
    assert ended.get_json()["end_code"] == "moved"
    row, events = _stored(database_url, placement_id)
    assert (row.status, row.end_code, row.end_note) == ("ended", "moved", "moved to Amersfoort")
    assert [(e.action, e.detail["reason"]) for e in events] == [("ended", "moved")]
    again = api.post(f"/api/v1/placements/{placement_id}/end", json=body, headers=city)
    assert again.status_code == 409 and again.get_json()["code"] == "placement_ended"


def test_placements_are_the_municipalitys_only(api, tokens, database_url):
    placement_id = _placement(database_url)
    for name in ("al_amal", "taal"):
        answer = api.get(f"/api/v1/placements/{placement_id}", headers=tokens.headers(name))
        assert answer.status_code == 403
    read_only = api.post(f"/api/v1/placements/{placement_id}/end", json={"reason": "moved"},
                         headers=tokens.headers("city_read"))  # fmt: skip
    assert read_only.status_code == 403
    assert _stored(database_url, placement_id)[0].status == PlacementStatus.ACTIVE
