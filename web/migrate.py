"""Alembic, driven from the ``kansrijk db`` commands and the schema test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for the project's migrations on this database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database's schema up to the revision."""
    command.upgrade(alembic_config(url), revision)


def include_name(name: str | None, type_: str, _parents: dict[str, Any]) -> bool:
    """Leave APScheduler's own tables out of the schema comparison."""
    return not (type_ == "table" and name is not None and name.startswith("apscheduler_"))
