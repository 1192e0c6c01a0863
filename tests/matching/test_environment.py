"""The one rule for whole-number settings from the environment."""

from __future__ import annotations

import pytest

from matching.environment import whole_number


def test_unset_or_blank_gives_the_default() -> None:
    assert whole_number({}, "KANSRIJK_X", 7) == 7
    assert whole_number({"KANSRIJK_X": "  "}, "KANSRIJK_X", 7) == 7


def test_a_value_within_the_bounds_is_read() -> None:
    assert whole_number({"KANSRIJK_X": " 12 "}, "KANSRIJK_X", 7, 1, 12) == 12


@pytest.mark.parametrize("value", ["0", "13", "-1", "six", "1.5"])
def test_anything_else_is_refused_naming_the_variable_and_bounds(value: str) -> None:
    with pytest.raises(
        ValueError, match=f"KANSRIJK_X must be a whole number from 1 to 12, not '{value}'"
    ):
        whole_number({"KANSRIJK_X": value}, "KANSRIJK_X", 7, 1, 12)
