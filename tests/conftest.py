"""Database fixtures: every test that takes ``engine`` runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

import matching.models  # noqa: F401  (registers every table)
from matching.db import make_engine
from tests.support import missing

DATABASES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def _postgres_engine() -> Iterator[Engine | None]:
    """An engine on a database of this test session's own, made on TEST_DATABASE_URL's server.

    Its own database (not the one named in the URL) lets several test sessions share a server.
    """
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        yield None
        return
    server = make_engine(url, isolation_level="AUTOCOMMIT")
    name = f"kansrijk_test_{os.getpid()}"
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(server.url.set(database=name).render_as_string(hide_password=False))
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def _truncate(engine: Engine) -> None:
    """Empty every table of the PostgreSQL test database."""
    names = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=DATABASES)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, _postgres_engine: Engine | None
) -> Iterator[str]:
    """A fresh, empty database with every table: a SQLite file, or the emptied PostgreSQL one."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite'}"
        engine = make_engine(url)
        SQLModel.metadata.create_all(engine)
        engine.dispose()
        yield url
        return
    if _postgres_engine is None:
        missing("no PostgreSQL server: TEST_DATABASE_URL is not set")
    assert _postgres_engine is not None
    _truncate(_postgres_engine)
    yield _postgres_engine.url.render_as_string(hide_password=False)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on the fresh test database."""
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the fresh test database."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture(params=DATABASES)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all: a new SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        missing("no PostgreSQL server: TEST_DATABASE_URL is not set")
    server = make_engine(url, isolation_level="AUTOCOMMIT")
    name = f"kansrijk_empty_{os.getpid()}"
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.url.set(database=name).render_as_string(hide_password=False)
    with server.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()
