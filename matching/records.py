"""Creating and updating records: validated on entry, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlmodel import Session, SQLModel

from matching.validation import from_validation_error

T = TypeVar("T", bound=SQLModel)


def validated(table: type[T], data: Mapping[str, Any] | SQLModel) -> T:
    """Build a row of ``table`` from data, or raise InvalidRecord naming each bad field."""
    try:
        return table.model_validate(data)
    except ValidationError as exc:
        raise from_validation_error(exc) from None


def create_record(session: Session, *, table: type[T], data: Mapping[str, Any] | SQLModel) -> T:
    """Validate and add a new row; it is written when the caller's transaction commits."""
    row = validated(table, data)
    session.add(row)
    session.flush()
    return row


def update_record(session: Session, *, row: T, changes: Mapping[str, Any]) -> T:
    """Apply changes to a row only if the changed row as a whole is still valid."""
    merged = {**row.model_dump(), **changes}
    checked = validated(type(row), merged)
    for field in changes:
        setattr(row, field, getattr(checked, field))
    session.add(row)
    session.flush()
    return row
