"""Two-factor sign-in through the pages: enrolment with a QR code and the secret as text,
ten recovery codes, the code step at sign-in, and the setting that makes it mandatory."""

from __future__ import annotations

import re

import pyotp
from sqlmodel import Session

from matching.accounts import user_by_email
from matching.db import make_engine
from matching.models import TwoFactor, User
from tests.web.auth.conftest import flashes, set_policy
from tests.web.dataset import COORDINATOR, STUDENT

WRONG_CODE = "Die code klopt niet. Probeer het opnieuw, of gebruik een herstelcode."


def secret_of(database_url, email):
    engine = make_engine(database_url)
    with Session(engine) as session:
        user = user_by_email(session, email=email)
        row = session.get(TwoFactor, user.id)
    engine.dispose()
    return row.secret


def enrol(client, auth, clock, database_url, email=COORDINATOR.email):
    """Sign in, turn two-factor on with the app's code, sign out; return the recovery codes."""
    auth.login(email)
    page = client.get("/auth/two-factor/setup").text
    secret = secret_of(database_url, email)
    assert f'<code id="totp-secret">{secret}</code>' in page
    assert "<svg" in page and "otpauth://totp/" in page
    code = pyotp.TOTP(secret).at(clock())
    response = client.post("/auth/two-factor/setup", data={"code": code})
    codes = re.findall(r"<li><code>([a-z0-9-]{19})</code></li>", response.text)
    auth.logout()
    return secret, codes


def test_enrolment_shows_ten_recovery_codes(client, auth, clock, database_url):
    _, codes = enrol(client, auth, clock, database_url)
    assert len(codes) == 10


def test_a_wrong_code_does_not_turn_it_on(client, auth, database_url):
    auth.login(COORDINATOR.email)
    client.get("/auth/two-factor/setup")
    response = client.post("/auth/two-factor/setup", data={"code": "000000"})
    assert "Die code klopt niet. Probeer het opnieuw." in response.text
    assert "Uit." in client.get("/auth/account").text


def test_sign_in_asks_for_the_code(client, auth, clock, database_url):
    secret, _ = enrol(client, auth, clock, database_url)
    clock.advance(minutes=1)
    response = auth.login(COORDINATOR.email)
    assert response.headers["Location"] == "/auth/two-factor"
    assert client.get("/coordinator/").status_code == 302  # not signed in yet
    wrong = client.post("/auth/two-factor", data={"code": "123456"})
    assert WRONG_CODE in flashes(wrong.text)
    code = pyotp.TOTP(secret).at(clock())
    assert client.post("/auth/two-factor", data={"code": code}).headers["Location"] == (
        COORDINATOR.home
    )
    assert client.get("/coordinator/").status_code == 200
    auth.logout()
    auth.login(COORDINATOR.email)
    replay = client.post("/auth/two-factor", data={"code": code})
    assert flashes(replay.text) == [WRONG_CODE]


def test_a_recovery_code_works_once(client, auth, clock, database_url):
    _, codes = enrol(client, auth, clock, database_url)
    auth.login(COORDINATOR.email)
    assert client.post("/auth/two-factor", data={"code": codes[3]}).status_code == 302
    auth.logout()
    auth.login(COORDINATOR.email)
    assert flashes(client.post("/auth/two-factor", data={"code": codes[3]}).text) == [WRONG_CODE]


def test_the_code_step_expires(client, auth, clock, database_url):
    secret, _ = enrol(client, auth, clock, database_url)
    auth.login(COORDINATOR.email)
    clock.advance(minutes=6)
    code = pyotp.TOTP(secret).at(clock())
    assert client.post("/auth/two-factor", data={"code": code}).headers["Location"] == (
        "/auth/login"
    )


def test_mandatory_for_coordinators(app, client, auth, clock, database_url):
    set_policy(app, require_2fa_coordinators=True)
    auth.login(COORDINATOR.email)
    assert client.get("/coordinator/").headers["Location"] == "/auth/two-factor/setup"
    assert (
        client.get("/coordinator/people/families/export.csv").headers["Location"]
        == "/auth/two-factor/setup"
    )
    client.get("/auth/two-factor/setup")
    secret = secret_of(database_url, COORDINATOR.email)
    client.post("/auth/two-factor/setup", data={"code": pyotp.TOTP(secret).at(clock())})
    assert client.get("/coordinator/").status_code == 200
    off = client.post("/auth/two-factor/off", data={"password": "kansrijk-test-1"})
    assert off.headers["Location"] == "/auth/account"
    assert "verplicht" in client.get("/auth/account").text


def test_mandatory_only_for_coordinators(app, client, auth):
    set_policy(app, require_2fa_coordinators=True)
    auth.login(STUDENT.email)
    assert client.get("/student/").status_code == 200


def test_turning_off_needs_the_password(client, auth, clock, database_url):
    enrol(client, auth, clock, database_url, email=STUDENT.email)
    clock.advance(minutes=1)
    auth.login(STUDENT.email)
    code = pyotp.TOTP(secret_of(database_url, STUDENT.email)).at(clock())
    client.post("/auth/two-factor", data={"code": code})
    client.post("/auth/two-factor/off", data={"password": "wrong-password-1"})
    assert "Aan:" in client.get("/auth/account").text
    client.post("/auth/two-factor/off", data={"password": "kansrijk-test-1"})
    assert "Uit." in client.get("/auth/account").text
    engine = make_engine(database_url)
    with Session(engine) as session:
        assert session.get(User, 1) is not None
    engine.dispose()
