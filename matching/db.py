"""Engine, sessions and the column types shared by the tables."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import String, TypeDecorator, event
from sqlalchemy.engine import Dialect, Engine
from sqlmodel import Session, create_engine

ENGINE_KEY = "kansrijk.engine"  # where a Flask app keeps its engine in ``app.extensions``


class StringList(TypeDecorator[list[str]]):
    """A list of short codes stored as ``,a,b,`` so that ``LIKE '%,a,%'`` finds members."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> str | None:
        """Join the list with leading and trailing commas."""
        if value is None:
            return None
        return "," + ",".join(value) + "," if value else ""

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[str]:
        """Split the stored text back into a list."""
        if not value:
            return []
        return [part for part in value.split(",") if part]


def default_database_url(instance_path: Path) -> str:
    """The embedded SQLite database in the instance folder."""
    instance_path.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{instance_path / 'kansrijk.sqlite'}"


def database_url_from_env(instance_path: Path) -> str:
    """``DATABASE_URL`` from the environment, else the embedded SQLite database."""
    url = os.environ.get("DATABASE_URL", "").strip()
    return normalise_url(url) if url else default_database_url(instance_path)


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgresql://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets foreign keys on and a busy timeout."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 30})
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Turn on foreign keys and WAL for every SQLite connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def include_name(name: str | None, type_: str, _parents: dict[str, Any]) -> bool:
    """Leave APScheduler's own tables out of Alembic's schema comparison."""
    return not (type_ == "table" and name is not None and name.startswith("apscheduler_"))
