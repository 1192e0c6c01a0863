"""Flask-tutorial fixtures on the shared ``database_url``: every web test runs on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash
from werkzeug.test import TestResponse

from matching import accounts
from matching.db import make_engine, session_scope
from tests.web.dataset import PASSWORD, World, populate
from web.app import create_app
from web.database import ENGINE_KEY


@pytest.fixture(autouse=True)
def _quick_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Store test passwords with a cheap hash: speed only, checking works the same way."""
    monkeypatch.setattr(
        accounts,
        "generate_password_hash",
        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1000"),
    )


@pytest.fixture
def world(database_url: str) -> World:
    """The small data set, stored in the fresh test database."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            return populate(session)
    finally:
        engine.dispose()


@contextmanager
def built_app(database_url: str, **config: Any) -> Iterator[Flask]:
    """An app on the test database; its engine is closed when the test ends.

    No executor thread starts by itself: one started by a request would outlive the test and
    poll the shared PostgreSQL test database during later tests. A test that wants one asks
    (``KANSRIJK_EXECUTOR_AUTOSTART=True``) and stops it."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key-0123456789abcdef",
            "WTF_CSRF_ENABLED": False,
            "KANSRIJK_EXECUTOR_AUTOSTART": False,
            **config,
        }
    )
    try:
        yield app
    finally:
        app.extensions[ENGINE_KEY].dispose()


@pytest.fixture
def app(database_url: str, world: World) -> Iterator[Flask]:
    """The app with CSRF checks off, so tests can post forms directly."""
    with built_app(database_url) as built:
        yield built


@pytest.fixture
def csrf_app(database_url: str, world: World) -> Iterator[Flask]:
    """The app as in production: every POST needs its CSRF token."""
    with built_app(database_url, WTF_CSRF_ENABLED=True) as built:
        yield built


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A browser for the app."""
    return app.test_client()


class AuthActions:
    """Sign in and out as a test user."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(
        self, email: str, password: str = PASSWORD, next_url: str | None = None
    ) -> TestResponse:
        """Post the sign-in form."""
        data = {"email": email, "password": password}
        if next_url is not None:
            data["next"] = next_url
        return self._client.post("/auth/login", data=data)

    def logout(self) -> TestResponse:
        """Post the sign-out form."""
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    """Sign-in helpers on the test client."""
    return AuthActions(client)
