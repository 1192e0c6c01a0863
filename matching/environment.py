"""Settings read from the environment: the one rule for a whole number within bounds."""

from __future__ import annotations

from collections.abc import Mapping


def whole_number(
    environ: Mapping[str, str], name: str, default: int, lowest: int = 0, highest: int = 2**31
) -> int:
    """The variable as a whole number from ``lowest`` to ``highest``; the default when unset.

    A bad value is a ValueError naming the variable and the bounds (the web's configuration
    turns it into its ConfigError)."""
    value = environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not lowest <= int(value) <= highest:
        raise ValueError(f"{name} must be a whole number from {lowest} to {highest}, not {value!r}")
    return int(value)
