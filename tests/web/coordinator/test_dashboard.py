"""The dashboard: waiting families by priority, the runs, the map, the trend; every link works."""

from __future__ import annotations

import re
from html import unescape

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from matching.models import MatchingRun, OutboxMail
from tests.web.coordinator.conftest import engine_of, run_matching


def cells(html: str, district: str) -> list[str]:
    """The cells of one district's row of the priority table (5 … 0, then the total)."""
    row = re.search(rf'<tr data-priority-district="{district}">(.*?)</tr>', html, re.S)
    assert row is not None, district
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td.*?</td>", row[1], re.S)
    ]


def test_waiting_families_by_priority_and_district(coordinator: FlaskClient) -> None:
    html = coordinator.get("/coordinator/").text
    assert cells(html, "zuidwest") == ["0", "0", "0", "0", "2", "0", "2"]
    assert cells(html, "binnenstad") == ["0", "0", "0", "0", "1", "0", "1"]
    assert cells(html, "zuid") == ["0"] * 7
    assert (
        "/coordinator/people/families/?status=waiting&amp;district=zuidwest&amp;priority=1" in html
    )
    assert "Wachtende gezinnen per prioriteit en wijk" in html


def test_before_any_run_the_map_is_grey_and_the_trend_waits(coordinator: FlaskClient) -> None:
    html = coordinator.get("/coordinator/").text
    assert html.count('class="area shade-none"') == 10
    assert "Het verloop verschijnt na de eerste ronde." in html
    assert "geen gezinnen" in html and 'id="start-run"' in html


def links(html: str) -> set[str]:
    """Every coordinator link on a page."""
    return {unescape(href) for href in re.findall(r'href="(/coordinator/[^"#]*)"', html)}


def test_after_a_run_every_link_of_the_dashboard_answers(
    demo_app: Flask, demo_client: FlaskClient
) -> None:
    run_id = run_matching(demo_app, demo_client)
    html = demo_client.get("/coordinator/").text
    assert f'data-run="{run_id}"' in html and "shade-none" in html
    with Session(engine_of(demo_app)) as session:
        run = session.get(MatchingRun, run_id)
        assert run is not None
        by_district = run.stats["by_district"]
    pattern = r'class="area shade-(\d)" data-district="([a-z-]+)"'
    shaded = {district: int(shade) for shade, district in re.findall(pattern, html)}
    assert shaded == {
        code: min(4, 5 * figures["covered"] // figures["families"])
        for code, figures in by_district.items()
    }
    assert f'href="/coordinator/runs/{run_id}"' in html
    found = links(html)
    assert len(found) > 40
    for href in sorted(found):
        assert demo_client.get(href).status_code == 200, href


def test_a_mail_that_failed_shows_a_notice(coordinator: FlaskClient, app: Flask) -> None:
    with Session(engine_of(app)) as session:
        session.add(OutboxMail(recipient="a@example.nl", subject="s", body="b", attempts=1,
                               last_error="ConnectionRefusedError: [Errno 111]"))  # fmt: skip
        session.commit()
    html = coordinator.get("/coordinator/").text
    assert 'id="mail-notice"' in html and "E-mails nog niet verstuurd: 1" in html
