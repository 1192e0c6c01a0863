"""Helpers shared by the tests: skipping (or failing in CI) for a missing part, waiting."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TypeVar

import pytest

T = TypeVar("T")


def require_all() -> bool:
    """True where CI has asked that nothing be skipped for a missing part."""
    return os.environ.get("KANSRIJK_REQUIRE_ALL") == "1"


def missing(reason: str) -> None:
    """Skip with a reason naming what is missing, or fail when KANSRIJK_REQUIRE_ALL=1."""
    if require_all():
        pytest.fail(f"KANSRIJK_REQUIRE_ALL=1 but {reason}")
    pytest.skip(reason)


def wait_until(
    condition: Callable[[], T | None], *, what: str, timeout: float = 30.0, interval: float = 0.02
) -> T:
    """Poll ``condition`` until it returns something truthy; fail naming ``what`` at the deadline.

    Tests wait for a state instead of sleeping for a guessed time: a fast machine goes on at
    once, a slow one waits longer, and neither can pass a check before its cause happened.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            pytest.fail(f"waited {timeout} s for {what}")
        time.sleep(interval)
