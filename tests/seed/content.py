"""Helpers for the seed tests: a database's content as plain rows, seeding a fresh file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import matching.models  # noqa: F401  (registers every table)
from matching.db import make_engine, session_scope
from seed import SeedReport, seed_database

AS_OF = date(2025, 3, 3)
# What differs between two seedings with the same seed: salted hashes, the accounts' creation.
NOT_COMPARED = {"user": {"password_hash", "created_at"}}


def content(
    engine: Engine, skip_columns: dict[str, set[str]] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows in id order, as dicts, without the skipped columns (NOT_COMPARED)."""
    skipped = NOT_COMPARED if skip_columns is None else skip_columns
    found: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            skip = skipped.get(table.name, set())
            order = table.c.id if "id" in table.c else next(iter(table.c))
            rows = conn.execute(select(table).order_by(order)).mappings()
            found[table.name] = [
                {key: value for key, value in row.items() if key not in skip} for row in rows
            ]
    return found


def row_total(engine: Engine) -> int:
    """How many rows the database holds, all tables together."""
    return sum(len(rows) for rows in content(engine).values())


def seed_engine(engine: Engine, size: str, seed: int = 7, as_of: date = AS_OF) -> SeedReport:
    """Seed in one transaction, as the CLI does."""
    with session_scope(engine) as session:
        return seed_database(session, size=size, seed=seed, as_of=as_of)


def fresh_sqlite(path: Path) -> Engine:
    """An engine on a new SQLite file with every table."""
    engine = make_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    return engine
