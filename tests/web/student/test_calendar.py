"""The private calendar link: made, fetched without signing in, renewed, revoked; 404s alike."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from sqlmodel import Session

from matching.models import Student
from matching.students.calendar_token import token_digest
from tests.web.conftest import AuthActions
from tests.web.dataset import STUDENT
from tests.web.student.conftest import Placed, lotte
from web.database import ENGINE_KEY


def _feed_path(html: str) -> str:
    """The feed's path from the link shown on the student's page."""
    found = re.search(r'id="feed-url"[^>]*value="http://localhost(/calendar/[\w-]+\.ics)"', html)
    assert found, "no calendar link on the page"
    return found.group(1)


def _make_link(client: FlaskClient) -> str:
    """Ask for a (new) link and return its path."""
    response = client.post("/student/calendar")
    assert response.status_code == 302
    return _feed_path(client.get("/student/").text)


def test_feed_serves_the_placement_without_signing_in(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    """The link gives a text/calendar feed with the weekly events, to anyone who has it."""
    auth.login(STUDENT.email)
    path = _make_link(client)
    page = client.get("/student/").text
    assert 'href="webcal://localhost/calendar/' in page
    response = app.test_client().get(path)  # a calendar app: no session
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.data)
    starts = sorted(str(e["DTSTART"].dt) for e in calendar.walk("VEVENT"))
    assert starts == ["2025-09-01 08:30:00+02:00", "2025-09-04 13:00:00+02:00"]
    assert str(calendar["X-WR-CALNAME"]) == "Kansrijk Match: mijn stage"


def test_renewed_and_revoked_links_stop_working(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    """A new link replaces the old one; a revoked link is a 404 like a never-made one."""
    auth.login(STUDENT.email)
    anyone = app.test_client()
    first = _make_link(client)
    second = _make_link(client)
    assert first != second
    assert anyone.get(first).status_code == 404
    assert anyone.get(second).status_code == 200
    assert client.post("/student/calendar/revoke").status_code == 302
    assert "Je agendalink werkt niet meer." in client.get("/student/").text
    revoked = anyone.get(second)
    never = anyone.get("/calendar/" + "x" * 43 + ".ics")
    assert revoked.status_code == never.status_code == 404
    assert revoked.data == never.data
    with Session(app.extensions[ENGINE_KEY]) as session:
        assert lotte(session).calendar_token is None


def test_wrong_tokens_are_plain_404s(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    """A near miss, a malformed token and a path trick all get the same 404 page."""
    auth.login(STUDENT.email)
    path = _make_link(client)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    near = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    anyone = app.test_client()
    pages = [anyone.get(f"/calendar/{wrong}.ics") for wrong in (near, "abc", token.upper())]
    assert {(p.status_code, p.data) for p in pages} == {(404, b"Not found\n")}
    assert anyone.get(f"/calendar/{token}").status_code == 404  # without .ics


def test_feed_of_a_student_without_placement_is_an_empty_calendar(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """A subscription made before placement keeps working and simply has no events yet."""
    auth.login(STUDENT.email)
    response = app.test_client().get(_make_link(client))
    assert response.status_code == 200
    assert Calendar.from_ical(response.data).walk("VEVENT") == []


def test_each_token_shows_only_its_own_student(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    """Another student's token shows that student's (empty) calendar, never Lotte's placement."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        iris = session.get(Student, placed.other_student_id)
        assert iris is not None
        iris.calendar_token = token_digest("iris-token-0123456789abcdefghijklmnopqrstuv")
        session.commit()
    response = app.test_client().get("/calendar/iris-token-0123456789abcdefghijklmnopqrstuv.ics")
    assert response.status_code == 200 and b"De Regenboog" not in response.data


def test_the_token_is_stored_hashed_and_shown_only_where_it_was_made(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    """The database keeps the SHA-256 of the token, never the token; another browser of the
    same student sees that a link works, not the link."""
    auth.login(STUDENT.email)
    token = _make_link(client).removeprefix("/calendar/").removesuffix(".ics")
    with Session(app.extensions[ENGINE_KEY]) as session:
        stored = lotte(session).calendar_token
    assert stored == token_digest(token) and token not in (stored or "")
    other = app.test_client()
    AuthActions(other).login(STUDENT.email)
    page = other.get("/student/").text
    assert 'id="feed-hidden"' in page and token not in page
