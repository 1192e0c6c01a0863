"""Helpers shared by the tests: skipping (or failing in CI) when a machine lacks a part."""

from __future__ import annotations

import os

import pytest


def require_all() -> bool:
    """True where CI has asked that nothing be skipped for a missing part."""
    return os.environ.get("KANSRIJK_REQUIRE_ALL") == "1"


def missing(reason: str) -> None:
    """Skip with a reason naming what is missing, or fail when KANSRIJK_REQUIRE_ALL=1."""
    if require_all():
        pytest.fail(f"KANSRIJK_REQUIRE_ALL=1 but {reason}")
    pytest.skip(reason)
