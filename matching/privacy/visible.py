"""The one condition that keeps erased people out of every list, search, export and run."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, true
from sqlmodel import col


def not_erased(table: Any) -> ColumnElement[bool]:
    """Rows of the table that were not erased (every row, for a table without erasure)."""
    column = getattr(table, "erased_at", None)
    return true() if column is None else col(column).is_(None)
