"""The coordinator's privacy tools: the register page and downloads, access ZIPs checked
against the database, erasure (refused while a trajectory runs), audited looks and exports."""

from __future__ import annotations

import io
import json
import zipfile
from html.parser import HTMLParser

from flask import Flask
from sqlmodel import Session, col, select

from matching.models import AuditEvent, CheckIn, Family, Match, Proposal, User
from tests.web.dataset import COORDINATOR, PASSWORD
from tests.web.test_auth import _csrf_token
from web.database import ENGINE_KEY


def _session(app: Flask) -> Session:
    return Session(app.extensions[ENGINE_KEY])


def _family(app: Flask, reference: str) -> Family:
    with _session(app) as session:
        return session.exec(select(Family).where(Family.reference == reference)).one()


def _events(app: Flask, **where: object) -> list[AuditEvent]:
    with _session(app) as session:
        statement = select(AuditEvent).order_by(col(AuditEvent.id))
        for name, value in where.items():
            statement = statement.where(getattr(AuditEvent, name) == value)
        return list(session.exec(statement))


def _coordinator_id(app: Flask) -> int:
    with _session(app) as session:
        return session.exec(select(User.id).where(User.email == COORDINATOR.email)).one()


class _Checker(HTMLParser):
    """Collects the ids of the tables of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(dict(attrs).get("id") or "")


def test_the_privacy_page_shows_the_register(client, auth) -> None:
    auth.login(COORDINATOR.email)
    page = client.get("/coordinator/privacy").get_data(as_text=True)
    assert 'id="register-family"' in page and "needs" in page
    assert "bijzonder persoonsgegeven" in page  # Dutch by default
    assert 'id="retention-runs"' in page


def test_the_register_downloads_are_valid_and_audited(app, client, auth) -> None:
    auth.login(COORDINATOR.email)
    data = client.get("/coordinator/privacy/register.json").get_json(force=True)
    assert {(f["table"], f["field"]) for f in data["fields"]} >= {("family", "due_date")}
    csv_text = client.get("/coordinator/privacy/register.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0].lstrip("\ufeff").startswith("table;field;purpose")
    exports = _events(app, entity="export", action="exported")
    assert [e.detail["format"] for e in exports] == ["json", "csv"]
    assert {e.actor_user_id for e in exports} == {_coordinator_id(app)}


def test_the_access_zip_holds_every_related_row(app, client, auth) -> None:
    family = _family(app, "AA-003")
    auth.login(COORDINATOR.email)
    client.get(f"/coordinator/people/families/{family.id}")  # a look: an event about her
    about = [e.id for e in _events(app, entity="family", entity_id=family.id)]
    assert about
    response = client.get(f"/coordinator/people/families/{family.id}/access.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    data = json.loads(archive.read("data.json"))
    with _session(app) as session:
        matches = session.exec(select(Match.id).where(Match.family_id == family.id)).all()
        checks = session.exec(select(CheckIn.id).where(col(CheckIn.match_id).in_(matches))).all()
        proposals = session.exec(select(Proposal.id).where(Proposal.family_id == family.id)).all()
    assert data["record"]["reference"] == "AA-003"
    assert [m["id"] for m in data["matches"]] == list(matches) and matches
    assert [c["id"] for c in data["check_ins"]] == list(checks)
    assert [p["id"] for p in data["proposals"]] == list(proposals)
    assert set(about) <= {e["id"] for e in data["audit_events"]}
    checker = _Checker()
    checker.feed(archive.read("summary.html").decode("utf-8"))
    assert "record" in checker.tables and "matches" in checker.tables
    downloads = _events(app, entity="family", entity_id=family.id, action="access_download")
    assert [e.actor_user_id for e in downloads] == [_coordinator_id(app)]


def test_opening_a_record_is_audited_and_the_audit_page_says_who(app, client, auth) -> None:
    family = _family(app, "AA-001")
    auth.login(COORDINATOR.email)
    client.get(f"/coordinator/people/families/{family.id}")
    views = _events(app, entity="family", entity_id=family.id, action="viewed")
    assert [e.actor_user_id for e in views] == [_coordinator_id(app)]
    page = client.get(
        f"/coordinator/audit?entity=family&entity_id={family.id}&action=viewed"
    ).get_data(as_text=True)
    assert page.count('data-action="viewed"') == 1 and COORDINATOR.name in page
    by_user = client.get(f"/coordinator/audit?user={_coordinator_id(app)}").get_data(as_text=True)
    assert 'data-action="viewed"' in by_user


def test_erasing_someone_in_a_running_trajectory_is_refused(app, client, auth) -> None:
    family = _family(app, "AA-002")
    auth.login(COORDINATOR.email)
    response = client.post(
        f"/coordinator/people/families/{family.id}/erase", data={"confirm": "y"},
        follow_redirects=True,
    )  # fmt: skip
    assert "lopend traject" in response.get_data(as_text=True)
    assert _family(app, "AA-002").erased_at is None


def test_erasing_a_closed_family_removes_it_from_the_list(app, client, auth) -> None:
    family = _family(app, "AA-003")
    auth.login(COORDINATOR.email)
    unconfirmed = client.post(f"/coordinator/people/families/{family.id}/erase", data={})
    assert unconfirmed.status_code == 302
    assert _family(app, "AA-003").reference == "AA-003"
    client.post(f"/coordinator/people/families/{family.id}/erase", data={"confirm": "y"})
    listed = client.get("/coordinator/people/families/?q=AA-00").get_data(as_text=True)
    assert f'/coordinator/people/families/{_family(app, "AA-001").id}"' in listed
    assert f'/coordinator/people/families/{family.id}"' not in listed
    assert "gewist" not in listed
    assert client.get(f"/coordinator/people/families/{family.id}").status_code == 404
    erased = _events(app, entity="family", entity_id=family.id, action="erased")
    assert [(e.actor_user_id, e.detail) for e in erased] == [(_coordinator_id(app), {})]


def test_the_erase_form_needs_its_csrf_token(csrf_app) -> None:
    client = csrf_app.test_client()
    family = _family(csrf_app, "AA-003")
    token = _csrf_token(client.get("/auth/login").text)
    data = {"email": COORDINATOR.email, "password": PASSWORD, "csrf_token": token}
    assert client.post("/auth/login", data=data).status_code == 302
    url = f"/coordinator/people/families/{family.id}/erase"
    assert client.post(url, data={"confirm": "y"}).status_code == 400
    assert _family(csrf_app, "AA-003").erased_at is None
    page = client.get(f"/coordinator/people/families/{family.id}").text
    assert (
        client.post(url, data={"confirm": "y", "csrf_token": _csrf_token(page)}).status_code == 302
    )
    with _session(csrf_app) as session:
        assert session.get(Family, family.id).erased_at is not None


def test_trajectory_export_leaves_out_free_text_unless_asked(app, client, auth) -> None:
    with _session(app) as session:
        match = session.exec(select(Match).where(Match.status == "ended")).first()
        match.end_code, match.end_note = "other", "mother told us about her debts"
        session.add(match)
        session.commit()
    auth.login(COORDINATOR.email)
    plain = client.get("/coordinator/exports/matches.csv").get_data(as_text=True)
    assert "debts" not in plain and ";other;" in plain
    full = client.get("/coordinator/exports/matches.csv?notes=1").get_data(as_text=True)
    assert "mother told us about her debts" in full
    exports = _events(app, entity="export", action="exported")
    assert [e.detail for e in exports] == [
        {"what": "matches", "notes": False},
        {"what": "matches", "notes": True},
    ]
