"""The one clock of the service: the date in Utrecht (Europe/Amsterdam), spelled only here.

``today(now)`` reads the wall clock unless the caller passes the moment (tests do); the web's
``today()`` (web/portal/dates.py) answers a fixed ``KANSRIJK_TODAY`` when one is configured.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

TIMEZONE_NAME = "Europe/Amsterdam"
LOCAL_ZONE = ZoneInfo(TIMEZONE_NAME)


def today(now: datetime | None = None) -> date:
    """Today's date in Utrecht at the moment ``now`` (default: the wall clock)."""
    return (now or datetime.now(LOCAL_ZONE)).astimezone(LOCAL_ZONE).date()
