"""A missing id is an error, never silently 0 (issue 10, point 7)."""

from __future__ import annotations

import pytest

from matching.models import Organisation
from matching.models.common import MissingId, require_id, required_id


def test_a_row_without_id_is_refused() -> None:
    """An unflushed row has no id: asking for it raises instead of giving 0."""
    row = Organisation(code="x", name="X", kind="partner")
    with pytest.raises(MissingId, match="Organisation"):
        require_id(row)
    row.id = 7
    assert require_id(row) == 7


def test_an_empty_id_column_is_refused() -> None:
    """A None read from an id column names the column."""
    with pytest.raises(MissingId, match="student_id"):
        required_id(None, "student_id")
    assert required_id(0, "student_id") == 0
