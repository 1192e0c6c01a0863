"""Who stays unmatched and why, and the CSV exports Excel opens (UTF-8 with BOM, `;`)."""

from __future__ import annotations

import csv
import io
from datetime import date

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from matching.buddies.rules import RULE_NAMES
from matching.models import MatchingRun
from tests.web.coordinator.conftest import engine_of, run_matching


def rows(response: object) -> list[list[str]]:
    """A CSV download as rows, after checking what Excel needs."""
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # type: ignore[attr-defined]
    assert "attachment" in response.headers["Content-Disposition"]  # type: ignore[attr-defined]
    raw: bytes = response.data  # type: ignore[attr-defined]
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_unmatched_families_with_their_reasons_and_the_gap(
    demo_app: Flask, demo_client: FlaskClient
) -> None:
    assert "Er is nog geen ronde klaar." in demo_client.get("/coordinator/unmatched").text
    run_id = run_matching(demo_app, demo_client)
    with Session(engine_of(demo_app)) as session:
        run = session.get(MatchingRun, run_id)
        assert run is not None
        uncovered, gap = run.stats["uncovered"], run.stats["recruitment_gap"]
    html = demo_client.get("/coordinator/unmatched").text
    assert f"Gezinnen zonder maatje: {len(uncovered)}" in html
    for row in uncovered:
        assert f'data-family="{row["family_id"]}"' in html
    assert "horen bij een andere organisatie" in html and "Wervingstekort" in html
    assert "Groepsdagdelen met te weinig studenten" in html
    families = rows(demo_client.get("/coordinator/unmatched/families.csv"))
    assert families[0][:4] == ["family_id", "reference", "district", "priority"]
    assert families[0][4 : 4 + len(RULE_NAMES)] == list(RULE_NAMES)
    assert [int(r[0]) for r in families[1:]] == [row["family_id"] for row in uncovered]
    assert all(r[-1] for r in families[1:])  # the reason in words
    gap_rows = rows(demo_client.get("/coordinator/unmatched/gap.csv"))
    assert gap_rows[0] == ["language", "district", "half_day", "families"]
    assert len(gap_rows) == len(gap) + 1
    sessions = rows(demo_client.get("/coordinator/unmatched/sessions.csv"))
    assert sessions[0][:3] == ["preschool", "preschool_postcode", "group"] and len(sessions) > 1


def test_people_and_matches_export_for_excel(demo_client: FlaskClient) -> None:
    volunteers = rows(demo_client.get("/coordinator/people/volunteers/export.csv"))
    assert volunteers[0][:3] == ["name", "email", "organisation"] and len(volunteers) == 26
    buddies = rows(
        demo_client.get("/coordinator/people/volunteers/export.csv?volunteer_kind=buddy")
    )
    assert 1 < len(buddies) < len(volunteers)
    matches = rows(demo_client.get("/coordinator/exports/matches.csv"))
    assert matches[0][0] == "match_id" and len(matches) == 12
    assert rows(demo_client.get("/coordinator/exports/placements.csv"))[0][0] == "placement_id"
    template = rows(demo_client.get("/coordinator/import/preschools/template.csv"))
    assert template == [["name", "organisation", "address", "postcode", "contact",
                         "morning_hours", "afternoon_hours", "active"]]  # fmt: skip


def test_an_exported_file_imports_again_without_duplicates(demo_client: FlaskClient) -> None:
    exported = demo_client.get("/coordinator/people/families/export.csv").data
    page = demo_client.post(
        "/coordinator/import/families",
        data={"file": (io.BytesIO(exported), "families.csv")},
        content_type="multipart/form-data",
    ).text
    assert 'data-count="new">0<' in page and 'data-count="bad">0<' in page
    assert 'data-count="existing">26<' in page


def test_a_run_without_placements_in_time_says_so(coordinator: FlaskClient, app: Flask) -> None:
    with Session(engine_of(app)) as session:
        stats = {"families": 5, "covered": 0, "uncovered": [], "recruitment_gap": [],
                 "placement": {"status": "UNKNOWN", "note": "no answer in time"}}  # fmt: skip
        session.add(MatchingRun(status="succeeded", as_of=date(2026, 11, 26), stats=stats))
        session.commit()
    page = coordinator.get("/coordinator/unmatched").text
    assert 'id="placement-unknown"' in page and "plaatsingsvoorstellen blijven" in page
    assert "plaatsingsvoorstellen blijven" in coordinator.get("/coordinator/runs/1").text
