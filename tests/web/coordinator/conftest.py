"""The coordinator's app on the test database: a fixed today, no executor thread, temp uploads.

``client``/``app`` (from tests/web/conftest.py) use the small hand-made ``world``; ``demo_client``
uses the seeded `small` demo instead, for pages that need runs, proposals and preschools.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.engine import Engine

from matching.db import make_engine, session_scope
from scheduler.executor import execute_pending
from seed import seed_database
from tests.web.conftest import AuthActions, built_app
from tests.web.dataset import COORDINATOR, World
from web.database import ENGINE_KEY

TODAY = date(2026, 11, 26)
DEMO_COORDINATOR = ("coordinator@kansrijk.demo", "demo-coordinator")


def config(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    """What every coordinator test app sets: today, no executor thread, uploads in tmp."""
    return {
        "KANSRIJK_TODAY": TODAY,
        "KANSRIJK_EXECUTOR_AUTOSTART": False,
        "KANSRIJK_UPLOAD_DIR": str(tmp_path / "uploads"),
        **extra,
    }


@pytest.fixture
def app(database_url: str, world: World, tmp_path: Path) -> Iterator[Flask]:
    """The app on the `world` data, CSRF checks off."""
    with built_app(database_url, **config(tmp_path)) as built:
        yield built


@pytest.fixture
def coordinator(client: FlaskClient, auth: AuthActions) -> FlaskClient:
    """The test client, signed in as the world's coordinator."""
    auth.login(COORDINATOR.email)
    return client


def seed_demo(database_url: str) -> None:
    """Store the `small` demo in the test database."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            seed_database(session, size="small", seed=7, as_of=TODAY)
    finally:
        engine.dispose()


@pytest.fixture
def demo_app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """The app on the seeded `small` demo, CSRF checks off."""
    seed_demo(database_url)
    with built_app(database_url, **config(tmp_path)) as built:
        yield built


def sign_in_demo(app: Flask) -> FlaskClient:
    """A client signed in as the demo's coordinator."""
    client = app.test_client()
    email, password = DEMO_COORDINATOR
    response = client.post("/auth/login", data={"email": email, "password": password})
    assert response.status_code == 302
    return client


@pytest.fixture
def demo_client(demo_app: Flask) -> FlaskClient:
    """A client signed in as the demo's coordinator."""
    return sign_in_demo(demo_app)


def engine_of(app: Flask) -> Engine:
    """The app's engine."""
    found: Engine = app.extensions[ENGINE_KEY]
    return found


def run_matching(app: Flask, client: FlaskClient) -> int:
    """Ask for a run through the page and let the executor do it; the run's id."""
    response = client.post("/coordinator/runs/")
    assert response.status_code == 302
    run_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    assert execute_pending(engine_of(app)) == [run_id]
    return run_id
