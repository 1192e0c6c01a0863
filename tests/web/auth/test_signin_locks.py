"""The coordinator sees current sign-in locks and lifts one (CSRF, audited)."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from matching.db import make_engine, session_scope
from matching.models import AuditEvent
from matching.models.common import utcnow
from matching.signin import throttle
from matching.signin.policy import SigninPolicy
from tests.web.auth.conftest import set_policy
from tests.web.conftest import AuthActions
from tests.web.dataset import AL_AMAL, COORDINATOR, PASSWORD, STUDENT


def lock_student(app):
    set_policy(app, max_failures=2)
    intruder = AuthActions(app.test_client())
    for _ in range(3):
        intruder.login(STUDENT.email, "wrong-password-1")
    assert intruder.login(STUDENT.email, PASSWORD).status_code == 429


def test_only_coordinators_see_locks(client, auth):
    auth.login(AL_AMAL.email)
    assert client.get("/coordinator/sign-in-locks").status_code == 403


def lock_in_database(database_url, email):
    """Lock an account as a burst of wrong passwords in another worker would."""
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        key = throttle.account_key(email)
        throttle.record_failure(session, key=key, limit=1, policy=SigninPolicy(), now=utcnow())
    engine.dispose()


def test_the_page_lists_locks_and_a_lift_needs_csrf(csrf_app, database_url):
    lock_in_database(database_url, STUDENT.email)
    client = csrf_app.test_client()
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/auth/login").text
    )
    data = {"email": COORDINATOR.email, "password": PASSWORD, "csrf_token": token.group(1)}
    client.post("/auth/login", data=data)
    page = client.get("/coordinator/sign-in-locks").text
    assert STUDENT.email in page
    lock_id = re.search(r'data-lock="(\d+)"', page).group(1)
    assert client.post(f"/coordinator/sign-in-locks/{lock_id}/lift").status_code == 400
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    lifted = client.post(f"/coordinator/sign-in-locks/{lock_id}/lift", data={"csrf_token": csrf})
    assert lifted.headers["Location"] == "/coordinator/sign-in-locks"
    assert STUDENT.email not in client.get("/coordinator/sign-in-locks").text
    engine = make_engine(database_url)
    with Session(engine) as session:
        event = session.exec(select(AuditEvent)).one()
    engine.dispose()
    assert (event.entity, event.action) == ("login_throttle", "lock_lifted")


def test_lifted_account_signs_in_again(app, client, auth):
    lock_student(app)
    auth.login(COORDINATOR.email)
    page = client.get("/coordinator/sign-in-locks").text
    lock_id = re.search(r'data-lock="(\d+)"[^<]*<td[^>]*>Account ', page)
    assert lock_id, "the student's account is not listed as locked"
    client.post(f"/coordinator/sign-in-locks/{lock_id.group(1)}/lift")
    assert client.post(f"/coordinator/sign-in-locks/{lock_id.group(1)}/lift").status_code == 404
    auth.logout()
    assert auth.login(STUDENT.email, PASSWORD).headers["Location"] == STUDENT.home
