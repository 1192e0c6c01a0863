"""Changing and resetting a password through the pages, and the policy on both."""

from __future__ import annotations

from sqlmodel import Session, select

from matching.db import make_engine
from matching.models import AuditEvent
from tests.web.auth.conftest import flashes, outbox, reset_link, set_policy
from tests.web.dataset import COORDINATOR, PASSWORD, STUDENT

NEW = "een-nieuw-wachtwoord"
SENT = (
    "Als er een account met dit e-mailadres is, is er een link onderweg om een nieuw"
    " wachtwoord in te stellen. Die werkt één keer, 60 minuten lang."
)


def test_change_needs_the_current_password(client, auth):
    auth.login(STUDENT.email)
    data = {"current_password": "wrong-password-1", "new_password": NEW, "confirm": NEW}
    response = client.post("/auth/password", data=data)
    assert response.status_code == 422
    assert "Dit is niet je huidige wachtwoord." in response.text


def test_change_applies_the_policy_without_echoing(client, auth):
    auth.login(STUDENT.email)
    for weak, sentence in [
        ("12345678", "Een wachtwoord heeft minstens 12 tekens nodig."),
        ("qwerty123456", "Dit is een van de meest gebruikte wachtwoorden"),
    ]:
        data = {"current_password": PASSWORD, "new_password": weak, "confirm": weak}
        response = client.post("/auth/password", data=data)
        assert response.status_code == 422 and sentence in response.text
        assert weak not in response.text


def test_change_then_sign_in_with_the_new_password(client, auth, database_url):
    auth.login(STUDENT.email)
    data = {"current_password": PASSWORD, "new_password": NEW, "confirm": NEW}
    client.post("/auth/password", data=data)
    auth.logout()
    assert auth.login(STUDENT.email, PASSWORD).status_code == 200
    assert auth.login(STUDENT.email, NEW).status_code == 302
    engine = make_engine(database_url)
    with Session(engine) as session:
        actions = [event.action for event in session.exec(select(AuditEvent)).all()]
    engine.dispose()
    assert "password_changed" in actions


def test_reset_answers_the_same_and_mails_only_known_addresses(client, database_url):
    answers = []
    for email in (COORDINATOR.email, "nobody@utrecht.example.nl"):
        response = client.post("/auth/reset", data={"email": email})
        answers.append((response.status_code, response.headers["Location"]))
        answers.append(flashes(client.get("/auth/login").text))
    assert answers[0:2] == answers[2:4] == [(302, "/auth/login"), [SENT]]
    mails = outbox(database_url)
    assert [mail.recipient for mail in mails] == [COORDINATOR.email]
    assert "http://localhost/auth/reset/" in mails[0].body


def test_reset_link_sets_a_new_password_once(client, auth, database_url):
    client.post("/auth/reset", data={"email": STUDENT.email})
    link = reset_link(database_url)
    assert client.get(link).status_code == 200
    data = {"new_password": NEW, "confirm": NEW}
    response = client.post(link, data=data)
    assert response.headers["Location"] == "/auth/login"
    assert auth.login(STUDENT.email, NEW).headers["Location"] == STUDENT.home
    auth.logout()
    again = client.post(
        link, data={"new_password": "nog-een-wachtwoord", "confirm": "nog-een-wachtwoord"}
    )
    assert again.status_code == 410
    assert auth.login(STUDENT.email, NEW).status_code == 302


def test_an_expired_reset_link_is_refused(client, auth, clock, database_url):
    client.post("/auth/reset", data={"email": STUDENT.email})
    link = reset_link(database_url)
    clock.advance(minutes=61)
    assert client.get(link).status_code == 410
    assert client.post(link, data={"new_password": NEW, "confirm": NEW}).status_code == 410
    assert auth.login(STUDENT.email, PASSWORD).status_code == 302


def test_a_made_up_reset_link_is_refused(client):
    assert client.get("/auth/reset/" + "A" * 43).status_code == 410
    assert client.get("/auth/reset/" + "A" * 400).status_code == 410


def test_reset_refuses_a_weak_password_and_keeps_the_link(client, database_url):
    client.post("/auth/reset", data={"email": STUDENT.email})
    link = reset_link(database_url)
    response = client.post(link, data={"new_password": "12345678", "confirm": "12345678"})
    assert response.status_code == 422 and "12345678" not in response.text
    mismatch = client.post(link, data={"new_password": NEW, "confirm": NEW + "x"})
    assert "De twee wachtwoorden verschillen." in mismatch.text
    assert client.get(link).status_code == 200


def test_guessing_the_current_password_is_throttled(app, client, auth):
    """A stolen session cannot be used to guess the password at leisure."""
    set_policy(app, max_failures=2)
    auth.login(STUDENT.email)
    data = {"current_password": "wrong-password-1", "new_password": NEW, "confirm": NEW}
    assert client.post("/auth/password", data=data).status_code == 422
    assert client.post("/auth/password", data=data).status_code == 422
    right = {**data, "current_password": PASSWORD}
    assert client.post("/auth/password", data=right).status_code == 429
