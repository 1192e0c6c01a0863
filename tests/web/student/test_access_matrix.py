"""The access matrix of the student portal: every route × every role; no student ids at all.

A student's pages address only the signed-in student: no route takes an id, so another
student's record cannot be named, and ids slipped into the query or the form are ignored.
"""

from __future__ import annotations

from flask import Flask
from sqlmodel import Session

from matching.models import Student
from tests.web.portal_access import call, methods, portal_rules, signed_in, snapshot, url
from tests.web.student.conftest import Placed
from web.database import ENGINE_KEY

FORM = {
    "languages": "nl",
    "availability": ["fri_am"],
    "period_start": "2025-09-01",
    "period_end": "2026-06-30",
}


def test_no_student_route_takes_an_id(app: Flask) -> None:
    """Every student route is about the signed-in student only."""
    rules = portal_rules(app, "student")
    assert {r.endpoint for r in rules} >= {"student.home", "student.profile"}
    assert all(not rule.arguments for rule in rules), [r.rule for r in rules if r.arguments]


def test_other_roles_are_refused_everywhere(app: Flask) -> None:
    """Anonymous visitors go to sign in; coordinators and partners get 403; nothing changes."""
    before = snapshot(app)
    for role, expected in (
        ("anonymous", 302),
        ("coordinator", 403),
        ("al_amal", 403),
        ("taal", 403),
    ):
        client = signed_in(app, role)
        for rule in portal_rules(app, "student"):
            for method in methods(rule):
                status = call(client, method, url(app, rule, {}), FORM)
                assert status == expected, (role, method, rule.rule)
    assert snapshot(app) == before


def test_another_students_id_in_the_request_is_ignored(app: Flask, placed: Placed) -> None:
    """Posting with another student's id in the query and the form changes only one's own."""
    client = signed_in(app, "student")
    other = placed.other_student_id
    with Session(app.extensions[ENGINE_KEY]) as session:
        before = session.get(Student, other).model_dump()
    for rule in portal_rules(app, "student"):
        for method in methods(rule):
            path = f"{url(app, rule, {})}?student_id={other}&id={other}"
            status = call(client, method, path, {**FORM, "student_id": other, "id": other})
            assert status in (200, 302), (method, rule.rule)
    with Session(app.extensions[ENGINE_KEY]) as session:
        assert session.get(Student, other).model_dump() == before
        assert session.get(Student, placed.student_id).availability == ["fri_am"]
