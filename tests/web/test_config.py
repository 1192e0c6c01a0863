"""Settings from the environment (web/config.py): each bad value named, production strict,
proxy headers trusted only when asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask, request
from sqlalchemy.pool import QueuePool

from web.app import create_app
from web.config import DEVELOPMENT_SECRET, ConfigError, Launch, Settings, load_settings
from web.database import ENGINE_KEY, init_database

GOOD_SECRET = "a-long-random-production-secret-0123"


def settings(tmp_path: Path, **env: str) -> Settings:
    return load_settings(tmp_path, env)


@pytest.mark.parametrize("env", ["production", "testing"])
def test_outside_development_a_missing_or_placeholder_secret_is_refused(
    tmp_path: Path, env: str
) -> None:
    for secret in ("", "change-me", "short", DEVELOPMENT_SECRET, "a" * 40, GOOD_SECRET[:31]):
        with pytest.raises(ConfigError, match="SECRET_KEY"):
            settings(tmp_path, KANSRIJK_ENV=env, SECRET_KEY=secret)
    assert settings(tmp_path, KANSRIJK_ENV=env, SECRET_KEY=GOOD_SECRET).secret_key == GOOD_SECRET


def test_development_falls_back_to_its_own_key(tmp_path: Path) -> None:
    assert settings(tmp_path).secret_key == DEVELOPMENT_SECRET
    assert settings(tmp_path).database_url.startswith("sqlite:///")


@pytest.mark.parametrize("env", [{}, {"KANSRIJK_ENV": "development"}])
@pytest.mark.parametrize("launch", [Launch.WSGI, Launch.SCHEDULER])
def test_only_the_development_server_may_use_the_development_key(
    tmp_path: Path, env: dict[str, str], launch: Launch
) -> None:
    """gunicorn, flask run, any WSGI import and the scheduler name the variable to set."""
    with pytest.raises(ConfigError, match="set SECRET_KEY"):
        load_settings(tmp_path, env, launch=launch)
    for allowed in (Launch.DEVELOPMENT_SERVER, Launch.COMMAND):
        assert load_settings(tmp_path, env, launch=allowed).secret_key == DEVELOPMENT_SECRET


def test_a_wsgi_start_without_kansrijk_env_is_production(tmp_path: Path) -> None:
    read = load_settings(tmp_path, {"SECRET_KEY": GOOD_SECRET}, launch=Launch.WSGI)
    assert read.env == "production"
    command = load_settings(tmp_path, {"SECRET_KEY": GOOD_SECRET}, launch=Launch.COMMAND)
    assert command.env == "development"


def test_the_factory_refuses_to_start_without_a_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("KANSRIJK_ENV", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite'}")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


def test_an_unknown_environment_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"KANSRIJK_ENV.*'staging'"):
        settings(tmp_path, KANSRIJK_ENV="staging")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SMTP_PORT", "abc"),
        ("SMTP_PORT", "0"),
        ("SMTP_PORT", "70000"),
        ("KANSRIJK_PROXY_HOPS", "-1"),
        ("KANSRIJK_PROXY_HOPS", "one"),
        ("KANSRIJK_DB_POOL_SIZE", "0"),
        ("KANSRIJK_DB_POOL_SIZE", "101"),
    ],
)
def test_a_bad_number_names_its_variable_and_value(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=f"{name} must be a whole number.*'{value}'"):
        settings(tmp_path, **{name: value})


def test_numbers_are_read(tmp_path: Path) -> None:
    read = settings(tmp_path, SMTP_PORT="587", KANSRIJK_PROXY_HOPS="1")
    assert (read.mail.port, read.proxy_hops) == (587, 1)
    assert (settings(tmp_path).mail.port, settings(tmp_path).proxy_hops) == (25, 0)


def test_a_server_database_keeps_a_connection_for_every_thread(tmp_path: Path) -> None:
    # More threads than pooled connections would connect anew for every request past the
    # pool's size; the default covers gunicorn's 8 threads. No connection is opened here.
    assert settings(tmp_path).db_pool_size == 10
    assert settings(tmp_path, KANSRIJK_DB_POOL_SIZE="12").db_pool_size == 12
    app = Flask(__name__)
    init_database(app, "postgresql+psycopg://kansrijk@127.0.0.1:1/none", pool_size=12)
    pool = app.extensions[ENGINE_KEY].pool
    assert isinstance(pool, QueuePool) and pool.size() == 12


def _url_root_seen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, hops: str) -> str:
    """The URL root the app sees for a request that came through a proxy."""
    monkeypatch.setenv("KANSRIJK_PROXY_HOPS", hops)
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'proxy.sqlite'}",
            "SECRET_KEY": GOOD_SECRET,
        }
    )
    app.add_url_rule("/probe", "probe", lambda: request.url_root)
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "match.utrecht.example"}
    return app.test_client().get("/probe", headers=headers).get_data(as_text=True)


def test_forwarded_headers_are_used_only_behind_a_configured_proxy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert _url_root_seen(monkeypatch, tmp_path, "0") == "http://localhost/"
    assert _url_root_seen(monkeypatch, tmp_path, "1") == "https://match.utrecht.example/"


def test_notice_settings_come_from_the_environment(tmp_path: Path) -> None:
    """The reminders' periods and link address are read at start; a bad link address is a
    ConfigError naming its variable."""
    read = load_settings(tmp_path, {"SECRET_KEY": GOOD_SECRET, "KANSRIJK_CHECK_IN_WEEKS": "4"})
    assert read.notices.check_in_weeks == 4
    with pytest.raises(ConfigError, match="KANSRIJK_BASE_URL"):
        load_settings(tmp_path, {"SECRET_KEY": GOOD_SECRET, "KANSRIJK_BASE_URL": "ftp://x"})
