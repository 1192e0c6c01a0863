"""The student's home: their own profile and half-day grid."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.models import User
from tests.web.conftest import AuthActions
from tests.web.dataset import STUDENT
from web.database import ENGINE_KEY


def test_profile_shows_own_details(client: FlaskClient, auth: AuthActions) -> None:
    """Name, institution, programme, languages by name, districts and period are shown."""
    auth.login(STUDENT.email)
    html = client.get("/student/").text
    for text in (
        "Lotte Visser",
        "Hogeschool Utrecht",
        "Pedagogiek (PABO)",
        "Nederlands, Arabisch",
        "Overvecht, Zuidwest",
        "1 september 2025",
        "30 juni 2026",
    ):
        assert text in html, text
    assert "Iris Kok" not in html


def test_availability_grid(client: FlaskClient, auth: AuthActions) -> None:
    """The 5 × 2 grid marks exactly the available half-days."""
    auth.login(STUDENT.email)
    html = client.get("/student/").text
    cells = re.findall(r'<td class="(yes|no)" data-half-day="(\w+)"', html)
    assert len(cells) == 10
    available = sorted(code for state, code in cells if state == "yes")
    assert available == ["mon_am", "thu_pm", "tue_am"]
    for label in ("ma", "di", "wo", "do", "vr", "Ochtend", "Middag"):
        assert f">{label}<" in html


def test_student_without_profile(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    """A student account not (yet) linked to a profile gets a clear message, not an error."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        user = session.exec(select(User).where(User.email == STUDENT.email)).one()
        user.student_id = None
        session.commit()
    auth.login(STUDENT.email)
    response = client.get("/student/")
    assert response.status_code == 200
    assert "Er is nog geen studentprofiel aan je account gekoppeld." in response.text
