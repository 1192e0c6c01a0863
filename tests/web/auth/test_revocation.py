"""Sessions revocable on the server: a copied cookie stops working after sign-out, after
"sign out on all devices", after a password change or reset, and after idle or lifetime."""

from __future__ import annotations

from sqlmodel import Session, select

from matching.db import make_engine
from matching.models import UserSession
from matching.signin.tokens import token_hash
from tests.web.auth.conftest import copy_of, flashes, reset_link
from tests.web.conftest import AuthActions
from tests.web.dataset import COORDINATOR, PASSWORD, STUDENT

FAMILIES = "/coordinator/people/families/export.csv"
NEW = "een-nieuw-wachtwoord"


def signed_in_pair(app, client, auth):
    """A signed-in browser and a thief holding a copy of its cookie; both open the export."""
    assert auth.login(COORDINATOR.email).status_code == 302
    thief = copy_of(client, app)
    assert client.get(FAMILIES).status_code == 200
    assert thief.get(FAMILIES).status_code == 200
    return thief


def test_a_cookie_copied_before_sign_out_is_refused_after(app, client, auth):
    thief = signed_in_pair(app, client, auth)
    auth.logout()
    assert thief.get(FAMILIES).status_code == 302
    assert thief.get("/coordinator/").headers["Location"].startswith("/auth/login")


def test_sign_out_on_all_devices(app, client, auth):
    thief = signed_in_pair(app, client, auth)
    response = client.post("/auth/sessions/end-all")
    assert response.headers["Location"] == "/auth/login"
    assert "Je bent op alle apparaten uitgelogd." in flashes(client.get("/auth/login").text)
    assert thief.get(FAMILIES).status_code == 302
    assert client.get(FAMILIES).status_code == 302


def test_a_password_change_ends_the_other_sessions_only(app, client, auth):
    """The same account signed in on another device (its own session) is signed out; a
    cookie copied from that device too; this device stays signed in."""
    laptop = app.test_client()
    AuthActions(laptop).login(COORDINATOR.email)
    thief = copy_of(laptop, app)
    assert auth.login(COORDINATOR.email).status_code == 302
    assert laptop.get(FAMILIES).status_code == 200 and thief.get(FAMILIES).status_code == 200
    data = {"current_password": PASSWORD, "new_password": NEW, "confirm": NEW}
    assert client.post("/auth/password", data=data).headers["Location"] == "/auth/account"
    assert "Je wachtwoord is gewijzigd" in client.get("/auth/account").text
    assert laptop.get(FAMILIES).status_code == 302
    assert thief.get(FAMILIES).status_code == 302
    assert client.get(FAMILIES).status_code == 200


def test_a_password_reset_ends_every_session(app, client, auth, database_url):
    thief = signed_in_pair(app, client, auth)
    stranger = app.test_client()
    stranger.post("/auth/reset", data={"email": COORDINATOR.email})
    link = reset_link(database_url)
    assert stranger.post(link, data={"new_password": NEW, "confirm": NEW}).status_code == 302
    assert thief.get(FAMILIES).status_code == 302
    assert client.get(FAMILIES).status_code == 302


def test_idle_timeout(app, client, auth, clock):
    auth.login(STUDENT.email)
    clock.advance(minutes=119)
    assert client.get("/student/").status_code == 200
    clock.advance(minutes=119)
    assert client.get("/student/").status_code == 200
    clock.advance(minutes=121)
    assert client.get("/student/").status_code == 302


def test_absolute_lifetime(app, client, auth, clock):
    auth.login(STUDENT.email)
    for _ in range(7):
        clock.advance(minutes=100)
        assert client.get("/student/").status_code == 200
    clock.advance(hours=1)
    assert client.get("/student/").status_code == 302


def test_the_cookie_holds_a_session_id_stored_only_hashed(app, client, auth, database_url):
    auth.login(COORDINATOR.email)
    serializer = app.session_interface.get_signing_serializer(app)
    token = serializer.loads(client.get_cookie("session").value)["_user_id"]
    engine = make_engine(database_url)
    with Session(engine) as session:
        rows = session.exec(select(UserSession)).all()
    engine.dispose()
    assert [row.token_hash for row in rows] == [token_hash(token)]
    assert len(token) >= 40


def test_a_cookie_naming_a_user_id_opens_nothing(app):
    """A session cookie signed with the right key but naming user 1, as before, is refused."""
    forger = app.test_client()
    serializer = app.session_interface.get_signing_serializer(app)
    for user_id in ("1", "2", "3"):
        forger.set_cookie("session", serializer.dumps({"_user_id": user_id, "_fresh": True}))
        assert forger.get(FAMILIES).status_code == 302


def test_no_remember_me_cookie(client, auth):
    response = auth.login(COORDINATOR.email)
    assert all("remember_token" not in value for value in response.headers.getlist("Set-Cookie"))
