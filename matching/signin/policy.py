"""The settings of signing in, with safe defaults (read from the environment by web/config)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class SigninPolicy:
    """Throttling, session lifetimes, reset expiry and whether coordinators need two-factor."""

    max_failures: int = 10  # per account, before a lock
    max_failures_per_address: int = 50  # per client address, before a lock
    lock_minutes: int = 15
    max_delay_s: int = 60
    session_idle_minutes: int = 120
    session_max_hours: int = 12
    reset_minutes: int = 60
    require_2fa_coordinators: bool = False

    @property
    def lock(self) -> timedelta:
        """How long a lock lasts, and how long failures are remembered."""
        return timedelta(minutes=self.lock_minutes)

    @property
    def session_idle(self) -> timedelta:
        """A session unused this long is ended."""
        return timedelta(minutes=self.session_idle_minutes)

    @property
    def session_max(self) -> timedelta:
        """A session ends this long after sign-in, however busy."""
        return timedelta(hours=self.session_max_hours)


def aware(moment: datetime) -> datetime:
    """A stored time as an aware UTC time (SQLite gives naive ones back)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
