"""The student keeps their profile: the half-day grid, languages, districts and period."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.db import session_scope
from matching.models import AuditEvent, Preschool, Student, User
from matching.people.records import create_record
from tests.web.conftest import AuthActions
from tests.web.dataset import STUDENT
from tests.web.student.conftest import Placed, lotte
from web.database import ENGINE_KEY

FORM = {
    "languages": "Nederlands, Arabisch",
    "preferred_districts": ["overvecht", "zuidwest"],
    "availability": ["mon_am", "tue_am", "thu_pm"],
    "period_start": "2025-09-01",
    "period_end": "2026-06-30",
}


def _stored(app: Flask) -> Student:
    """Lotte as stored now."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        return lotte(session)


def test_form_shows_the_stored_profile(client: FlaskClient, auth: AuthActions) -> None:
    """The grid has ten tick boxes, the available half-days ticked; languages by name."""
    auth.login(STUDENT.email)
    html = client.get("/student/profile").text
    boxes = re.findall(
        r'<input type="checkbox" name="availability" value="(\w+)"[^>]*?(checked)?>', html
    )
    assert len(boxes) == 10
    assert sorted(code for code, ticked in boxes if ticked) == ["mon_am", "thu_pm", "tue_am"]
    assert 'value="Nederlands, Arabisch"' in html


def test_ticking_half_days_saves_them(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    """Posting the form stores the new half-days, languages and districts (not flagged)."""
    auth.login(STUDENT.email)
    form = {
        **FORM,
        "availability": ["wed_am", "wed_pm", "fri_am"],
        "languages": "tr, nl",
        "preferred_districts": ["west"],
    }
    response = client.post("/student/profile", data=form)
    assert response.status_code == 302 and response.headers["Location"] == "/student/"
    student = _stored(app)
    assert student.availability == ["wed_am", "wed_pm", "fri_am"]
    assert student.languages == ["tr", "nl"] and student.preferred_districts == ["west"]
    assert not student.availability_changed
    page = client.get("/student/").text
    assert "Je profiel is opgeslagen." in page
    assert 'class="yes" data-half-day="wed_pm"' in page


def test_change_after_placement_is_flagged(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    """After placement the change is saved and flagged to the coordinator, with an audit event."""
    auth.login(STUDENT.email)
    response = client.post("/student/profile", data={**FORM, "availability": ["mon_am"]})
    assert response.status_code == 302
    page = client.get("/student/").text
    assert "je coördinator kijkt ernaar" in page
    assert 'id="changed-notice"' in page
    assert _stored(app).availability_changed
    with Session(app.extensions[ENGINE_KEY]) as session:
        user = session.exec(select(User).where(User.email == STUDENT.email)).one()
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "student_changed")).one()
    assert (event.entity_id, event.actor_user_id) == (placed.placement_id, user.id)


def test_errors_appear_next_to_their_field(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """An unknown language and an end before the start are shown beside those fields."""
    auth.login(STUDENT.email)
    form = {**FORM, "languages": "Nederlands, Klingonees", "period_end": "2025-08-01"}
    response = client.post("/student/profile", data=form)
    assert response.status_code == 200
    html = response.text
    assert re.search(r'id="languages-error">Onbekende taal: klingonees\.<', html)
    assert 'aria-describedby="languages-hint languages-error"' in html
    assert _stored(app).languages == ["nl", "ar"]


def test_period_order_error_beside_the_end(client: FlaskClient, auth: AuthActions) -> None:
    """An end before the start is refused beside the end date."""
    auth.login(STUDENT.email)
    response = client.post("/student/profile", data={**FORM, "period_end": "2025-08-01"})
    assert 'id="period_end-error">Deze datum ligt vóór 1 september 2025.<' in response.text


def test_profile_post_needs_csrf(csrf_app: Flask) -> None:
    """In the production set-up a post without its CSRF token is refused with 400."""
    client = csrf_app.test_client()
    page = client.get("/auth/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post(
        "/auth/login",
        data={"email": STUDENT.email, "password": "kansrijk-test-1", "csrf_token": token},
    )
    assert client.post("/student/profile", data=FORM).status_code == 400
    assert client.post("/student/calendar").status_code == 400
    form_page = client.get("/student/profile").text
    assert 'name="csrf_token"' in form_page


def test_account_without_student_record(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    """An account with no student record gets 404 on the form, not an error."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        user = session.exec(select(User).where(User.email == STUDENT.email)).one()
        user.student_id = None
        session.commit()
    auth.login(STUDENT.email)
    assert client.get("/student/profile").status_code == 404
    assert client.post("/student/calendar").status_code == 404


def test_a_preferred_preschool_is_offered_saved_and_shown(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    """The form lists active preschools with their district; the choice shows on the home."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        school = session.exec(select(Preschool)).one()
    auth.login(STUDENT.email)
    html = client.get("/student/profile").text
    assert f'name="preferred_preschools" type="checkbox" value="{school.id}"' in html
    assert "De Regenboog · Overvecht" in html
    response = client.post("/student/profile", data={**FORM, "preferred_preschools": [school.id]})
    assert response.status_code == 302
    assert _stored(app).preferred_preschools == [school.id]
    page = client.get("/student/").text
    assert re.search(r"Voorkeursvoorscholen</dt>\s*<dd>De Regenboog</dd>", page)


def test_an_unknown_preschool_is_refused_beside_the_field(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """A preschool id that is not offered gives the form back with the error, not a 500."""
    auth.login(STUDENT.email)
    response = client.post("/student/profile", data={**FORM, "preferred_preschools": ["99999"]})
    assert response.status_code == 200
    assert re.search(r'<p class="error" id="preferred_preschools-error">[^<]+</p>', response.text)
    assert _stored(app).preferred_preschools == []


def test_more_than_five_preschools_are_refused_in_dutch(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    """The domain's limit reaches the student in their language, beside the field."""
    with session_scope(app.extensions[ENGINE_KEY]) as session:
        provider = session.exec(select(Preschool)).one().organisation_id
        for number in range(5):
            create_record(
                session,
                table=Preschool,
                data={
                    "name": f"Voorschool {number}",
                    "organisation_id": provider,
                    "address": "Kastanjelaan 12",
                    "postcode": "3562 AB",
                },
            )
    with Session(app.extensions[ENGINE_KEY]) as session:
        ids = [p.id for p in session.exec(select(Preschool)).all()]
    auth.login(STUDENT.email)
    response = client.post("/student/profile", data={**FORM, "preferred_preschools": ids})
    assert response.status_code == 200 and len(ids) == 6
    assert 'id="preferred_preschools-error">Kies hoogstens 5 voorscholen.<' in response.text
    assert _stored(app).preferred_preschools == []
