"""The student sees their placement: preschool, group, address, half-days with hours, period."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from matching.db import session_scope
from tests.matching import placements as place
from tests.matching import stored as make
from tests.web.conftest import AuthActions
from tests.web.dataset import STUDENT
from tests.web.student.conftest import Placed, lotte
from web.database import ENGINE_KEY


def _text(html: str) -> str:
    """The page's text without tags, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_confirmed_placement_is_shown(
    client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    """Preschool, group, address, contact, each half-day with its hours, and the period."""
    auth.login(STUDENT.email)
    page = client.get("/student/")
    section = _text(page.text.split('id="placement"')[1].split("</section>")[0])
    for text in (
        "De Regenboog",
        "Bevestigd",
        "Kastanjelaan 12, 3562 AB (Overvecht)",
        "Meryem Yilmaz, 030 123 4567",
        "1 september 2025 – 30 juni 2026",
        "maandag Ochtend 08:30–12:30 Vlinders",
        "donderdag Middag 13:00–16:30 Vlinders",
    ):
        assert text in section, text
    assert "Voorgesteld" not in section


def test_proposed_placement_is_shown_as_proposed(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    """An open placement proposal is shown with the status proposed."""
    with session_scope(app.extensions[ENGINE_KEY]) as session:
        student = lotte(session)
        provider = make.organisation(session, "kinderrijk", "KinderRijk", "preschool_provider")
        school = place.preschool(
            session, provider, "Het Anker", "zuidwest", morning_hours="09:00-12:00"
        )
        uilen = place.group(session, school, "Uilen", ["tue_am"])
        place.proposal(session, student, school, place.slots((uilen, "tue_am")))
    auth.login(STUDENT.email)
    section = _text(client.get("/student/").text.split('id="placement"')[1].split("</section>")[0])
    assert "Het Anker" in section and "Voorgesteld" in section and "Bevestigd" not in section
    assert "dinsdag Ochtend 09:00–12:00 Uilen" in section


def test_without_placement(client: FlaskClient, auth: AuthActions) -> None:
    """No placement yet: the page says so."""
    auth.login(STUDENT.email)
    assert "Je hebt nog geen stageplek." in client.get("/student/").text


def test_english_placement(client: FlaskClient, auth: AuthActions, placed: Placed) -> None:
    """The placement reads in English on request."""
    auth.login(STUDENT.email)
    client.post("/language", data={"locale": "en"})
    section = _text(client.get("/student/").text.split('id="placement"')[1].split("</section>")[0])
    assert "Confirmed" in section and "Monday Morning 08:30–12:30 Vlinders" in section


def test_other_preschools_are_not_shown(
    app: Flask, client: FlaskClient, auth: AuthActions, placed: Placed
) -> None:
    """Only the student's own placement appears; another preschool's name does not."""
    with session_scope(app.extensions[ENGINE_KEY]) as session:
        provider = make.organisation(session, "other", "Other", "preschool_provider")
        place.preschool(session, provider, "Elders", "west")
    auth.login(STUDENT.email)
    html = client.get("/student/").text
    assert "Elders" not in html and "De Regenboog" in html
