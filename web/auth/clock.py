"""The sign-in settings and the clock of this app (tests freeze the clock)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import current_app

from matching.models.common import utcnow
from matching.signin.policy import SigninPolicy

CLOCK_KEY = "KANSRIJK_CLOCK"  # tests put a callable returning a fixed aware time here


def policy() -> SigninPolicy:
    """The app's sign-in settings."""
    found: SigninPolicy = current_app.config["KANSRIJK_SETTINGS"].signin
    return found


def now() -> datetime:
    """The current time (UTC), or the test's frozen clock."""
    clock: Callable[[], datetime] | None = current_app.config.get(CLOCK_KEY)
    return clock() if clock is not None else utcnow()
