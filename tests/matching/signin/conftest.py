"""A stored coordinator for the sign-in tests, and a fixed moment to count from."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from matching.models import User
from tests.matching import stored as make

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
PASSWORD = "kansrijk-test-1"


@pytest.fixture
def user(session) -> User:
    """A coordinator of a municipality, stored and committed."""
    org = make.organisation(session, "gemeente-utrecht", "Gemeente Utrecht", "municipality")
    row = make.user(session, org, "carla@utrecht.example.nl", "coordinator", PASSWORD)
    session.commit()
    return row
