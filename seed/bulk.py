"""Inserting many validated rows at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

from matching.people.records import validated

T = TypeVar("T", bound=SQLModel)


def insert_validated(
    session: Session, table: type[T], rows: Sequence[Mapping[str, Any]]
) -> list[T]:
    """Validate every row (InvalidRecord on the first bad one), insert all in order, get ids."""
    made = [validated(table, row) for row in rows]
    session.add_all(made)
    # One flush for all rows: SQLAlchemy sends multi-row INSERT … RETURNING statements in the
    # order given, so the same rows get the same ids on every fresh database.
    session.flush()
    return made
