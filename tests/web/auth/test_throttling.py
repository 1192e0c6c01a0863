"""Login throttling through the sign-in page: a growing wait, then a lock; one message for
known and unknown accounts; no password hash computed for a throttled try; success resets."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from matching import accounts
from matching.db import make_engine
from matching.models import LoginThrottle
from tests.web.auth.conftest import flashes, set_policy
from tests.web.dataset import COORDINATOR, PASSWORD, STUDENT

THROTTLED = (
    "Te veel mislukte inlogpogingen. Wacht even en probeer het opnieuw; na herhaalde"
    " mislukte pogingen is inloggen 15 minuten geblokkeerd."
)
REFUSED = "Onbekend e-mailadres of onjuist wachtwoord."


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, auth):
    """The hole of issue 11: 30 wrong tries, all answered, and the 31st right one signed in."""
    answers = [auth.login(COORDINATOR.email, f"wrong-password-{n}") for n in range(30)]
    assert {response.status_code for response in answers[10:]} == {429}
    response = auth.login(COORDINATOR.email, PASSWORD)
    assert response.status_code == 429
    assert flashes(response.text) == [THROTTLED]
    assert client.get("/coordinator/").status_code == 302


def test_the_wait_grows_then_the_account_locks(app, client, auth, clock):
    set_policy(app, max_failures=6)
    for _ in range(3):  # half the limit costs nothing
        assert flashes(auth.login(COORDINATOR.email, "wrong-password-1").text) == [REFUSED]
    assert flashes(auth.login(COORDINATOR.email, "wrong-password-1").text) == [REFUSED]
    assert auth.login(COORDINATOR.email, PASSWORD).status_code == 429  # must wait 1 s
    clock.advance(seconds=1)
    assert flashes(auth.login(COORDINATOR.email, "wrong-password-1").text) == [REFUSED]
    assert auth.login(COORDINATOR.email, PASSWORD).status_code == 429  # must wait 2 s
    clock.advance(seconds=2)
    assert flashes(auth.login(COORDINATOR.email, "wrong-password-1").text) == [REFUSED]
    clock.advance(minutes=14)
    assert auth.login(COORDINATOR.email, PASSWORD).status_code == 429  # locked 15 min
    clock.advance(minutes=1)
    assert auth.login(COORDINATOR.email, PASSWORD).headers["Location"] == COORDINATOR.home


def test_unknown_and_known_accounts_get_the_same_answers(app, auth):
    set_policy(app, max_failures=4)
    for email in (COORDINATOR.email, "nobody@utrecht.example.nl"):
        answers = [auth.login(email, "wrong-password-1") for _ in range(5)]
        seen = [(response.status_code, flashes(response.text)) for response in answers]
        assert seen == [(200, [REFUSED])] * 3 + [(429, [THROTTLED])] * 2


def test_a_throttled_try_computes_no_password_hash(app, auth, monkeypatch):
    set_policy(app, max_failures=2)
    calls = []
    real = accounts.check_password_hash
    monkeypatch.setattr(
        accounts, "check_password_hash", lambda *args: calls.append(1) or real(*args)
    )
    auth.login(COORDINATOR.email, "wrong-password-1")
    auth.login(COORDINATOR.email, "wrong-password-1")
    assert len(calls) == 2  # a hash per try so far
    for password in (PASSWORD, "wrong-password-1", PASSWORD):
        assert auth.login(COORDINATOR.email, password).status_code == 429
    assert len(calls) == 2  # none for the throttled ones


def test_success_resets_the_account(app, client, auth):
    set_policy(app, max_failures=4)
    for _ in range(2):
        auth.login(COORDINATOR.email, "wrong-password-1")
    assert auth.login(COORDINATOR.email, PASSWORD).status_code == 302
    auth.logout()
    for _ in range(2):
        assert auth.login(COORDINATOR.email, "wrong-password-1").status_code == 200
    assert auth.login(COORDINATOR.email, PASSWORD).status_code == 302


def test_many_accounts_from_one_address_lock_the_address(app, auth):
    set_policy(app, max_failures_per_address=4)
    for n in range(4):
        auth.login(f"guess{n}@utrecht.example.nl", "wrong-password-1")
    response = auth.login(STUDENT.email, PASSWORD)
    assert response.status_code == 429 and flashes(response.text) == [THROTTLED]


@pytest.mark.parametrize("kind", ["account", "address"])
def test_state_is_in_the_database(app, auth, database_url, kind):
    """Every worker reads the same rows: the counter lives in login_throttle."""
    auth.login(COORDINATOR.email, "wrong-password-1")
    engine = make_engine(database_url)
    with Session(engine) as session:
        keys = [row.key for row in session.exec(select(LoginThrottle)).all()]
    engine.dispose()
    assert any(key.startswith(f"{kind}:") for key in keys)
