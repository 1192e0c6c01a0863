"""A fresh, migrated PostgreSQL database per test for the production start (skips without one)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count

import pytest
from sqlalchemy import text

from matching.accounts import create_user
from matching.db import make_engine, session_scope
from matching.models import Organisation
from matching.models.user import UserCreate
from tests.support import missing
from web.migrate import upgrade

STRONG_SECRET = "production-test-secret-6f1c9a2b7d4e8f0a3b5c"
_numbers = count()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A new PostgreSQL database with the newest schema, dropped afterwards."""
    server_url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not server_url:
        missing("no PostgreSQL server: TEST_DATABASE_URL is not set")
    server = make_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"kansrijk_prod_{os.getpid()}_{next(_numbers)}"
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.url.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    try:
        yield url
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def add_organisation(url: str, code: str = "utrecht") -> int:
    """The municipality the first coordinator belongs to; its id."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            org = Organisation(code=code, name="Gemeente Utrecht", kind="municipality")
            session.add(org)
            session.flush()
            return org.id or 0
    finally:
        engine.dispose()


def add_user(url: str, org_id: int, email: str, password: str, role: str = "coordinator") -> int:
    """An account; its id."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            data = UserCreate(
                email=email, name="Carla", role=role, organisation_id=org_id, password=password
            )
            return create_user(session, user_in=data).id or 0
    finally:
        engine.dispose()


@pytest.fixture
def production_env(monkeypatch: pytest.MonkeyPatch, pg_url: str) -> str:
    """The process environment of a correct production start on the fresh database."""
    for name in ("SMTP_HOST", "MAIL_FROM", "KANSRIJK_PROXY_HOPS", "KANSRIJK_TLS_CERT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KANSRIJK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("DATABASE_URL", pg_url)
    return pg_url
