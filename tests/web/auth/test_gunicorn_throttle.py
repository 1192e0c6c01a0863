"""Throttling against 2 real gunicorn workers sharing the database: the lock holds in both
worker processes, the right password is refused while locked, and an unknown account gets
exactly the same answers."""

from __future__ import annotations

import re
import time
from urllib.parse import urlencode

import pytest

from tests.web.auth.gunicorn import Answer, Gunicorn, gunicorn
from tests.web.dataset import COORDINATOR, PASSWORD

pytestmark = pytest.mark.slow


def sign_in(server: Gunicorn, email: str, password: str) -> Answer:
    """Fetch the form (its CSRF token and cookie), then post it: two new connections."""
    form = server.request("GET", "/auth/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form.text)
    assert token, "no CSRF token on the sign-in page"
    cookie = form.headers["Set-Cookie"].split(";", 1)[0]
    body = urlencode({"email": email, "password": password, "csrf_token": token.group(1)})
    return server.request("POST", "/auth/login", body=body, cookie=cookie)


def seen(answer: Answer) -> tuple[int, list[str]]:
    """The status and the flashed messages: what a person trying to sign in learns."""
    return answer.status, re.findall(r'<li class="flash flash-\w+">([^<]*)</li>', answer.text)


def guess_until_locked(server: Gunicorn, email: str) -> list[tuple[int, list[str]]]:
    """Two free wrong tries, a third that makes the next wait, a try during the wait, then a
    fourth wrong one after the wait, which locks; every answer as the client saw it."""
    answers = [seen(sign_in(server, email, f"wrong-password-{n}")) for n in range(3)]
    answers.append(seen(sign_in(server, email, f"wrong-password-{3}")))  # within the wait
    time.sleep(1.2)  # real time must pass: the growing delay after the third failure is 1 s
    answers.append(seen(sign_in(server, email, "wrong-password-4")))
    return answers


def test_the_lock_holds_across_two_workers(database_url, world, tmp_path):
    settings = {"KANSRIJK_LOGIN_MAX_FAILURES": "4", "KANSRIJK_LOGIN_LOCK_MINUTES": "15"}
    with gunicorn(database_url, tmp_path, **settings) as server:
        known = guess_until_locked(server, COORDINATOR.email)
        refused, throttled = known[0], known[3]
        assert refused[0] == 200 and throttled[0] == 429
        assert known == [refused, refused, refused, throttled, refused]
        start = len(known)  # one sign-in POST each
        answers, workers = [], set()
        for tries in range(1, 41):  # until both workers have refused the right password
            answers.append(seen(sign_in(server, COORDINATOR.email, PASSWORD)))
            logged = server.workers_that_answered("POST", "/auth/login", start + tries)
            workers = set(logged[start:])
            if len(workers) == 2:
                break
        assert len(workers) == 2, "one worker answered every try: the test proved nothing"
        assert all(answer == throttled for answer in answers)
        unknown = guess_until_locked(server, "nobody@utrecht.example.nl")
        assert unknown == known
        assert seen(sign_in(server, "nobody@utrecht.example.nl", PASSWORD)) == throttled
