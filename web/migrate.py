"""Alembic, driven from the ``kansrijk db`` commands and the schema test."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config


def migrations_path() -> str:
    """The folder of the ``migrations`` package, in the source tree or an installed wheel."""
    return str(files("migrations"))


def alembic_config(url: str) -> Config:
    """An Alembic configuration for the project's migrations on this database."""
    config = Config()
    config.set_main_option("script_location", migrations_path())
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database's schema up to the revision."""
    command.upgrade(alembic_config(url), revision)
