"""The student confirms or declines an approved placement in the portal; the coordinator sees
a decline as a gap; nobody answers for another student."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from matching.db import session_scope
from matching.models import Placement
from matching.vocab import PlacementAnswer
from tests.web.conftest import AuthActions
from tests.web.dataset import COORDINATOR, STUDENT
from tests.web.student.conftest import Placed
from web.database import ENGINE_KEY


def _pending(app: Flask, placed: Placed) -> None:
    """Make Lotte's placement one that waits for her answer (as an approval leaves it)."""
    with session_scope(app.extensions[ENGINE_KEY]) as session:
        placement = session.get(Placement, placed.placement_id)
        assert placement is not None
        placement.answer = PlacementAnswer.PENDING
        placement.answer_due = datetime(2026, 12, 10, 11, 0, tzinfo=UTC)
        session.add(placement)


def _placement(app: Flask, placed: Placed) -> Placement:
    with Session(app.extensions[ENGINE_KEY]) as session:
        found = session.get(Placement, placed.placement_id)
        assert found is not None
        return found


def test_the_student_confirms(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    _pending(app, placed)
    auth.login(STUDENT.email)
    home = client.get("/student/").text
    assert 'action="/student/placement/confirm"' in home
    assert "Antwoord vóór 10 december 2026." in home
    done = client.post("/student/placement/confirm")
    assert done.status_code == 302
    assert _placement(app, placed).answer == PlacementAnswer.CONFIRMED
    after = client.get("/student/").text
    assert 'action="/student/placement/confirm"' not in after
    again = client.post("/student/placement/confirm", follow_redirects=True)
    assert "Op deze stageplek is al geantwoord." in again.text


def test_the_student_declines_and_the_coordinator_sees_the_gap(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    _pending(app, placed)
    auth.login(STUDENT.email)
    form = client.get("/student/placement/decline")
    assert form.status_code == 200 and "Waarom weiger je?" in form.text
    missing_note = client.post("/student/placement/decline", data={"reason": "other"})
    assert missing_note.status_code == 422 and "Geef een reden op." in missing_note.text
    unknown = client.post("/student/placement/decline", data={"reason": "bored"})
    assert unknown.status_code == 422
    assert _placement(app, placed).answer == PlacementAnswer.PENDING
    done = client.post(
        "/student/placement/decline",
        data={"reason": "half_days", "note": "new timetable"},
    )
    assert done.status_code == 302
    placement = _placement(app, placed)
    assert (placement.answer, placement.status) == (PlacementAnswer.DECLINED, "ended")
    auth.logout()
    auth.login(COORDINATOR.email)
    dashboard = client.get("/coordinator/").text
    gaps = dashboard.split('id="placement-gaps"')[1].split("</section>")[0]
    assert "Lotte Visser" in gaps and "De Regenboog" in gaps
    assert "Geweigerd door de student" in gaps and "new timetable" in gaps


def test_nobody_answers_for_another_student(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    _pending(app, placed)
    auth.login(COORDINATOR.email)
    assert client.post("/student/placement/confirm").status_code == 403
    assert client.post("/student/placement/decline", data={"reason": "too_far"}).status_code == 403
    auth.logout()
    with session_scope(app.extensions[ENGINE_KEY]) as session:
        placement = session.get(Placement, placed.placement_id)
        assert placement is not None
        placement.student_id = placed.other_student_id  # now Iris's placement
        session.add(placement)
    auth.login(STUDENT.email)  # Lotte has nothing to answer; the routes take no id at all
    confirm = client.post("/student/placement/confirm", follow_redirects=True)
    assert "Op deze stageplek is al geantwoord." in confirm.text
    assert client.get("/student/placement/decline").status_code == 302
    client.post(
        f"/student/placement/decline?id={placed.placement_id}",
        data={"reason": "too_far", "id": placed.placement_id},
    )
    assert _placement(app, placed).answer == PlacementAnswer.PENDING
