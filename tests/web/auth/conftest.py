"""The web sign-in tests' app: a frozen clock, no background executor, settings to change."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, col, select

from matching.db import make_engine
from matching.models import OutboxMail
from tests.web.conftest import built_app
from tests.web.dataset import World

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the app reads; tests move it forward."""

    def __init__(self) -> None:
        self.moment = NOW

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(database_url: str, world: World, clock: Clock) -> Iterator[Flask]:
    """The app on the frozen clock; mail stays in the outbox (no executor)."""
    with built_app(database_url, KANSRIJK_CLOCK=clock, KANSRIJK_EXECUTOR_AUTOSTART=False) as built:
        yield built


def set_policy(app: Flask, **changes: Any) -> None:
    """Change the app's sign-in settings for this test."""
    settings = app.config["KANSRIJK_SETTINGS"]
    app.config["KANSRIJK_SETTINGS"] = replace(settings, signin=replace(settings.signin, **changes))


def flashes(html: str) -> list[str]:
    """The flashed messages of a page."""
    return re.findall(r'<li class="flash flash-\w+">([^<]*)</li>', html)


def copy_of(client: FlaskClient, app: Flask) -> FlaskClient:
    """Another browser holding a copy of this one's session cookie."""
    thief = app.test_client()
    cookie = client.get_cookie("session")
    assert cookie is not None, "the first browser has no session cookie"
    thief.set_cookie("session", cookie.value)
    return thief


def outbox(database_url: str) -> list[OutboxMail]:
    """Every queued mail, oldest first."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        mails = list(session.exec(select(OutboxMail).order_by(col(OutboxMail.id))).all())
    engine.dispose()
    return mails


def reset_link(database_url: str) -> str:
    """The path of the reset link in the newest mail of the outbox."""
    body = outbox(database_url)[-1].body
    found = re.search(r"http://localhost(/auth/reset/[A-Za-z0-9_-]+)", body)
    assert found, "no reset link in the mail"
    return found.group(1)
