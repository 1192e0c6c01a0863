"""Alembic environment: the URL comes from the caller's config or from DATABASE_URL."""

from __future__ import annotations

from pathlib import Path

from alembic import context
from sqlmodel import SQLModel

import matching.models  # noqa: F401  (registers every table)
from matching.db import database_url_from_env, include_name, make_engine

config = context.config
target_metadata = SQLModel.metadata


def database_url() -> str:
    """The URL set by ``kansrijk db upgrade`` or tests, else the environment's."""
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    return database_url_from_env(Path(__file__).resolve().parent.parent / "instance")


def run_migrations_offline() -> None:
    """Write SQL to stdout instead of running it."""
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations on a live connection."""
    engine = make_engine(database_url())
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_name=include_name,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
