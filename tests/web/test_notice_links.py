"""Links in notice mails open the one page that acts, only for the person they were sent to;
the reminder settings page turns kinds off and sets the mail language."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.db import session_scope
from matching.models import AuditEvent, Organisation, User, Volunteer
from matching.notices.links import LinkTarget, NoticePage, sign_link
from matching.vocab import NoticeKind
from tests.matching import stored as make
from tests.web.conftest import AuthActions
from tests.web.dataset import COORDINATOR, PASSWORD, STUDENT
from web.database import ENGINE_KEY


def _user(app: Flask, email: str) -> User:
    with Session(app.extensions[ENGINE_KEY]) as session:
        return session.exec(select(User).where(User.email == email)).one()


def _link(app: Flask, page: NoticePage, record_id: int, user: User) -> str:
    assert user.id is not None
    return "/n/" + sign_link(app.config["SECRET_KEY"], LinkTarget(page, record_id, user.id))


def test_a_link_opens_its_page_for_its_recipient_only(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    lotte = _user(app, STUDENT.email)
    link = _link(app, NoticePage.STUDENT_HOME, 1, lotte)
    anonymous = client.get(link)
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]
    auth.login(STUDENT.email)
    opened = client.get(link)
    assert opened.status_code == 302 and opened.headers["Location"] == "/student/#placement"
    assert client.get(link[:-3] + "abc").status_code == 404  # tampered
    other_key = "/n/" + sign_link("another-key-" * 4, LinkTarget(NoticePage.STUDENT_HOME, 1, 1))
    assert client.get(other_key).status_code == 404
    auth.logout()
    auth.login(COORDINATOR.email)
    assert client.get(link).status_code == 404  # someone else's link
    carla = _user(app, COORDINATOR.email)
    run = client.get(_link(app, NoticePage.RUN, 7, carla))
    assert run.headers["Location"] == "/coordinator/runs/7"


def test_reminder_settings_turn_kinds_off_and_set_the_language(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    assert client.get("/auth/account/notices").status_code == 302  # sign in first
    auth.login(STUDENT.email)
    page = client.get("/auth/account/notices").text
    assert "Mijn stage begint volgende week" in page and "Samenvatting" not in page
    saved = client.post(
        "/auth/account/notices",
        data={"language": "en", "wanted": [NoticeKind.PLACEMENT_STARTING]},
    )
    assert saved.status_code == 302
    lotte = _user(app, STUDENT.email)
    assert (lotte.language, lotte.notices_off) == ("en", [NoticeKind.PLACEMENT_ANSWER])
    refused = client.post("/auth/account/notices", data={"language": "fr"})
    assert refused.status_code == 200 and _user(app, STUDENT.email).language == "en"
    with Session(app.extensions[ENGINE_KEY]) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.entity == "notices")).all()
        assert [e.detail["notices_off"] for e in events] == [[NoticeKind.PLACEMENT_ANSWER]]


def test_volunteer_and_coordinator_pages_of_the_vog_and_offer_notices(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with session_scope(app.extensions[ENGINE_KEY]) as session:
        fatima = session.exec(select(Volunteer).where(Volunteer.name == "Fatima El Idrissi")).one()
        org = session.get(Organisation, fatima.organisation_id)
        make.user(session, org, "fatima@example.nl", "volunteer", PASSWORD, volunteer_id=fatima.id)
        fatima_id = fatima.id or 0
    volunteer = _user(app, "fatima@example.nl")
    auth.login("fatima@example.nl")
    offer = client.get(_link(app, NoticePage.OFFER, 41, volunteer))
    assert offer.headers["Location"] == "/volunteer/offers/41"
    profile = client.get(_link(app, NoticePage.VOLUNTEER_PROFILE, fatima_id, volunteer))
    assert profile.headers["Location"] == "/volunteer/profile"
    auth.logout()
    auth.login(COORDINATOR.email)
    carla = _user(app, COORDINATOR.email)
    record = client.get(_link(app, NoticePage.VOLUNTEER, fatima_id, carla))
    assert record.headers["Location"] == f"/coordinator/people/volunteers/{fatima_id}"
    assert client.get(_link(app, NoticePage.VOLUNTEER, 999999, carla)).status_code == 404
