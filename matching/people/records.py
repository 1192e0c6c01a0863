"""Creating and updating records: validated on entry, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlmodel import Session, SQLModel

from matching.people.validation import from_validation_error

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
    stale = _stale_fields(type(row), changes)
    merged = {**row.model_dump(exclude=stale), **changes}
    checked = validated(type(row), merged)
    for field in set(changes) | stale:
        setattr(row, field, getattr(checked, field))
    session.add(row)
    session.flush()
    return row


def _stale_fields(table: type[SQLModel], changes: Mapping[str, Any]) -> set[str]:
    """Fields derived from a changed field, to be derived again unless also given."""
    derived: dict[str, tuple[str, ...]] = getattr(table, "derived_from", {})
    stale = {name for source in changes for name in derived.get(source, ())}
    return stale - set(changes)
