"""Walking the portals' routes for the access matrix: rules, URLs, sign-in, a data snapshot."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, col, select
from werkzeug.routing import Rule

from matching.models import (
    AuditEvent,
    CheckIn,
    Family,
    Match,
    Placement,
    Proposal,
    Student,
    User,
    Volunteer,
)
from tests.web.dataset import AL_AMAL, COORDINATOR, PASSWORD, STUDENT, TAAL
from web.database import ENGINE_KEY

ACCOUNTS = {
    "coordinator": COORDINATOR.email,
    "student": STUDENT.email,
    "al_amal": AL_AMAL.email,
    "taal": TAAL.email,
}
WATCHED = (Family, Volunteer, Match, CheckIn, Proposal, Student, Placement, User, AuditEvent)


def portal_rules(app: Flask, blueprint: str) -> list[Rule]:
    """Every URL rule of a blueprint, in a stable order."""
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.split(".")[0] == blueprint]
    return sorted(rules, key=lambda r: r.rule)


def methods(rule: Rule) -> list[str]:
    """The rule's methods that change or show something (not HEAD or OPTIONS)."""
    return sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})


def url(app: Flask, rule: Rule, values: dict[str, int]) -> str:
    """The rule's path with these values."""
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        return adapter.build(rule.endpoint, values)


def signed_in(app: Flask, role: str) -> FlaskClient:
    """A new client, signed in as the role's account (anonymous: not signed in)."""
    client = app.test_client()
    if role != "anonymous":
        response = client.post("/auth/login", data={"email": ACCOUNTS[role], "password": PASSWORD})
        assert response.status_code == 302, role
    return client


def call(client: FlaskClient, method: str, path: str, form: dict[str, Any]) -> int:
    """Request the path; return the status code."""
    if method == "GET":
        return client.get(path).status_code
    return client.open(path, method=method, data=form).status_code


def snapshot(app: Flask) -> dict[str, list[dict[str, Any]]]:
    """Every row of the tables the portals could change (sign-in times aside)."""
    with Session(app.extensions[ENGINE_KEY]) as session:
        return {
            table.__name__: [
                row.model_dump() for row in session.exec(select(table).order_by(col(table.id)))
            ]
            for table in WATCHED
        }
