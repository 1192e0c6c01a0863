"""Fail closed: a production start refuses a weak key, SQLite and demo accounts, and a cookie
signed with the development key opens nothing; HSTS is sent."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text
from sqlmodel import Session

from matching.db import make_engine, session_scope
from matching.models import User
from matching.signin.sessions import start_session
from seed import seed_database
from tests.web.production.conftest import STRONG_SECRET, add_organisation, add_user
from web.app import create_app
from web.config import DEVELOPMENT_SECRET, ConfigError, Launch
from web.database import ENGINE_KEY

AS_OF = date(2026, 11, 26)
EXPORT = "/coordinator/people/families/export.csv"


def forged_cookie(app: Flask, signed_in: int | str, key: str) -> str:
    """A Flask session cookie naming ``signed_in`` as Flask-Login's user (a user id, or the
    id of a server-side session), signed with ``key``."""
    signer = Flask("forger")
    signer.secret_key = key
    serializer = app.session_interface.get_signing_serializer(signer)  # type: ignore[attr-defined]
    assert serializer is not None
    return str(serializer.dumps({"_user_id": str(signed_in), "_fresh": True}))


def live_session(url: str, user_id: int) -> str:
    """The id of a server-side session of the user, started now (as a sign-in would)."""
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            user = session.get(User, user_id)
            assert user is not None
            return start_session(session, user=user, now=datetime.now(UTC))
    finally:
        engine.dispose()


def _status_with_cookie(app: Flask, cookie: str) -> int:
    client = app.test_client()
    client.set_cookie("session", cookie, domain="localhost")
    return client.get(EXPORT, base_url="https://localhost").status_code


@pytest.mark.postgres
@pytest.mark.parametrize("launch", [Launch.WSGI, Launch.SCHEDULER, Launch.DEVELOPMENT_SERVER])
def test_a_cookie_forged_with_the_development_key_opens_nothing(
    production_env: str, launch: Launch
) -> None:
    user_id = add_user(production_env, add_organisation(production_env), "c@utrecht.nl", "x" * 14)
    app = create_app(launch=launch)
    try:
        assert app.secret_key == STRONG_SECRET
        token = live_session(production_env, user_id)
        assert _status_with_cookie(app, forged_cookie(app, token, DEVELOPMENT_SECRET)) == 302
        # the same cookie signed with the real key does open the export: the forgery is real
        assert _status_with_cookie(app, forged_cookie(app, token, STRONG_SECRET)) == 200
        # and a cookie naming the user id itself opens nothing, whatever key signed it
        assert _status_with_cookie(app, forged_cookie(app, user_id, STRONG_SECRET)) == 302
    finally:
        app.extensions[ENGINE_KEY].dispose()


@pytest.mark.postgres
def test_production_sends_hsts(production_env: str) -> None:
    app = create_app()
    try:
        response = app.test_client().get("/auth/login", base_url="https://localhost")
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    finally:
        app.extensions[ENGINE_KEY].dispose()


def test_outside_production_there_is_no_hsts(app: Flask) -> None:
    assert "Strict-Transport-Security" not in app.test_client().get("/auth/login").headers


@pytest.mark.postgres
def test_production_refuses_to_start_with_demo_accounts(production_env: str) -> None:
    engine = make_engine(production_env)
    with session_scope(engine) as session:
        seed_database(session, size="small", seed=7, as_of=AS_OF)
    engine.dispose()
    for launch in (Launch.WSGI, Launch.SCHEDULER, Launch.DEVELOPMENT_SERVER):
        with pytest.raises(ConfigError, match=r"demo_accounts: \d+ demo accounts are active"):
            create_app(launch=launch)


@pytest.mark.postgres
def test_production_starts_once_the_demo_accounts_are_deactivated(production_env: str) -> None:
    engine = make_engine(production_env)
    with session_scope(engine) as session:
        seed_database(session, size="small", seed=7, as_of=AS_OF)
    with Session(engine) as session, session.begin():
        session.execute(text('UPDATE "user" SET active = false'))
    engine.dispose()
    create_app().extensions[ENGINE_KEY].dispose()


def test_production_refuses_sqlite(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KANSRIJK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'p.sqlite'}")
    with pytest.raises(ConfigError, match="DATABASE_URL is not PostgreSQL"):
        create_app()
    create_app(launch=Launch.COMMAND).extensions[ENGINE_KEY].dispose()  # db upgrade may run
